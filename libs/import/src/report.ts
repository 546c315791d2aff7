/** What an import did: counts, the rejected records (line numbers and reasons), the mapping notes. */

export interface Rejection {
  /** Physical lines of the record in the file (1-based; the header is line 1). */
  line: number;
  endLine: number;
  /** Stable, to count by: MALFORMED_CSV, WRONG_FIELD_COUNT, INVALID_DATE, UNKNOWN_PRODUCT, … */
  code: string;
  reason: string;
  /** The record's id in the source, when it could be read. */
  sourceId?: string;
}

export interface ImportReport {
  profile: string;
  /** This run's id: the correlation id of every event it wrote. */
  job: string;
  /** Data records read (the header excluded), rejected and resumed ones included. */
  records: number;
  /** Records an earlier, interrupted run had finished (per the progress file): skipped unchecked. */
  resumed: number;
  /** The line the run resumed after (0: it started at the first record). */
  resumedAfterLine: number;
  /** Complaints written by this run. */
  imported: number;
  /** Complaints that were already in the store (an earlier run of the same file): nothing written. */
  alreadyPresent: number;
  rejected: number;
  /** Events written by this run. */
  events: number;
  /** The first `keepRejections` rejections, in file order; every one goes to `onRejected`. */
  rejections: Rejection[];
  rejectedByCode: Record<string, number>;
  /** Mapping notes (e.g. a fallback category) and how many records each concerned. */
  notes: Record<string, number>;
  /** The earliest and the latest start (receipt) of the accepted records' histories; null if none. */
  receivedBetween: { first: string; last: string } | null;
  elapsedMs: number;
}

/** The report of an import that has not handled a record yet. */
export function emptyImportReport(profile: string, job: string): ImportReport {
  return {
    profile,
    job,
    records: 0,
    resumed: 0,
    resumedAfterLine: 0,
    imported: 0,
    alreadyPresent: 0,
    rejected: 0,
    events: 0,
    rejections: [],
    rejectedByCode: {},
    notes: {},
    receivedBetween: null,
    elapsedMs: 0,
  };
}

export class ReportBuilder {
  private readonly report: ImportReport;
  private readonly started = performance.now();

  constructor(
    profile: string,
    job: string,
    private readonly keepRejections: number,
    private readonly onRejected?: (rejection: Rejection) => void,
  ) {
    this.report = emptyImportReport(profile, job);
  }

  record(): void {
    this.report.records++;
  }

  resumedAfter(line: number): void {
    this.report.resumedAfterLine = line;
  }

  resumed(): void {
    this.report.records++;
    this.report.resumed++;
  }

  reject(rejection: Rejection): void {
    this.report.rejected++;
    this.report.rejectedByCode[rejection.code] = (this.report.rejectedByCode[rejection.code] ?? 0) + 1;
    if (this.report.rejections.length < this.keepRejections) this.report.rejections.push(rejection);
    this.onRejected?.(rejection);
  }

  note(notes: readonly string[]): void {
    for (const note of notes) this.report.notes[note] = (this.report.notes[note] ?? 0) + 1;
  }

  /** An accepted record's history starts at `at`. */
  received(at: Date): void {
    const iso = at.toISOString();
    const span = this.report.receivedBetween;
    if (span === null) this.report.receivedBetween = { first: iso, last: iso };
    else if (iso < span.first) span.first = iso;
    else if (iso > span.last) span.last = iso;
  }

  written(events: number): void {
    this.report.imported++;
    this.report.events += events;
  }

  skipped(): void {
    this.report.alreadyPresent++;
  }

  finish(): ImportReport {
    // Concurrent writers finish out of order; the report lists rejections in file order.
    this.report.rejections.sort((a, b) => a.line - b.line);
    return { ...this.report, elapsedMs: Math.round(performance.now() - this.started) };
  }
}
