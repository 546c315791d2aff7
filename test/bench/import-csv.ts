/**
 * CSV import rate: the CFPB sample and a file of N rows generated from it (default 1,000,000), each
 * beside its baselines measured in the same run on the same server (PHASES below):
 * - import: as `import csv` runs it (`importCsv`, personal data sealed with the customers' keys, 250
 *   complaints per appendNewStreams, 4 in flight: the CLI's defaults): complaints/s, events/s, peak
 *   RSS; rerun: the same file again, every complaint already there; importUnsealed: without sealing;
 *   importOneByOne: sealed, one append per complaint (a store without appendNewStreams);
 *   importTwoShards: `import csv --shard k/2` in 2 processes side by side, into one database;
 * - parseOnly: the streaming CSV parser alone (the ceiling of reading the file); replayOnly: parse,
 *   map and replay through the domain, appends discarded (the importer's ceiling without a store);
 * - rawInsert, rawBatchedInsert, rawBatchedCopy: the importer's own event rows (replayed through the
 *   domain) written without the store's revision check, hash chain and sealing, one complaint per
 *   INSERT, 250 per INSERT, and 250 per COPY as the store writes a batch — the database's own cost
 *   of the rows (with the importer's replay in the same process).
 * Peak RSS is sampled every 50 ms during each phase; flat memory = the same peak for 6,623 and 1,000,000 rows.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { type EventStore, PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  cfpbProfile,
  DEFAULT_WRITERS,
  importCsv,
  type ImportReport,
  readCsvFile,
} from '../../libs/import/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { importAsTheCli, ONE_BY_ONE_WRITERS } from './import-as-cli.js';
import { generatedFile, SAMPLE } from './import-csv-data.js';
import { RAW_BATCH, rawWrite } from './import-csv-raw.js';
import { round } from './stats.js';
import { admin } from './bench-database.js';

const execFileAsync = promisify(execFile);

export interface ImportBenchOptions {
  /** Each call gives a fresh, empty database on the bench server. */
  fresh: () => Promise<string>;
  /** Sizes of the generated file; the sample itself is always measured first. */
  rows: number[];
  /** The phases to run (default all, in PHASES order); BENCH_IMPORT_PHASES=import,rawBatchedCopy. */
  phases?: readonly string[];
}

interface Phase {
  seconds: number;
  /** RSS when the phase began, and its peak during the phase. */
  rssBeforeMb: number;
  peakRssMb: number;
}

/** A phase's figures: its rates, and how long it took and how much memory it held. */
export type PhaseResult = Phase & Record<string, number>;

export interface ImportFileResult {
  file: string;
  megabytes: number;
  phases: Record<string, PhaseResult>;
}

/** What a phase did: complaints (and events) handled, or records parsed. */
interface PhaseCounts {
  complaints: number;
  events?: number;
  rejected?: number;
  /** Phases run in other processes: the largest peak RSS among them. */
  peakShardRssMb?: number;
}

interface PhaseContext {
  file: string;
  fresh: () => Promise<string>;
  /** The database the first import wrote (rerun imports the file into it again). */
  imported?: string;
}

/**
 * The phases, in the order they run: the import first, while the process is fresh, so its peak RSS
 * is its own (RSS of later phases grows from phase to phase of one process; each one's growth is its own).
 */
const PHASES: Record<string, (context: PhaseContext) => Promise<PhaseCounts>> = {
  import: async (context) => {
    context.imported = await migratedDatabase(context.fresh);
    return importCounts(await importAsTheCli(context.file, context.imported));
  },
  /** The same file again: every complaint found already there (the rate of an idempotent re-run). */
  rerun: async (context) => {
    const report = await importAsTheCli(context.file, context.imported ?? (await migratedDatabase(context.fresh)));
    return { complaints: report.alreadyPresent + report.imported, events: report.events };
  },
  /** Straight to the store, personal data not sealed: what sealing costs. */
  importUnsealed: async ({ file, fresh }) => {
    const url = await migratedDatabase(fresh);
    const store = new PostgresEventStore({ connectionString: url, poolSize: DEFAULT_WRITERS.batches });
    return importCounts(await importCsv({ store, profile: cfpbProfile, path: file }).finally(() => store.close()));
  },
  /** Sealed, one append per complaint (a store without appendNewStreams: how EventStoreDB is written). */
  importOneByOne: async ({ file, fresh }) =>
    importCounts(await importAsTheCli(file, await migratedDatabase(fresh), { batches: false })),
  /** The import as `import csv --shard k/2` runs it, 2 processes side by side (the machine's cores). */
  importTwoShards: async ({ file, fresh }) => importInShardProcesses(file, await migratedDatabase(fresh), 2),
  parseOnly: async ({ file }) => {
    let records = 0;
    for await (const item of readCsvFile(file)) if (item.kind === 'record') records++;
    return { complaints: records - 1 };
  },
  /** Parse, map and replay through the domain, appends discarded: the importer's own ceiling. */
  replayOnly: async ({ file }) =>
    importCounts(await importCsv({ store: DISCARDING_STORE, profile: cfpbProfile, path: file })),
  rawInsert: ({ file, fresh }) => rawWrite(file, fresh, { perWrite: 1, writers: ONE_BY_ONE_WRITERS, mode: 'insert' }),
  rawBatchedInsert: ({ file, fresh }) =>
    rawWrite(file, fresh, { perWrite: RAW_BATCH, writers: DEFAULT_WRITERS.batches, mode: 'insert' }),
  /** The database's cost of the rows as the import writes them: COPY, 250 complaints each, 4 in flight. */
  rawBatchedCopy: ({ file, fresh }) =>
    rawWrite(file, fresh, { perWrite: RAW_BATCH, writers: DEFAULT_WRITERS.batches, mode: 'copy' }),
};

