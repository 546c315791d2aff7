/**
 * CSV import rate: the CFPB sample and a file of N rows generated from it (default 1,000,000), each
 * beside its baselines measured in the same run on the same server:
 * - parse only: the streaming CSV parser alone (the ceiling of reading the file);
 * - raw INSERT: the same event rows (the importer's own, replayed through the domain) written by the
 *   same number of writers with plain multi-row INSERTs, one per complaint, without the store's
 *   revision check and hash chain — what the database costs for the rows themselves, one complaint
 *   per transaction as the store's append does it;
 * - raw batched INSERT: the same, 250 complaints per INSERT — what writing many streams per
 *   transaction would gain (the EventStore port appends to one stream per call);
 * - the import (`importCsv`): complaints/s, events/s, peak RSS, then the same file again (every
 *   complaint already there: the rate of an idempotent re-run, i.e. of resuming).
 * Peak RSS is sampled every 50 ms during each phase; flat memory = the same peak for 6,623 and 1,000,000 rows.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  cfpbProfile,
  type CsvRecord,
  importCsv,
  planCfpbRecord,
  readCsvFile,
  type ReplayedHistory,
  replayHistory,
  WriterPool,
} from '../../libs/import/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { round } from './stats.js';

export const SAMPLE = 'test/fixtures/cfpb/complaints-sample.csv';
const WRITERS = 16;

export interface ImportBenchOptions {
  /** Each call gives a fresh, empty database on the bench server. */
  fresh: () => Promise<string>;
  /** Sizes of the generated file; the sample itself is always measured first. */
  rows: number[];
}

interface Phase {
  seconds: number;
  /** RSS when the phase began, and its peak during the phase. */
  rssBeforeMb: number;
  peakRssMb: number;
}

export interface ImportFileResult {
  file: string;
  records: number;
  megabytes: number;
  import: Phase & { complaintsPerSecond: number; eventsPerSecond: number; events: number; rejected: number };
  /** The same file again: every complaint found already there (the rate of resuming). */
  rerun: Phase & { complaintsPerSecond: number; eventsWritten: number };
  parseOnly: Phase & { recordsPerSecond: number };
  rawInsert: Phase & { complaintsPerSecond: number; eventsPerSecond: number };
  rawBatchedInsert: Phase & { complaintsPerSecond: number; eventsPerSecond: number };
}

export async function benchImportCsv(options: ImportBenchOptions): Promise<ImportFileResult[]> {
  const results = [await benchFile(SAMPLE, options.fresh)];
  for (const rows of options.rows) results.push(await benchFile(await generatedFile(rows), options.fresh));
  return results;
}

async function benchFile(file: string, fresh: () => Promise<string>): Promise<ImportFileResult> {
  const megabytes = megabytesOf((await stat(file)).size);
  const url = await fresh();
  await runMigrations(url, productMigrations);
  const store = new PostgresEventStore({ connectionString: url, poolSize: WRITERS });
  // The import first, while the process is fresh, so its peak RSS is its own.
  const first = await measured(() => importCsv({ store, profile: cfpbProfile, path: file, writers: WRITERS }));
  const again = await measured(() => importCsv({ store, profile: cfpbProfile, path: file, writers: WRITERS })).finally(
    () => store.close(),
  );
  const parse = await measured(async () => {
    let records = 0;
    for await (const item of readCsvFile(file)) if (item.kind === 'record') records++;
    return records - 1;
  });
  const raw = await measured(() => rawInsert(file, fresh, 1));
  const batched = await measured(() => rawInsert(file, fresh, RAW_BATCH));
  const report = first.value;
  return {
    file,
    records: parse.value,
    megabytes,
    import: {
      ...phase(first),
      complaintsPerSecond: rate(report.imported, first.seconds),
      eventsPerSecond: rate(report.events, first.seconds),
      events: report.events,
      rejected: report.rejected,
    },
    rerun: {
      ...phase(again),
      complaintsPerSecond: rate(again.value.alreadyPresent, again.seconds),
      eventsWritten: again.value.events,
    },
    parseOnly: { ...phase(parse), recordsPerSecond: rate(parse.value, parse.seconds) },
    rawInsert: {
      ...phase(raw),
      complaintsPerSecond: rate(raw.value.complaints, raw.seconds),
      eventsPerSecond: rate(raw.value.events, raw.seconds),
    },
    rawBatchedInsert: {
      ...phase(batched),
      complaintsPerSecond: rate(batched.value.complaints, batched.seconds),
      eventsPerSecond: rate(batched.value.events, batched.seconds),
    },
  };
}

/** The events table's shape without the store: same columns and indexes, no chain, no revision check. */
const RAW_TABLE = `CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY,
  UNIQUE (event_id), UNIQUE (stream_name, stream_revision), PRIMARY KEY (global_position));
  CREATE INDEX raw_events_feed ON raw_events (transaction_id, global_position)`;
