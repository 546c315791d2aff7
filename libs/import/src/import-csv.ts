/**
 * Imports a CSV export of another system: each record becomes one complaint stream whose events
 * the domain decided at the record's historical instants (see history/replay-history.ts).
 *
 * - Streaming: records are parsed, planned and written as they are read; a bounded number of writes
 *   is in flight, so memory stays flat whatever the file size.
 * - Each complaint is written as a new stream, its whole history at once, so it is either entirely
 *   there or not at all: many per write where the store takes many new streams in one transaction
 *   (appendNewStreams), else one append each (see history-writer.ts).
 * - Idempotent and so resumable: the complaint id derives from (profile, source id) and every write
 *   expects no stream; a complaint already stored is left as it is and counted as already there, so
 *   an interrupted import is finished by running it again.
 * - With a progress file, a resumed import skips the records an earlier run finished without asking
 *   the store about them.
 * - A bad record never stops the import: it is reported with its line numbers and reason.
 * - Shards (shard.ts): n imports of one file side by side, each taking every n-th record, share the
 *   work across processes (cores); together they write what one import writes.
 */
import { type ComplaintPolicy, defaultPolicy } from '#domain';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '#event-store';
import type { CsvItem, CsvRecord } from './csv/csv-parser.js';
import { readCsvFile } from './csv/csv-file.js';
import { HistoryWriter } from './history-writer.js';
import { timeOrderedUuid } from '#platform/ids/time-ordered-uuid';
import { type ReplayOptions, replayHistory, type ReplayedHistory } from './history/replay-history.js';
import { ImportFormatError, type ImportProfile, RowRejectedError, type SourceRow } from './profile.js';
import { ProgressTracker, progressIdentity, readProgress } from './progress-file.js';
import { type ImportReport, type Rejection, ReportBuilder } from './report.js';
import { type ImportShard, inShard, shardLabel } from './shard.js';

export interface ImportCsvOptions {
  store: EventStore;
  profile: ImportProfile;
  path: string;
  /**
   * Writes in flight at once: batches (default 4) where the store has appendNewStreams, else
   * single appends (default 16).
   */
  writers?: number;
  /** Complaints per batch where the store has appendNewStreams (default 250). */
  batchSize?: number;
  policy?: ComplaintPolicy;
  /** Called with the number of records handled so far (written, skipped or rejected). */
  onProgress?: (records: number) => void;
  /** Every rejection, as it happens (the report keeps only the first `keepRejections`). */
  onRejected?: (rejection: Rejection) => void;
  /** Default 1000. */
  keepRejections?: number;
  /**
   * Resume an interrupted import from where it stopped instead of re-checking every complaint (see
   * progress-file.ts). `target` names the store written to: a progress file for another is ignored.
   */
  progressFile?: { path: string; target: string };
  /** Only this shard's records (see shard.ts); the report, progress and progress file are the shard's. */
  shard?: ImportShard;
}

export async function importCsv(options: ImportCsvOptions): Promise<ImportReport> {
  const resume = options.progressFile ? await openProgress(options.progressFile, options) : undefined;
  const run = new ImportRun(options, resume?.tracker);
  try {
    await run.readAll(resume?.after ?? 0);
  } catch (error) {
    await run.abandon(); // the appends already started finish before the caller hears of the failure
    throw error;
  }
  await run.drain();
  await resume?.tracker.finish();
  return run.report.finish();
}

/** Checks the file's header against the profile without importing: ImportFormatError when it does not fit. */
export async function checkCsvHeader(path: string, profile: ImportProfile): Promise<void> {
  for await (const item of readCsvFile(path)) {
    readHeader(item, profile);
    return;
  }
  throw new ImportFormatError('the file is empty: no header line');
}

async function openProgress(progress: { path: string; target: string }, options: ImportCsvOptions) {
  const shard = options.shard ? shardLabel(options.shard) : null;
  const identity = await progressIdentity(options.path, options.profile.name, progress.target, shard);
  return { after: await readProgress(progress.path, identity), tracker: new ProgressTracker(progress.path, identity) };
}

/** One pass over the file: records are read, planned and handed to the writers in file order. */
class ImportRun {
  readonly report: ReportBuilder;
  private readonly writer: HistoryWriter;
  private readonly replay: ReplayOptions;
  private header: Header | undefined;
  private handled = 0;
  /** Data records met so far, every shard's: deals them out. */
  private ordinal = 0;

