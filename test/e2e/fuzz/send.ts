import { Pool } from 'undici';
import type { HostileRequest } from './hostile-requests.js';

export interface Outcome {
  request: HostileRequest;
  /** 0 when no answer came (see failure). */
  status: number;
  /** The correlation id the API used, from its answer: the one its events carry. */
  correlationId?: string;
  code?: string;
  /** `id` of a created resource (subscriptions), to match rows against answers. */
  createdId?: string;
  failure?: string;
}

/** Sends every request, `concurrency` at a time over kept-alive connections, and keeps every answer. */
export async function sendAll(baseUrl: string, requests: HostileRequest[], concurrency: number): Promise<Outcome[]> {
  const pool = new Pool(baseUrl, { connections: concurrency, headersTimeout: 20_000, bodyTimeout: 20_000 });
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      outcomes[index] = await sendOne(pool, requests[index]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close();
  }
  return outcomes;
}

async function sendOne(pool: Pool, request: HostileRequest): Promise<Outcome> {
  try {
    const answer = await pool.request({
      method: 'POST',
      path: request.path,
      headers: request.headers,
      body: request.body,
    });
    const text = await answer.body.text();
    const body = parse(text);
    const correlation = answer.headers['x-correlation-id'];
    return {
      request,
      status: answer.statusCode,
      correlationId: Array.isArray(correlation) ? correlation[0] : correlation,
      code: typeof body?.code === 'string' ? body.code : undefined,
      createdId: typeof body?.id === 'string' ? body.id : undefined,
    };
  } catch (error) {
    return { request, status: 0, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
