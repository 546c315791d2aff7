import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ImportReport } from '#import';
import type { CliLauncher } from '../launcher.js';

/**
 * `import csv --parallel n`: the CLI starts itself n times, each child importing one shard
 * (`--shard k/n`), and reports for all of them as one import. A child knows it is one by this
 * variable: it then sends its progress and its report to the parent over IPC instead of drawing a
 * bar and printing a summary of its own. Rejected records it prints as usual; the parent passes
 * them on line by line.
 */
export const SHARD_CHILD_ENV = 'IMPORT_SHARD_OF_PARENT';

/** What a shard process tells its parent. */
export type ShardMessage = { kind: 'progress'; records: number } | { kind: 'report'; report: ImportReport };

export interface ShardProcessesOptions {
  launcher: CliLauncher;
  count: number;
  /** The CLI arguments of shard `index`. */
  argsFor: (index: number) => string[];
  /** The children's environment: the parent's configuration, so they write where it would. */
  env: NodeJS.ProcessEnv;
  /** More records handled, by any shard. */
  onProgress: (records: number) => void;
  /** A line a shard printed (a rejected record, a refusal). */
  onLine: (line: string) => void;
}

export interface ShardOutcome {
  index: number;
  exitCode: number;
  /** Absent when the shard failed before it finished. */
  report?: ImportReport;
  /** The end of what it wrote to stderr, to say why it failed. */
  stderr: string;
}

export function runShardProcesses(options: ShardProcessesOptions): Promise<ShardOutcome[]> {
  return Promise.all(Array.from({ length: options.count }, (_, index) => runShardProcess(index, options)));
}

function runShardProcess(index: number, options: ShardProcessesOptions): Promise<ShardOutcome> {
  const child = fork(options.launcher.main, options.argsFor(index), {
    execArgv: [...options.launcher.execArgv],
    env: { ...options.env, [SHARD_CHILD_ENV]: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let report: ImportReport | undefined;
  let stderr = '';
  let reported = 0;
  child.on('message', (message: ShardMessage) => {
    if (message.kind === 'report') report = message.report;
    else {
      options.onProgress(message.records - reported);
      reported = message.records;
    }
  });
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', options.onLine);
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-2000);
  });
  const printed = new Promise((resolve) => lines.once('close', resolve));
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ index, exitCode: 1, stderr: error.message }));
    child.once('exit', (code) => {
      void printed.then(() => resolve({ index, exitCode: code ?? 1, report, stderr: stderr.trim() }));
    });
  });
}

/**
 * In a shard started by `--parallel`: its progress and its report go to the parent, which draws one
 * bar and prints one report for all. Undefined in any other run.
 */
export function parentOfShard() {
  const send = process.send?.bind(process);
  if (!send || !process.env[SHARD_CHILD_ENV]) return undefined;
  return {
    progress: progressToParent((message) => send(message)),
    report: (report: ImportReport) => sendToParent({ kind: 'report', report }),
  };
}

/** Resolves once the message is handed over: a process that exits right after must not lose it. */
function sendToParent(message: ShardMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** Sends progress to the parent at most every `intervalMs`, and always the last count. */
export function progressToParent(send: (message: ShardMessage) => void, intervalMs = 200) {
  let records = 0;
  let sentAt = 0;
  return {
    tick(): void {
      records += 1;
      const now = Date.now();
      if (now - sentAt < intervalMs) return;
      sentAt = now;
      send({ kind: 'progress', records });
    },
    done(): void {
      send({ kind: 'progress', records });
    },
  };
}

/** The shards' reports as one import's: counts added, codes and notes merged, rejections in file order. */
export function mergeReports(reports: readonly ImportReport[], elapsedMs: number): ImportReport {
  const [first] = reports;
  if (!first) throw new RangeError('no shard reported');
  const sum = (pick: (report: ImportReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const received = reports.flatMap((report) => (report.receivedBetween ? [report.receivedBetween] : []));
  return {
    profile: first.profile,
    job: reports.map((report) => report.job).join(','),
    records: sum((report) => report.records),
    resumed: sum((report) => report.resumed),
    resumedAfterLine: Math.max(...reports.map((report) => report.resumedAfterLine)),
    imported: sum((report) => report.imported),
    alreadyPresent: sum((report) => report.alreadyPresent),
    rejected: sum((report) => report.rejected),
    events: sum((report) => report.events),
    rejections: reports.flatMap((report) => report.rejections).sort((a, b) => a.line - b.line),
    rejectedByCode: addCounts(reports.map((report) => report.rejectedByCode)),
    notes: addCounts(reports.map((report) => report.notes)),
    receivedBetween:
      received.length === 0
        ? null
        : {
            first: received.map((range) => range.first).sort()[0]!,
            last: received.map((range) => range.last).sort()[received.length - 1]!,
          },
    elapsedMs,
  };
}

function addCounts(counts: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const each of counts) for (const [key, count] of Object.entries(each)) total[key] = (total[key] ?? 0) + count;
  return total;
}
