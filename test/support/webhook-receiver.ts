import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_HEADERS } from '../../libs/subscriptions/src/index.js';

/** What the receiver does with one request: answer 200, answer 500, or never answer (a timeout). */
export type ReceiverAnswer = 'ok' | 'fail' | 'hang';

export interface ReceivedDelivery {
  path: string;
  eventId: string;
  attempt: number;
  body: string;
  /** The parsed envelope. */
  event: { id: string; type: string; streamName: string; revision: number; position: string };
  signatureValid: boolean;
  answer: ReceiverAnswer;
}

export interface ReceiverOptions {
  secret: string;
  /** The receiver's clock for the replay check (unix seconds). */
  nowSeconds: () => number;
  /** Decides each answer; `index` counts every request received so far (0-based). */
  answer?: (delivery: Omit<ReceivedDelivery, 'answer'>, index: number) => ReceiverAnswer;
  /** Delay before answering 'ok' or 'fail', to make concurrent deliveries overlap. */
  answerDelayMs?: number;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1 for tests: verifies every signature, records every
 * request, and tracks how many deliveries of the same (path, event) were in flight at once.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** Highest number of simultaneous requests for one (path, event id). */
  maxInFlightPerEvent = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: ReceiverOptions,
  ) {}

  static async start(options: ReceiverOptions): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (request, response) => void receiver.handle(request, response));
    return receiver;
  }

  /** Deliveries answered 200, in arrival order (what the receiver actually took). */
  accepted(path?: string): ReceivedDelivery[] {
    return this.received.filter(
      (delivery) => delivery.answer === 'ok' && (path === undefined || delivery.path === path),
    );
  }

  /** Accepted more than once: allowed by at-least-once, counted and reported by the tests. */
  duplicates(path?: string): number {
    const accepted = this.accepted(path);
    return accepted.length - new Set(accepted.map((delivery) => delivery.eventId)).size;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const eventId = String(request.headers[WEBHOOK_HEADERS.eventId]);
    const key = `${request.url} ${eventId}`;
    const inFlight = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, inFlight);
    this.maxInFlightPerEvent = Math.max(this.maxInFlightPerEvent, inFlight);
    const delivery = {
      path: request.url ?? '/',
      eventId,
      attempt: Number(request.headers[WEBHOOK_HEADERS.attempt]),
      body,
      event: JSON.parse(body) as ReceivedDelivery['event'],
      signatureValid: verifyWebhookSignature({
        header: request.headers[WEBHOOK_HEADERS.signature] as string | undefined,
        body,
        secret: this.options.secret,
        nowSeconds: this.options.nowSeconds(),
      }).ok,
    };
    const answer = this.options.answer?.(delivery, this.received.length) ?? 'ok';
    this.received.push({ ...delivery, answer });
    const done = (): void => {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    };
    if (answer === 'hang') {
      this.hanging.add(response);
      response.on('close', done);
      return;
    }
    if (this.options.answerDelayMs) await new Promise((resolve) => setTimeout(resolve, this.options.answerDelayMs));
    done();
    response.writeHead(answer === 'ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(answer);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    nowSeconds: () => Math.floor(now / 1000),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
