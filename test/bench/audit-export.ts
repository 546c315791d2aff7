import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { type ApiProcess, startApiProcess } from './api-process.js';
import { median, round } from './stats.js';
import { auditor } from '../support/complaint-requests.js';
import { admin } from './bench-database.js';

export interface ExportBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one). */
  databaseUrl: string;
  events: number;
  port: number;
  rounds?: number;
}

export interface ExportRound {
  httpEventsPerSecond: number;
  copyEventsPerSecond: number;
  /** The API process's highest resident memory during this export (kernel high-water mark, reset before it). */
  apiPeakRssMb: number;
}

export interface ExportBenchResult {
  events: number;
  /** Size of the NDJSON body. */
  exportMb: number;
  /** GET /audit/export, drained by a client in the same process: medians over the rounds. */
  httpEventsPerSecond: number;
  httpMbPerSecond: number;
  /** Baseline: the server alone producing the same rows as JSON lines, COPY ... TO STDOUT through pg. */
  copyEventsPerSecond: number;
  /** http / copy. */
  ratio: number;
  /**
   * The API runs as its own process (the client, the seeding and the baseline do not share its
   * memory): its RSS when idle before the first export, and its highest RSS during any export.
   */
  apiRssBeforeMb: number;
  apiPeakRssMb: number;
  rounds: ExportRound[];
  note: string;
}

const EVENTS_PER_STREAM = 10;
const SEED_CHUNK = 100_000;

/**
 * Export throughput and memory: `events` rows seeded by SQL, exported through the API as NDJSON,
 * against PostgreSQL producing the same JSON lines with COPY TO STDOUT (the floor for any exporter).
 * Rounds alternate the two so that drift hits both alike. The API is the built one (`npm run build`),
 * in a process of its own, so that its peak memory is the exporter's alone.
 */
export async function benchAuditExport(options: ExportBenchOptions): Promise<ExportBenchResult> {
  await runMigrations(options.databaseUrl, productMigrations);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  await seed(pool, options.events);
  const api = await startApiProcess(options.databaseUrl, options.port);
  const { rounds, bytes, rssBefore } = await exportRounds(api, pool, options).finally(async () => {
    await api.stop();
    await pool.end();
  });
  const httpRate = median(rounds.map((r) => r.httpEventsPerSecond));
  const copyRate = median(rounds.map((r) => r.copyEventsPerSecond));
  return {
    events: options.events,
    exportMb: mb(bytes),
    httpEventsPerSecond: httpRate,
    httpMbPerSecond: round((bytes / 1024 / 1024) * (httpRate / options.events)),
    copyEventsPerSecond: copyRate,
    ratio: round(httpRate / copyRate, 3),
    apiRssBeforeMb: mb(rssBefore),
    apiPeakRssMb: Math.max(...rounds.map((r) => r.apiPeakRssMb)),
    rounds,
    note:
      'seeded by SQL with dummy hashes: a throughput measurement, the chains do not verify. apiPeakRssMb is the ' +
      'API process alone (Linux VmHWM, reset before each export); V8 collects lazily, so it includes garbage',
  };
}

/** Alternating rounds of the HTTP export (peak RSS of the API per round) and the COPY baseline. */
async function exportRounds(
  api: ApiProcess,
  pool: pg.Pool,
  options: ExportBenchOptions,
): Promise<{ rounds: ExportRound[]; bytes: number; rssBefore: number }> {
  const nobody = '00000000-0000-0000-0000-000000000000';
  await httpExport(`${api.url}/audit/export?stream=${nobody}`, 0); // warm-up: routes, pool, prepared statements
  const rssBefore = await api.rss();
  const rounds: ExportRound[] = [];
  let bytes = 0;
  for (let index = 0; index < (options.rounds ?? 3); index += 1) {
    await api.resetPeak();
    const http = await httpExport(`${api.url}/audit/export`, options.events);
    const peak = await api.peakRss();
    bytes = http.bytes;
    const copy = await copyExport(pool, options.events);
    rounds.push({ httpEventsPerSecond: round(http.rate), copyEventsPerSecond: round(copy), apiPeakRssMb: mb(peak) });
  }
  return { rounds, bytes, rssBefore };
}

