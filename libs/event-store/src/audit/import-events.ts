import type { EventStore, RecordedEvent, StreamName } from '../port.js';
import { START } from '../port.js';
import { StreamChainTracker } from './chain-tracker.js';
import { ExportLineError, parseExportLine } from './export-line.js';

/** One line of the file that cannot be imported, by its 1-based number. */
export interface BadLine {
  line: number;
  problem: string;
}

/** The lines of an export file, in order (a fresh iterable per pass). */
export type LineSource = () => AsyncIterable<string>;

export interface CheckResult {
  events: number;
  streams: number;
  badLines: BadLine[];
  /** Bad lines beyond the ones kept in `badLines`. */
  moreBadLines: number;
}

const MAX_REPORTED = 1000;

/**
 * Pass one: every line parses, and every stream's hash chain holds from revision 0 (the same check
 * as `events verify`). Nothing is written, so a bad file is refused before the store is touched.
 */
export async function checkExportFile(lines: LineSource): Promise<CheckResult> {
  const tracker = new StreamChainTracker();
  const badLines: BadLine[] = [];
  let moreBadLines = 0;
  const report = (bad: BadLine) => (badLines.length < MAX_REPORTED ? badLines.push(bad) : moreBadLines++);
  let number = 0;
  for await (const text of lines()) {
    number += 1;
    if (text.trim() === '') continue;
    try {
      const found = tracker.check(parseExportLine(text));
      if (found)
        report({
          line: number,
          problem: `${found.streamName} breaks at revision ${found.brokenAtRevision}: ${found.reason}`,
        });
    } catch (error) {
      if (!(error instanceof ExportLineError)) throw error;
      report({ line: number, problem: error.problem });
    }
  }
  return { events: tracker.eventsChecked, streams: tracker.streamsSeen, badLines, moreBadLines };
}

export interface ImportOptions {
  /** Continue an interrupted import of the same file: events already stored (same id and hash) are skipped. */
  resume?: boolean;
  batchSize?: number;
  onProgress?: (events: number) => void;
  /**
   * Whether the target holds no event at all. The default asks the feed's head, which an adapter may
   * hold back (PostgreSQL shows nothing past an open transaction); pass an exact check when there is one.
   */
  isEmpty?: () => Promise<boolean>;
}

export interface ImportResult {
  imported: number;
  skipped: number;
}

/** The target store cannot take this file; `line` is where it showed. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ImportRefusedError';
  }
}

interface NumberedEvent {
  line: number;
  event: RecordedEvent;
}

/**
 * Pass two: the file's events stored AS RECORDED (appendRecorded: same ids, revisions, metadata,
 * recordedAt and hashes; the adapter re-checks each link). Lines are taken in batches and grouped by
 * stream, keeping each stream's order; memory is one batch. Run checkExportFile first.
 */
export async function importExportFile(
  store: EventStore,
  lines: LineSource,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (!store.appendRecorded)
    throw new ImportRefusedError('this event store cannot store recorded events (no appendRecorded)');
  const isEmpty = options.isEmpty ?? (async () => (await store.headPosition()) === START);
  if (!options.resume && !(await isEmpty())) {
    throw new ImportRefusedError('the target store is not empty; use --resume to continue an import of the same file');
  }
  const result: ImportResult = { imported: 0, skipped: 0 };
  let batch: NumberedEvent[] = [];
  let number = 0;
  for await (const text of lines()) {
    number += 1;
    if (text.trim() === '') continue;
    batch.push({ line: number, event: parseExportLine(text) });
    if (batch.length >= (options.batchSize ?? 500)) {
      await storeBatch(store, batch, options, result);
      batch = [];
    }
  }
  if (batch.length > 0) await storeBatch(store, batch, options, result);
  return result;
}

async function storeBatch(
  store: EventStore,
  batch: NumberedEvent[],
  options: ImportOptions,
  result: ImportResult,
): Promise<void> {
  const groups = new Map<StreamName, NumberedEvent[]>();
  for (const item of batch) {
    const group = groups.get(item.event.streamName);
    if (group) group.push(item);
    else groups.set(item.event.streamName, [item]);
  }
  // Streams are independent: a few appends at a time keep the round trips from adding up.
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) await storeGroup(store, group, options, result);
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  options.onProgress?.(batch.length);
}

async function storeGroup(
  store: EventStore,
  group: NumberedEvent[],
  options: ImportOptions,
  result: ImportResult,
): Promise<void> {
  const pending = options.resume ? await withoutStored(store, group) : group;
  result.skipped += group.length - pending.length;
  if (pending.length === 0) return;
  try {
    await store.appendRecorded!(
      pending[0]!.event.streamName,
      pending.map((item) => item.event),
    );
    result.imported += pending.length;
  } catch (error) {
    throw new ImportRefusedError(
      `${pending[0]!.event.streamName} could not be stored: ${(error as Error).message}`,
      pending[0]!.line,
    );
  }
}

/** Resuming: the events of the group the target already has, which must be these very events. */
async function withoutStored(store: EventStore, group: NumberedEvent[]): Promise<NumberedEvent[]> {
  const first = group[0]!.event;
  const stored = await store.readStream(first.streamName, {
    fromRevision: first.revision,
    toRevision: group.at(-1)!.event.revision,
  });
  const byRevision = new Map(stored.map((event) => [event.revision, event]));
  for (const { line, event } of group) {
    const existing = byRevision.get(event.revision);
    if (existing && (existing.hash !== event.hash || existing.id !== event.id.toLowerCase())) {
      throw new ImportRefusedError(
        `the store holds another event at ${event.streamName} revision ${event.revision}: not the same file`,
        line,
      );
    }
  }
  return group.filter(({ event }) => !byRevision.has(event.revision));
}
