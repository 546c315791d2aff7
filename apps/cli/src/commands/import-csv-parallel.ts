import { checkCsvHeader, type ImportProfile, ImportFormatError } from '#import';
import type { AppConfig } from '#platform/config/app-config';
import type { CliContext } from '../cli-context.js';
import { importProgressBar, printReport } from './import-csv-output.js';
import { mergeReports, runShardProcesses, type ShardOutcome } from './import-shards.js';

export interface ParallelImport {
  path: string;
  profile: ImportProfile;
  writers?: number;
  progressFileOption?: string;
  /** Shard processes. */
  count: number;
}

/**
 * `import csv <file> --parallel n`: n processes of this CLI, shard k of n each, into the store this
 * process is configured for; one progress bar and one report for the whole file. The parent checks
 * the header and starts the (embedded) database first, so the children neither refuse n times nor
 * race to start it. Exit code as for one import; a shard that fails makes it 1, and running the same
 * command again finishes the import (idempotent, each shard resuming from its progress file).
 */
export async function importInShardProcesses(input: ParallelImport, context: CliContext): Promise<number> {
  const started = performance.now();
  try {
    await checkCsvHeader(input.path, input.profile);
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error;
    context.print(`refused: ${error.message}`);
    return 1;
  }
  const databaseUrl = context.config.EVENT_STORE === 'postgres' ? await context.databaseUrl() : undefined;
  const progress = await importProgressBar(
    input.path,
    `import ${input.profile.name} (${input.count} processes)`,
    context,
  );
  const outcomes = await runShardProcesses({
    launcher: context.launcher,
    count: input.count,
    argsFor: (index) => shardArguments(input, index),
    env: childEnvironment(context.config, databaseUrl),
    onProgress: (records) => progress.tick(records),
    onLine: (line) => context.print(line),
  });
  progress.done();
  return reportShards(outcomes, input.count, performance.now() - started, context);
}

function reportShards(outcomes: ShardOutcome[], count: number, elapsedMs: number, context: CliContext): number {
  const failed = outcomes.filter((outcome) => !outcome.report);
  for (const { index, exitCode, stderr } of failed) {
    context.print(`shard ${index}/${count} failed (exit ${exitCode}): ${stderr.split('\n').at(-1) ?? ''}`);
  }
  const reports = outcomes.flatMap((outcome) => (outcome.report ? [outcome.report] : []));
  if (reports.length > 0) printReport(mergeReports(reports, elapsedMs), context);
  if (failed.length > 0)
    context.print('run the same command again to finish the import: nothing stored is written twice');
  return failed.length === 0 && outcomes.every((outcome) => outcome.exitCode === 0) ? 0 : 1;
}

function shardArguments(input: ParallelImport, index: number): string[] {
  const shard = `${index}/${input.count}`;
  return [
    ...['import', 'csv', input.path, '--profile', input.profile.name, '--shard', shard],
    ...(input.writers === undefined ? [] : ['--writers', String(input.writers)]),
    ...(input.progressFileOption === undefined
      ? []
      : ['--progress-file', `${input.progressFileOption}.shard-${index}-of-${input.count}`]),
  ];
}

/** This process's settings as environment variables (the CLI reads its configuration from there). */
function childEnvironment(config: AppConfig, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  const settings = Object.entries(config).flatMap(([name, value]) =>
    value === undefined || value === null ? [] : [[name, String(value)]],
  );
  return { ...process.env, ...Object.fromEntries(settings), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
}
