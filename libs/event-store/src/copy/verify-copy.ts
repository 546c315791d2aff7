import { canonicalJson } from '../canonical-json.js';
import { verifyChain } from '../hash-chain.js';
import {
  type EventStore,
  type FeedFilter,
  type Position,
  type RecordedEvent,
  START,
  type StreamName,
} from '../port.js';

export interface CopyMismatch {
  stream: StreamName;
  /** The first revision that differs; -1 for a whole-stream problem (length). */
  revision: number;
  reason: string;
}

export interface VerifyReport {
  streams: number;
  events: number;
  mismatches: CopyMismatch[];
}

export interface VerifyOptions {
  source: EventStore;
  target: EventStore;
  filter?: FeedFilter;
  /** After each stream, with its event count. */
  onProgress?: (events: number) => void;
  /** Stop collecting after this many mismatches (the exit code is already decided). Default 100. */
  maxMismatches?: number;
}

/**
 * The end-of-copy check: every source stream, re-read from both stores, must match event for event
 * (id, revision, type, schema version, data, metadata, recordedAt, previousHash, hash), and the
 * target's chain must verify on its own.
 */
export async function verifyCopy(options: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = { streams: 0, events: 0, mismatches: [] };
  const limit = options.maxMismatches ?? 100;
  for (const stream of await streamNames(options.source, options.filter)) {
    const [expected, actual] = await Promise.all([
      options.source.readStream(stream),
      options.target.readStream(stream),
    ]);
    const mismatch = compareStream(stream, expected, actual);
    if (mismatch && report.mismatches.length < limit) report.mismatches.push(mismatch);
    report.streams += 1;
    report.events += expected.length;
    options.onProgress?.(expected.length);
  }
  return report;
}

export function compareStream(
  stream: StreamName,
  expected: readonly RecordedEvent[],
  actual: readonly RecordedEvent[],
): CopyMismatch | undefined {
  for (const [index, want] of expected.entries()) {
    const got = actual[index];
    if (!got)
      return { stream, revision: want.revision, reason: `missing in the target (it has ${actual.length} events)` };
    const field = differingField(want, got);
    if (field) return { stream, revision: want.revision, reason: `${field} differs` };
  }
  if (actual.length > expected.length)
    return { stream, revision: -1, reason: `target has ${actual.length - expected.length} extra events` };
  const chain = verifyChain(actual);
  return chain.ok ? undefined : { stream, revision: chain.brokenAtRevision, reason: 'hash chain broken in the target' };
}

function differingField(want: RecordedEvent, got: RecordedEvent): string | undefined {
  if (want.id.toLowerCase() !== got.id.toLowerCase()) return 'id';
  if (want.revision !== got.revision) return 'revision';
  if (want.type !== got.type || want.schemaVersion !== got.schemaVersion) return 'type';
  if (canonicalJson(want.data) !== canonicalJson(got.data)) return 'data';
  if (canonicalJson(want.metadata) !== canonicalJson(got.metadata)) return 'metadata';
  if (want.recordedAt.getTime() !== got.recordedAt.getTime()) return 'recordedAt';
  if (want.previousHash !== got.previousHash || want.hash !== got.hash) return 'hash';
  return undefined;
}

/** Every stream of the source, in order of first appearance in its feed. */
async function streamNames(store: EventStore, filter: FeedFilter | undefined): Promise<StreamName[]> {
  const names = new Set<StreamName>();
  let after: Position = START;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000, filter });
    for (const event of page.events) names.add(event.streamName);
    if (page.events.length < 1000) return [...names];
    after = page.position;
  }
}
