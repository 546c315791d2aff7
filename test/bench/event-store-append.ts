import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { eventStoreMigrations, PostgresEventStore, type NewEvent } from '../../libs/event-store/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { median, round } from './stats.js';
import { admin } from './bench-database.js';

export interface AppendBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one per call). */
  databaseUrl: string;
  durationMs: number;
  concurrency: number;
  /**
   * Rounds per side (default 7), raw and adapter back to back within a round and alternating which
   * goes first, so load from anything else on the machine hits both sides alike.
   */
  rounds?: number;
}

export interface AppendBenchResult {
  concurrency: number;
  rawInsertsPerSecond: number;
  adapterAppendsPerSecond: number;
  /** Median of the per-round adapter / raw ratios; the target is >= 0.8. */
  ratio: number;
  rounds: { raw: number; adapter: number }[];
}

/** The events table without the store: same columns and indexes, no function, no streams row. */
const RAW_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY,
  UNIQUE (event_id), UNIQUE (stream_name, stream_revision), PRIMARY KEY (global_position));
  CREATE INDEX IF NOT EXISTS raw_events_feed ON raw_events (transaction_id, global_position)`;

const RAW_INSERT = `INSERT INTO raw_events (event_id, stream_name, stream_revision, event_type, schema_version, data,
  metadata, recorded_at, previous_hash, hash) VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9)`;

/**
 * Event store appends (one event, new stream, expected no_stream) against raw single-row INSERTs of
 * the same payload, autocommit, on the same server and pool size. Rates are medians of the rounds.
 */
export async function benchAppends(options: AppendBenchOptions): Promise<AppendBenchResult> {
  await runMigrations(options.databaseUrl, eventStoreMigrations);
  const store = new PostgresEventStore({ connectionString: options.databaseUrl, poolSize: options.concurrency });
  await store.pool.query(RAW_TABLE);
  const rounds: { raw: number; adapter: number }[] = [];
  try {
    await measure(store.pool, 1, Math.min(500, options.durationMs), (n) => rawInsert(store.pool, n)); // warm-up
    await measure(store.pool, 1, Math.min(500, options.durationMs), () => storeAppend(store));
    const rawSide = () => measure(store.pool, options.concurrency, options.durationMs, (n) => rawInsert(store.pool, n));
    const adapterSide = () => measure(store.pool, options.concurrency, options.durationMs, () => storeAppend(store));
    for (let index = 0; index < (options.rounds ?? 7); index += 1) {
      const rawFirst = index % 2 === 0;
      const first = await (rawFirst ? rawSide() : adapterSide());
      const second = await (rawFirst ? adapterSide() : rawSide());
      const [raw, adapter] = rawFirst ? [first, second] : [second, first];
      rounds.push({ raw: round(raw), adapter: round(adapter) });
    }
  } finally {
    await store.close();
  }
  const raw = median(rounds.map((r) => r.raw));
  const adapter = median(rounds.map((r) => r.adapter));
  return {
    concurrency: options.concurrency,
    rawInsertsPerSecond: raw,
    adapterAppendsPerSecond: adapter,
    ratio: round(median(rounds.map((r) => r.adapter / r.raw)), 3),
    rounds,
  };
}

/** Operations per second with `concurrency` loops issuing `operation` back to back for `durationMs`. */
async function measure(
  _pool: pg.Pool,
  concurrency: number,
  durationMs: number,
  operation: (n: number) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await operation(done);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (done * 1000) / (performance.now() - started);
}

function complaintEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'ComplaintReceived',
    schemaVersion: 1,
    data: {
      complaintId: randomUUID(),
      channel: 'web_form',
      customerRef: 'cust-42',
      subject: 'Charged twice for one order',
      description: 'My card statement shows two identical charges of 59.90 for order 5521 on the same day.',
      productRef: 'SUB-PLUS',
      classification: { intensity: 'passive', purpose: 'criticism' },
    },
    metadata: {
      actor: { id: 'agent-7', role: 'agent' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

const HASH = 'a'.repeat(64);

function rawInsert(pool: pg.Pool, _n: number): Promise<unknown> {
  const event = complaintEvent();
  const values = [
    event.id,
    `complaint-${randomUUID()}`,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    new Date(),
    HASH,
    HASH,
  ];
  return pool.query({ name: 'raw_insert', text: RAW_INSERT, values });
}

function storeAppend(store: PostgresEventStore): Promise<unknown> {
  return store.append(`complaint-${randomUUID()}`, [complaintEvent()], 'no_stream');
}

/** Alone: `npm run build && node dist/test/bench/event-store-append.js [durationMs]` (DATABASE_URL = server). */
async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const durationMs = Number(process.argv[2] ?? 3000);
  for (const concurrency of [1, 8]) {
    const name = `bench_append_${randomBytes(5).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const result = await benchAppends({ databaseUrl: url.toString(), durationMs, concurrency });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
