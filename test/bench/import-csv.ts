/**
 * CSV import rate: the CFPB sample and a file of N rows generated from it (default 1,000,000), each
 * beside its baselines measured in the same run on the same server:
 * - parse only: the streaming CSV parser alone (the ceiling of reading the file);
 * - replay only: parse, map and replay through the domain, appends discarded (the importer's own
 *   ceiling, without any store);
 * - raw INSERT: the same event rows (the importer's own, replayed through the domain) written by the
 *   same number of writers with plain multi-row INSERTs, one per complaint, without the store's
 *   revision check and hash chain — what the database costs for the rows themselves, one complaint
 *   per transaction as the store's append does it;
 * - raw batched INSERT: the same, 250 complaints per INSERT — the database's cost of the rows when
 *   many streams are written per transaction, as the import does through appendNewStreams;
 * - the import as `import csv` runs it (`importCsv`, personal data sealed with the customers' keys,
 *   250 complaints per appendNewStreams, the CLI's default writers): complaints/s, events/s, peak RSS,
 *   then the same file again (every complaint already there: the rate of an idempotent re-run); the
 *   import without sealing, into another empty database; and the sealed import through a store
 *   without appendNewStreams (one append per complaint, 16 writers: EventStoreDB's way, and what
 *   the import did before batches).
 * Peak RSS is sampled every 50 ms during each phase; flat memory = the same peak for 6,623 and 1,000,000 rows.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type EventStore, PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  cfpbProfile,
  DEFAULT_WRITERS,
  importCsv,
  type ImportReport,
  readCsvFile,
} from '../../libs/import/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { CliContext } from '../../apps/cli/src/cli-context.js';
import { generatedFile, SAMPLE } from './import-csv-data.js';
import { RAW_BATCH, rawInsert } from './import-csv-raw.js';
import { round } from './stats.js';
import { admin } from './bench-database.js';

/** Writers of the baselines and of the import without batches (its default). */
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
  /** The import straight to the store, personal data not sealed: what sealing costs. */
  importUnsealed: Phase & { complaintsPerSecond: number; eventsPerSecond: number };
  /** The sealed import with one append per complaint (a store without appendNewStreams). */
  importOneByOne: Phase & { complaintsPerSecond: number; eventsPerSecond: number };
  parseOnly: Phase & { recordsPerSecond: number };
  replayOnly: Phase & { complaintsPerSecond: number };
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
  const url = await migratedDatabase(fresh);
  // The import first, while the process is fresh, so its peak RSS is its own.
  const first = await measured(() => importAsTheCli(file, url));
  const again = await measured(() => importAsTheCli(file, url));
  const unsealedUrl = await migratedDatabase(fresh);
  const unsealed = await measured(async () => {
    const store = new PostgresEventStore({ connectionString: unsealedUrl, poolSize: DEFAULT_WRITERS.batches });
    return importCsv({ store, profile: cfpbProfile, path: file }).finally(() => store.close());
  });
  const oneByOneUrl = await migratedDatabase(fresh);
  const oneByOne = await measured(() => importAsTheCli(file, oneByOneUrl, { batches: false }));
  const parse = await measured(async () => {
    let records = 0;
    for await (const item of readCsvFile(file)) if (item.kind === 'record') records++;
    return records - 1;
  });
  const replay = await measured(() => importCsv({ store: DISCARDING_STORE, profile: cfpbProfile, path: file }));
  const raw = await measured(() => rawInsert(file, fresh, 1, WRITERS));
  const batched = await measured(() => rawInsert(file, fresh, RAW_BATCH, WRITERS));
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
    importUnsealed: {
      ...phase(unsealed),
      complaintsPerSecond: rate(unsealed.value.imported, unsealed.seconds),
      eventsPerSecond: rate(unsealed.value.events, unsealed.seconds),
    },
    importOneByOne: {
      ...phase(oneByOne),
      complaintsPerSecond: rate(oneByOne.value.imported, oneByOne.seconds),
      eventsPerSecond: rate(oneByOne.value.events, oneByOne.seconds),
    },
    parseOnly: { ...phase(parse), recordsPerSecond: rate(parse.value, parse.seconds) },
    replayOnly: { ...phase(replay), complaintsPerSecond: rate(replay.value.imported, replay.seconds) },
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

/** Takes every append and keeps nothing: the import without a store behind it. */
const DISCARDING_STORE = {
  append: async () => ({ nextRevision: 0, position: 'start' }),
} as Partial<EventStore> as EventStore;

async function migratedDatabase(fresh: () => Promise<string>): Promise<string> {
  const url = await fresh();
  await runMigrations(url, productMigrations);
  return url;
}

/**
 * As `npm run cli -- import csv <file> --profile cfpb` writes: personal data sealed (CliContext),
 * the CLI's default writers. `batches: false` hides appendNewStreams: one append per complaint.
 */
async function importAsTheCli(file: string, databaseUrl: string, { batches = true } = {}): Promise<ImportReport> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: '.data/bench', LOG_LEVEL: 'silent' });
  const context = new CliContext(config);
  const poolSize = batches ? DEFAULT_WRITERS.batches : WRITERS;
  const store = new PostgresEventStore({ connectionString: databaseUrl, poolSize });
  try {
    const target: EventStore = batches ? store : Object.create(store, { appendNewStreams: { value: undefined } });
    const sealed = await context.sealingPersonalData(target);
    return await importCsv({ store: sealed, profile: cfpbProfile, path: file });
  } finally {
    await context.close();
    await store.close();
  }
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
