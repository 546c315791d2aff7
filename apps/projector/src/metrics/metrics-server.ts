import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port (see `url`). */
  port: number;
}

export interface MetricsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The projector has no API, so Prometheus scrapes it on a small listener of its own:
 * GET /metrics (text format) and GET /health/live. Nothing else is served.
 */
export async function startMetricsServer(registry: Registry, options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => void answer(registry, request, response));
  await listen(server, options);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, { host, port }: MetricsServerOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function answer(registry: Registry, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://projector').pathname;
  if (request.method !== 'GET') return send(response, 405, 'METHOD_NOT_ALLOWED', 'Only GET is served here');
  if (path === '/health/live') return json(response, 200, { status: 'ok' });
  if (path !== '/metrics') return send(response, 404, 'NOT_FOUND', 'GET /metrics or /health/live');
  try {
    const body = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body);
  } catch (error) {
    send(response, 500, 'METRICS_UNAVAILABLE', error instanceof Error ? error.message : String(error));
  }
}

function send(response: ServerResponse, status: number, code: string, message: string): void {
  json(response, status, { statusCode: status, code, message });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
