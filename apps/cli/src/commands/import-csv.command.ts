import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type EventStore, PostgresEventStore } from '#event-store';
import {
  DEFAULT_WRITERS,
  IMPORT_PROFILES,
  ImportFormatError,
  importCsv,
  type ImportShard,
  parseShard,
  shardLabel,
} from '#import';
import type { CliContext } from '../cli-context.js';
import { type CliCommand, UsageError } from '../command.js';
import { parseOptions } from './events-support.js';
import { importProgressBar, printReport } from './import-csv-output.js';
import { importInShardProcesses } from './import-csv-parallel.js';
import { parentOfShard } from './import-shards.js';

/**
 * Imports historical complaints from another system's CSV export: each record becomes a complaint
 * whose events carry the record's own dates. Idempotent, so an interrupted import is finished by
 * running it again; its progress file (under DATA_DIR/import by default) lets the next run skip the
 * records already done without asking the store about each. Rejected records are printed as they
 * are met (line, code, reason) and do not stop the import. `--shard k/n` imports one n-th of the
 * records, so n processes side by side (one per core) share a large file; `--parallel n` starts
 * those n processes itself. Exit code 0: every record is in the store; 1: some were rejected (or the
 * file does not fit the profile, or a shard failed); 2: a usage mistake.
 */
export const importCsvCommand: CliCommand = {
  name: 'import csv',
  usage:
    `import csv <file.csv> --profile <${Object.keys(IMPORT_PROFILES).join('|')}> [--writers 1-64] ` +
    '[--parallel 2-32 | --shard <k>/<n>] [--progress-file <path>]',
  summary: 'import historical complaints from a CSV export, with their original dates',
  async run(args, context) {
    const input = await importArguments(args);
    if (input.parallel) return importInShardProcesses({ ...input, count: input.parallel }, context);
    const { path, profile, writers, shard, progressFileOption } = input;
    const parent = parentOfShard();
    const progress = parent?.progress ?? (await progressBar(path, profile.name, shard, context));
    const store = await storeFor(context, writers);
    const progressFile = await progressFileFor(context, path, profile.name, shard, progressFileOption);
    try {
      const report = await importCsv({
        // Customer names and contacts in the records are sealed like the API's intake seals them.
        store: await context.sealingPersonalData(store),
        profile,
        path,
        writers,
        shard,
        progressFile,
        onProgress: () => progress.tick(),
        onRejected: (r) => context.print(`rejected line ${r.line}: ${r.code} ${r.reason}`),
      });
      progress.done();
      if (parent) await parent.report(report);
      else printReport(report, context);
      return report.rejected === 0 ? 0 : 1;
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      progress.done();
      context.print(`refused: ${error.message}`);
      return 1;
    } finally {
      if (store instanceof PostgresEventStore) await store.close();
    }
  },
};

/** The command's arguments, checked; a usage mistake is a UsageError (exit code 2). */
async function importArguments(args: readonly string[]) {
  const [path, ...rest] = args;
  if (path === undefined || path.startsWith('--')) throw new UsageError('the CSV file is required');
  const options = parseOptions(rest, ['profile', 'writers', 'shard', 'parallel', 'progress-file']);
  const profile = IMPORT_PROFILES[options.profile ?? ''];
  if (!profile) throw new UsageError(`--profile must be one of ${Object.keys(IMPORT_PROFILES).join(', ')}`);
  const writers = writersOption(options.writers);
  const shard = shardOption(options.shard);
  const parallel = parallelOption(options.parallel);
  if (shard && parallel) throw new UsageError('--parallel runs every shard itself: give --parallel or --shard');
  await access(path).catch(() => {
    throw new UsageError(`cannot read ${path}`);
  });
  return { path, profile, writers, shard, parallel, progressFileOption: options['progress-file'] };
}

/** Over the records this run takes: all of them, or its shard's share. */
function progressBar(path: string, profile: string, shard: ImportShard | undefined, context: CliContext) {
  if (!shard) return importProgressBar(path, `import ${profile}`, context);
  const share = (records: number) => Math.ceil((records - shard.index) / shard.count);
  return importProgressBar(path, `import ${profile} shard ${shardLabel(shard)}`, context, share);
}

/** Where the store is, without credentials: a progress file is only trusted for the same target. */
async function targetOf(context: CliContext): Promise<string> {
  const connection =
    context.config.EVENT_STORE === 'postgres'
      ? await context.databaseUrl()
      : (context.config.EVENTSTORE_CONNECTION_STRING ?? '');
  const url = new URL(connection);
  url.username = '';
  url.password = '';
  return url.toString();
}

/**
 * By default DATA_DIR/import/<file>.<profile>[.shard-k-of-n].<hash of the file's path and the
 * target>.progress.json: shards of one file running side by side keep a file each.
 */
async function progressFileFor(
  context: CliContext,
  path: string,
  profile: string,
  shard: ImportShard | undefined,
  option: string | undefined,
) {
  const target = await targetOf(context);
  const key = createHash('sha256')
    .update(`${resolve(path)}\u0000${target}`)
    .digest('hex')
    .slice(0, 12);
  const split = shard ? `.shard-${shard.index}-of-${shard.count}` : '';
  const name = `${basename(path)}.${profile}${split}.${key}.progress.json`;
  return { path: option ?? join(context.config.DATA_DIR, 'import', name), target };
}

/**
 * On PostgreSQL a pool as large as the writers (the CLI's shared store has a small one); it writes
 * batches of new streams, so the import's default for batches applies.
 */
async function storeFor(context: CliContext, writers: number | undefined): Promise<EventStore> {
  if (context.config.EVENT_STORE !== 'postgres') return context.eventStore();
  const poolSize = writers ?? DEFAULT_WRITERS.batches;
  return new PostgresEventStore({ connectionString: await context.databaseUrl(), poolSize });
}

/** Undefined: the import's default, which depends on whether the store writes batches. */
function writersOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const writers = Number(value);
  if (!Number.isInteger(writers) || writers < 1 || writers > 64) throw new UsageError('--writers must be 1 to 64');
  return writers;
}

/** How many shard processes `--parallel` starts (each a whole import's writers). */
function parallelOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 2 || count > 32) throw new UsageError('--parallel must be 2 to 32');
  return count;
}

/** "k/n": this process imports every n-th record from the k-th (0-based); others run the other shards. */
function shardOption(value: string | undefined): ImportShard | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw new UsageError('--shard must be k/n with 0 <= k < n <= 256, e.g. 0/4');
  return shard;
}
