import { countCsvRecords, type ImportReport } from '#import';
import { createProgress, type Progress } from '#platform/cli/progress';
import type { CliContext } from '../cli-context.js';

/** A bar over the records one run takes: `share` of the file's data records (all of them, or a shard's). */
export async function importProgressBar(
  path: string,
  label: string,
  context: CliContext,
  share: (records: number) => number = (records) => records,
): Promise<Progress> {
  const records = Math.max((await countCsvRecords(path)) - 1, 0);
  return createProgress({
    label,
    total: share(records),
    unit: 'complaints',
    stream: context.err as NodeJS.WriteStream,
  });
}

/** The import's summary: counts and rate, then rejections by code and the mapping notes. */
export function printReport(report: ImportReport, context: CliContext): void {
  const seconds = report.elapsedMs / 1000;
  const rate = Math.round(report.records / Math.max(seconds, 0.001));
  if (report.resumedAfterLine > 0) {
    context.print(
      `resumed after line ${report.resumedAfterLine}: ${report.resumed} records were done by an earlier run`,
    );
  }
  context.print(
    `${report.records} records in ${seconds.toFixed(1)} s (${rate}/s): ${report.imported} complaints imported ` +
      `(${report.events} events), ${report.alreadyPresent} already there, ${report.rejected} rejected`,
  );
  for (const [code, count] of Object.entries(report.rejectedByCode)) context.print(`  rejected ${code}: ${count}`);
  for (const [note, count] of Object.entries(report.notes)) {
    context.print(`  note (${count} ${count === 1 ? 'record' : 'records'}): ${note}`);
  }
}