/** Drains the body, counting lines. */
async function httpExport(url: string, expected: number): Promise<{ rate: number; bytes: number }> {
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  const response = await fetch(url, { headers: auditor });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  if (lines !== expected) throw new Error(`the export had ${lines} lines, expected ${expected}`);
  return { rate: lines / ((performance.now() - started) / 1000), bytes };
}

/** The same rows as JSON, in feed order, produced by the server; the client counts and drops the bytes. */
const COPY_SQL = `COPY (SELECT json_build_object('id', event_id, 'streamName', stream_name, 'revision', stream_revision,
    'type', event_type, 'schemaVersion', schema_version, 'recordedAt', recorded_at, 'data', data, 'metadata', metadata,
    'previousHash', previous_hash, 'hash', hash, 'position', transaction_id::text || '/' || global_position)
  FROM events ORDER BY transaction_id, global_position) TO STDOUT`;

/** A pg query that receives COPY data and only counts it (node-postgres drops it otherwise). */
class CountingCopy extends pg.Query {
  rows = 0;
  handleCopyData(message: { chunk: Buffer }): void {
    const chunk = message.chunk;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows += 1;
  }
}

async function copyExport(pool: pg.Pool, expected: number): Promise<number> {
  const client = await pool.connect();
  try {
    const started = performance.now();
    const copy = new CountingCopy(COPY_SQL);
    await new Promise<void>((resolve, reject) => {
      copy.on('end', () => resolve());
      copy.on('error', reject);
      void client.query(copy);
    });
    if (copy.rows !== expected) throw new Error(`COPY gave ${copy.rows} rows, expected ${expected}`);
    return copy.rows / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

/** `events` rows in streams of 10, in chunks, with payloads the size of real ones (about 400 bytes). */
async function seed(pool: pg.Pool, events: number): Promise<void> {
  for (let first = 0; first < events; first += SEED_CHUNK) {
    const count = Math.min(SEED_CHUNK, events - first);
    await pool.query(
      `INSERT INTO events (event_id, stream_name, stream_revision, event_type, schema_version, data, metadata,
                           recorded_at, previous_hash, hash)
       SELECT gen_random_uuid(), 'complaint-' || md5((g / $3)::text)::uuid, g % $3,
              CASE WHEN g % $3 = 0 THEN 'ComplaintReceived' ELSE 'CustomerContacted' END, 1,
              jsonb_build_object('complaintId', md5((g / $3)::text)::uuid, 'direction', 'outbound', 'channel', 'phone',
                'summary', 'Called the customer about the replacement unit and the refund ' || g, 'by', 'agent-' || g % 200,
                'contactedAt', '2026-01-01T05:00:00.000Z'),
              jsonb_build_object('actor', jsonb_build_object('id', 'agent-' || g % 200, 'role', 'agent'),
                'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid(), 'command', 'LogContact'),
              timestamptz '2026-01-01' + g * interval '1 second', md5(g::text) || md5(g::text), md5(g::text) || md5((g + 1)::text)
         FROM generate_series($1::int, $2::int) g`,
      [first, first + count - 1, EVENTS_PER_STREAM],
    );
  }
  await pool.query('VACUUM ANALYZE events');
}

const mb = (bytes: number): number => round(bytes / 1024 / 1024);

/** `node dist/test/bench/audit-export.js [events]`: this benchmark alone, on DATABASE_URL. */
async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bench_export_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const events = Number(process.argv[2] ?? 1_000_000);
    const result = await benchAuditExport({ databaseUrl: url.toString(), events, port: 3909 });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
