import {
  type EventStore,
  type FeedFilter,
  type Position,
  type RecordedEvent,
  START,
  type StreamName,
} from '../port.js';

export interface CopyOptions {
  source: EventStore;
  target: EventStore;
  /** Only these streams (e.g. `complaint-`); default every stream. */
  filter?: FeedFilter;
  /** Events read from the source per round trip. */
  batchSize?: number;
  /** After each run of events: how many were looked at and how many of those were written. */
  onProgress?: (seen: number, written: number) => void;
  signal?: AbortSignal;
}

export interface CopyReport {
  seen: number;
  written: number;
  streams: number;
}

/**
 * Copies every event of `source` into `target` through the port, in the source's global order, so
 * the target's feed has the same order and each stream the same revisions, ids, metadata, recordedAt
 * and hashes (appendRecorded). Resumable: for each stream it asks the target how far it got and
 * writes only what is missing, so a rerun after an interruption neither duplicates nor skips.
 */
export async function copyStore(options: CopyOptions): Promise<CopyReport> {
  const appendRecorded = options.target.appendRecorded?.bind(options.target);
  if (!appendRecorded) throw new TypeError('The target store cannot store recorded events (no appendRecorded)');
  const limit = options.batchSize ?? 500;
  const heads = new Map<StreamName, number>();
  const report: CopyReport = { seen: 0, written: 0, streams: 0 };
  let after: Position = START;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await options.source.readAll({ after, limit, filter: options.filter });
    for (const run of runsByStream(page.events)) {
      const stream = run[0]!.streamName;
      if (!heads.has(stream)) report.streams += 1;
      const head = heads.get(stream) ?? (await targetHead(options.target, stream, run[0]!.revision));
      const missing = run.filter((event) => event.revision > head);
      if (missing.length > 0) await appendRecorded(stream, missing);
      heads.set(stream, Math.max(head, run.at(-1)!.revision));
      report.seen += run.length;
      report.written += missing.length;
      options.onProgress?.(run.length, missing.length);
    }
    if (page.events.length < limit) return report;
    after = page.position;
  }
}

/** Counts the events a copy will look at, for a progress bar with a total. */
export async function countEvents(store: EventStore, filter?: FeedFilter, batchSize = 1000): Promise<number> {
  let count = 0;
  let after: Position = START;
  for (;;) {
    const page = await store.readAll({ after, limit: batchSize, filter });
    count += page.events.length;
    if (page.events.length < batchSize) return count;
    after = page.position;
  }
}

/** Consecutive events of one stream: one appendRecorded each, which keeps the global order. */
function runsByStream(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0]!.streamName === event.streamName) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/**
 * The target's last revision of `stream` (-1: none), reading only from just before the first revision
 * the copy is about to handle, so that resuming costs the overlap, not whole streams.
 */
async function targetHead(target: EventStore, stream: StreamName, firstRevision: number): Promise<number> {
  const from = Math.max(0, firstRevision - 1);
  const events = await target.readStream(stream, { fromRevision: from });
  if (events.length > 0) return events.at(-1)!.revision;
  if (firstRevision === 0) return -1;
  const whole = await target.readStream(stream);
  return whole.at(-1)?.revision ?? -1;
}
