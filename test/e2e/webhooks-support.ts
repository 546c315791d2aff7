/** Helpers shared by the webhook tests: one API and database per file, real receivers, workers on a test clock. */
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { CliContext } from '../../apps/cli/src/cli-context.js';
import type { CliCommand } from '../../apps/cli/src/command.js';
import type { WebhookDeliveryOptions } from '../../apps/projector/src/webhooks/delivery-options.js';
import {
  type DeliveryWorkerDependencies,
  WebhookDeliveryWorker,
} from '../../apps/projector/src/webhooks/delivery-worker.js';
import { PostgresEventStore, type Position } from '../../libs/event-store/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, categorization, intake, service } from '../support/complaint-requests.js';
import { type ReceiverOptions, WebhookReceiver } from '../support/webhook-receiver.js';

export const secret = 'test-secret-0123456789abcdef';

export interface StoredEvent {
  id: string;
  type: string;
  streamName: string;
  revision: number;
  position: string;
}

export class WebhookTestBed {
  private readonly closers: (() => Promise<void>)[] = [];

  private constructor(
    readonly api: TestApi,
    readonly http: ReturnType<typeof httpClient>,
    readonly store: PostgresEventStore,
    readonly pool: pg.Pool,
  ) {}

  static async start(): Promise<WebhookTestBed> {
    const api = await startTestApi();
    const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 4 });
    const pool = new pg.Pool({ connectionString: api.database.url, max: 6 });
    return new WebhookTestBed(api, httpClient(api.url, agent), store, pool);
  }

  /** After each test: receivers closed, subscriptions (and their dead letters) gone; events stay. */
  async cleanUp(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    await this.pool.query('DELETE FROM webhook_subscriptions');
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.pool.end();
    await this.api.close();
  }

  async receiver(options: Partial<ReceiverOptions> = {}): Promise<WebhookReceiver> {
    const started = await WebhookReceiver.start({
      secret,
      nowSeconds: () => Math.floor(Date.now() / 1000),
      ...options,
    });
    this.closers.push(() => started.close());
    return started;
  }

  /** POST /subscriptions (default: from now on, every type); the answer's body. */
  async subscribe(url: string, body: Record<string, unknown> = {}): Promise<{ id: string; position: Position }> {
    const answer = await this.http.post('/subscriptions', { url, secret, ...body }, service);
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async status(id: string): Promise<Answer['body']> {
    return (await this.http.get(`/subscriptions/${id}`, service)).body;
  }

  worker(
    clock: { now(): Date },
    options: Partial<WebhookDeliveryOptions> = {},
    deps: Partial<DeliveryWorkerDependencies> = {},
  ): WebhookDeliveryWorker {
    return new WebhookDeliveryWorker(
      { store: this.store, pool: this.pool, clock, random: () => 0.5, ...deps },
      { timeoutMs: 150, backoff: { baseMs: 1_000, maxMs: 8_000 }, ...options },
    );
  }

  /** Complaints whose events interleave in the global feed: intake of all, then a step of each, twice. */
  async interleavedComplaints(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push((await this.http.post('/complaints', intake())).body.complaintId);
    }
    for (const id of ids) {
      expect((await this.http.post(`/complaints/${id}/acknowledge`, { how: 'email' })).status).toBe(200);
    }
    for (const id of ids) {
      expect((await this.http.post(`/complaints/${id}/categorize`, categorization)).status).toBe(200);
    }
    return ids;
  }

  /** The complaints' stored events, in global feed order, once the feed shows all of them. */
  async eventsOf(ids: string[]): Promise<StoredEvent[]> {
    const histories = await Promise.all(
      ids.map(async (id) => {
        const { events } = (await this.http.get(`/complaints/${id}/history`)).body;
        return (events as Omit<StoredEvent, 'streamName'>[]).map((event) => ({
          ...event,
          streamName: `complaint-${id}`,
        }));
      }),
    );
    const events = histories.flat().sort((a, b) => this.store.comparePositions(a.position, b.position));
    await this.feedShows(events.at(-1)!.position);
    return events;
  }

  /**
   * Test files share one server, and the global feed shows an event only once every older
   * transaction on the server has ended (trap 1): wait (bounded) until it shows `position`.
   */
  async feedShows(position: Position, timeoutMs = 15_000): Promise<void> {
    await waitFor(async () => this.store.comparePositions(await this.store.headPosition(), position) >= 0, timeoutMs);
  }

  /** One CLI command in-process, as `npm run cli -- <name> <args>` would run it. */
  async cli(command: CliCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
    const [out, err] = [collect(), collect()];
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: this.api.database.url });
    const context = new CliContext(config, out.stream, err.stream);
    try {
      const code = await command.run(args, context);
      return { code, out: out.text(), err: err.text() };
    } finally {
      await context.close();
    }
  }
}

/** Passes of the worker, the clock jumping past any back-off between them, until `done` or the cap. */
export async function drive(run: () => Promise<unknown>, advance: () => void, done: () => boolean, cap = 60) {
  for (let pass = 0; pass < cap && !done(); pass += 1) {
    await run();
    advance();
  }
  expect(done()).toBe(true);
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Revisions per stream, in the order given: the receiver's view of each complaint. */
export function revisionsByStream(events: { streamName: string; revision: number }[]): Map<string, number[]> {
  const byStream = new Map<string, number[]>();
  for (const event of events)
    byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event.revision]);
  return byStream;
}

function collect() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}