export const IMPORT_PHASES = Object.keys(PHASES);

/**
 * One complaint per transaction runs at about 1,000/s here: over a generated file of 1,000,000 rows
 * each of these phases alone would take a quarter of an hour. By default they run on the sample and
 * on generated files of up to LARGE_FILE_ROWS rows only; BENCH_IMPORT_PHASES runs them anyway.
 */
const ONE_BY_ONE_PHASES = ['importOneByOne', 'rawInsert'];
const LARGE_FILE_ROWS = 100_000;

export async function benchImportCsv(options: ImportBenchOptions): Promise<ImportFileResult[]> {
  const chosen = options.phases;
  const unknown = (chosen ?? []).filter((name) => !(name in PHASES));
  if (unknown.length > 0) throw new Error(`unknown import phases ${unknown.join(', ')}; known: ${IMPORT_PHASES}`);
  const byDefault = (rows: number) =>
    rows > LARGE_FILE_ROWS ? IMPORT_PHASES.filter((name) => !ONE_BY_ONE_PHASES.includes(name)) : IMPORT_PHASES;
  const results = [await benchFile(SAMPLE, options.fresh, chosen ?? IMPORT_PHASES)];
  for (const rows of options.rows) {
    results.push(await benchFile(await generatedFile(rows), options.fresh, chosen ?? byDefault(rows)));
  }
  return results;
}

async function benchFile(file: string, fresh: () => Promise<string>, phases: readonly string[]) {
  const context: PhaseContext = { file, fresh };
  const result: ImportFileResult = { file, megabytes: megabytesOf((await stat(file)).size), phases: {} };
  for (const name of IMPORT_PHASES.filter((phase) => phases.includes(phase))) {
    const measure = await measured(() => PHASES[name]!(context));
    const { complaints, events, rejected, peakShardRssMb } = measure.value;
    result.phases[name] = {
      ...phase(measure),
      ...(peakShardRssMb === undefined ? {} : { peakShardRssMb: round(peakShardRssMb) }),
      complaints,
      complaintsPerSecond: rate(complaints, measure.seconds),
      ...(events === undefined ? {} : { events, eventsPerSecond: rate(events, measure.seconds) }),
      ...(rejected === undefined ? {} : { rejected }),
    };
  }
  return result;
}

const SHARD_PROCESS = 'dist/test/bench/import-shard-process.js';

/** `count` shard processes at once into one database; their counts summed, their peak RSS the largest. */
async function importInShardProcesses(file: string, databaseUrl: string, count: number): Promise<PhaseCounts> {
  const shards = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const args = [SHARD_PROCESS, file, databaseUrl, `${index}/${count}`];
      const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 1 << 20 });
      return JSON.parse(stdout) as { imported: number; events: number; peakRssMb: number };
    }),
  );
  const sum = (pick: (shard: (typeof shards)[number]) => number) => shards.reduce((total, s) => total + pick(s), 0);
  return {
    complaints: sum((s) => s.imported),
    events: sum((s) => s.events),
    peakShardRssMb: Math.max(...shards.map((s) => s.peakRssMb)),
  };
}

function importCounts(report: ImportReport): PhaseCounts {
  return { complaints: report.imported, events: report.events, rejected: report.rejected };
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
    const phases = process.env.BENCH_IMPORT_PHASES?.split(',');
    process.stdout.write(`${JSON.stringify(await benchImportCsv({ fresh, rows: [rows], phases }), null, 2)}\n`);
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