  constructor(
    private readonly options: ImportCsvOptions,
    private readonly tracker?: ProgressTracker,
  ) {
    // The run is one job: its id is every imported event's correlation id.
    const job = randomUUID();
    this.report = new ReportBuilder(options.profile.name, job, options.keepRejections ?? 1000, options.onRejected);
    this.writer = new HistoryWriter(options.store, this.report, {
      writers: options.writers,
      batchSize: options.batchSize,
      onStored: (line) => {
        this.tracker?.done(line);
        this.progress();
      },
    });
    // Time-ordered event ids: a bulk import appends to the event-id index instead of scattering over it.
    this.replay = { policy: options.policy ?? defaultPolicy, correlationId: job, newId: () => timeOrderedUuid() };
  }

  /** Records ending at or before line `resumeAfter` were done by an earlier run: only counted. */
  async readAll(resumeAfter: number): Promise<void> {
    this.report.resumedAfter(resumeAfter);
    for await (const item of readCsvFile(this.options.path)) {
      if (this.header === undefined) {
        this.header = readHeader(item, this.options.profile);
      } else if (!inShard(this.options.shard, this.ordinal++)) {
        this.tracker?.read(item.line, item.endLine, false); // another shard's: done, as far as this one goes
      } else if (item.endLine <= resumeAfter) {
        this.report.resumed();
        this.tracker?.read(item.line, item.endLine, false);
        this.progress();
      } else {
        await this.handle(item);
      }
    }
    if (this.header === undefined) throw new ImportFormatError('the file is empty: no header line');
  }

  async drain(): Promise<void> {
    await this.writer.drain();
  }

  async abandon(): Promise<void> {
    await this.writer.settle();
    await this.tracker?.saveNow();
  }

  private async handle(item: CsvItem): Promise<void> {
    this.report.record();
    const history = planRecord(item, this.header!, this.options.profile, this.replay, this.report);
    this.tracker?.read(item.line, item.endLine, history !== undefined);
    if (history === undefined) return this.progress();
    await this.writer.write(history, item.line);
  }

  private progress(): void {
    this.options.onProgress?.(++this.handled);
  }
}

interface Header {
  width: number;
  index: Map<string, number>;
}

function readHeader(item: CsvItem, profile: ImportProfile): Header {
  if (item.kind === 'malformed')
    throw new ImportFormatError(`the header (line ${item.line}) is malformed: ${item.reason}`);
  const index = new Map(item.fields.map((name, at) => [name.trim(), at]));
  const missing = profile.columns.filter((column) => !index.has(column));
  if (missing.length > 0) {
    throw new ImportFormatError(
      `not a ${profile.name} file: the header lacks ${missing.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  return { width: item.fields.length, index };
}

/** The record's events, or undefined when it was rejected (and reported). */
function planRecord(
  item: CsvItem,
  header: Header,
  profile: ImportProfile,
  replay: ReplayOptions,
  report: ReportBuilder,
): ReplayedHistory | undefined {
  const at = { line: item.line, endLine: item.endLine };
  if (item.kind === 'malformed') {
    report.reject({ ...at, code: 'MALFORMED_CSV', reason: item.reason });
    return undefined;
  }
  if (item.fields.length !== header.width) {
    const reason = `expected ${header.width} fields, found ${item.fields.length}`;
    report.reject({ ...at, code: 'WRONG_FIELD_COUNT', reason });
    return undefined;
  }
  let sourceId: string | undefined;
  try {
    const plan = profile.plan(sourceRow(item, header));
    sourceId = plan.sourceId;
    const history = replayHistory(profile.name, plan, replay);
    report.note(plan.notes);
    if (plan.steps[0]) report.received(plan.steps[0].at);
    return history;
  } catch (error) {
    if (!(error instanceof RowRejectedError)) throw error;
    report.reject({ ...at, code: error.code, reason: error.reason, ...(sourceId === undefined ? {} : { sourceId }) });
    return undefined;
  }
}

function sourceRow(record: CsvRecord, header: Header): SourceRow {
  return {
    line: record.line,
    get: (column) => {
      const at = header.index.get(column);
      return at === undefined ? '' : record.fields[at]!;
    },
  };
}