const RAW_INSERT = `INSERT INTO raw_events (event_id, stream_name, stream_revision, event_type, schema_version, data,
  metadata, recorded_at, previous_hash, hash)
  SELECT e.id, e.stream, e.revision, e.type, e.version, d.value, m.value, now(), $6, $6
    FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $7::int[])
           WITH ORDINALITY AS e(stream, id, type, version, revision, n)
    JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS d(value, n) ON d.n = e.n
    JOIN jsonb_array_elements($8::jsonb) WITH ORDINALITY AS m(value, n) ON m.n = e.n`;
const HASH = 'a'.repeat(64);
const RAW_BATCH = 250;

interface RawRow {
  stream: string;
  revision: number;
  event: ReplayedHistory['events'][number];
}

/**
 * The importer's event rows, `perInsert` complaints per INSERT (one transaction each), by as many
 * writers as the import uses, into a table of the events table's shape.
 */
async function rawInsert(
  file: string,
  fresh: () => Promise<string>,
  perInsert: number,
): Promise<{ complaints: number; events: number }> {
  const pool = new pg.Pool({ connectionString: await fresh(), max: WRITERS });
  const writers = new WriterPool(WRITERS);
  const counts = { complaints: 0, events: 0 };
  let batch: RawRow[] = [];
  let inBatch = 0;
  const flush = async () => {
    const rows = batch;
    const complaints = inBatch;
    [batch, inBatch] = [[], 0];
    await writers.submit(async () => {
      await pool.query({ name: 'raw_insert', text: RAW_INSERT, values: insertValues(rows) });
      counts.complaints += complaints;
      counts.events += rows.length;
    });
  };
  try {
    await runMigrations(pool.options.connectionString!, productMigrations);
    await pool.query(RAW_TABLE);
    for await (const history of replayedHistories(file)) {
      batch.push(...history.events.map((event, revision) => ({ stream: history.stream, revision, event })));
      if (++inBatch === perInsert) await flush();
    }
    if (inBatch > 0) await flush();
    await writers.drain();
  } finally {
    await pool.end();
  }
  return counts;
}

function insertValues(rows: RawRow[]): unknown[] {
  return [
    rows.map((row) => row.stream),
    rows.map((row) => row.event.id),
    rows.map((row) => row.event.type),
    rows.map((row) => row.event.schemaVersion),
    JSON.stringify(rows.map((row) => row.event.data)),
    HASH,
    rows.map((row) => row.revision),
    JSON.stringify(rows.map((row) => row.event.metadata)),
  ];
}

/** The file's records replayed through the domain, as the importer does before it appends. */
async function* replayedHistories(file: string): AsyncGenerator<ReplayedHistory> {
  let index: Map<string, number> | undefined;
  for await (const item of readCsvFile(file)) {
    if (item.kind !== 'record') continue;
    if (!index) index = new Map(item.fields.map((column, at) => [column, at]));
    else yield replayHistory('cfpb', planCfpbRecord(rowOf(item, index)));
  }
}

function rowOf(record: CsvRecord, index: Map<string, number>) {
  return { line: record.line, get: (column: string) => record.fields[index.get(column) ?? -1] ?? '' };
}

/**
 * `.data/bench/cfpb-<rows>.csv`: the sample's records over and over, each copy with new Complaint
 * IDs (so every row is a complaint of its own), written as a stream. Not committed; rebuilt per run.
 */
export async function generatedFile(rows: number): Promise<string> {
  await mkdir('.data/bench', { recursive: true });
  const path = `.data/bench/cfpb-${rows}.csv`;
  const records: string[][] = [];
  let header: string[] = [];
  for await (const item of readCsvFile(SAMPLE)) {
    if (item.kind !== 'record') continue;
    if (header.length === 0) header = item.fields;
    else records.push(item.fields);
  }
  const idAt = header.indexOf('Complaint ID');
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(csvLine(header));
  for (let n = 0; n < rows; n++) {
    const fields = [...records[n % records.length]!];
    fields[idAt] = String(100_000_000 + n);
    await write(csvLine(fields));
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}

interface Measured<T> {
  value: T;
  seconds: number;
  rssBefore: number;
  peakRss: number;
}

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    return { value, seconds, rssBefore, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

const megabytesOf = (bytes: number) => round(bytes / 1024 / 1024);

function phase(measure: Measured<unknown>): Phase {
  return {
    seconds: round(measure.seconds, 2),
    rssBeforeMb: megabytesOf(measure.rssBefore),
    peakRssMb: megabytesOf(measure.peakRss),
  };
}

function rate(count: number, seconds: number): number {
  return Math.round(count / seconds);
}

/**
 * Alone: `npm run build && node dist/test/bench/import-csv.js [rows]` (DATABASE_URL = a server the
 * bench may create databases on; default the local one). Prints the results as JSON.
 */
async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const rows = Number(process.argv[2] ?? 1_000_000);
  const created: string[] = [];
  const fresh = async () => {
    const name = `bench_import_${randomBytes(5).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    created.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  try {
    process.stdout.write(`${JSON.stringify(await benchImportCsv({ fresh, rows: [rows] }), null, 2)}\n`);
  } finally {
    for (const name of created) await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
