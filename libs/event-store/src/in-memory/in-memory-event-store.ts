import { resolveReappend, validateAppend, validateNewStreams, type StoredIdentity } from '../append-rules.js';
import { jsonRoundTrip } from '../canonical-json.js';
import { chainHash, contentDigest, GENESIS_HASH } from '../hash-chain.js';
import {
  type AppendResult,
  DuplicateEventIdError,
  type EventStore,
  type ExpectedRevision,
  type FeedFilter,
  type NewEvent,
  type NewStream,
  type NewStreamOutcome,
  type Position,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
  type StreamName,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from '../port.js';
import { pollingSubscription, Wakeup } from '../subscription.js';
import { checkRecordedContinuation, EMPTY_TAIL } from '../copy/recorded-chain.js';

export interface InMemoryEventStoreOptions {
  now?: () => Date;
  /** Test hook: each append waits this long before it commits (mirrors the PostgreSQL gap test). */
  commitDelayMs?: () => number;
}

interface StoredEvent {
  event: RecordedEvent;
  appendId: number;
  appendSize: number;
}

/**
 * The port in process memory, for unit tests. It keeps the PostgreSQL adapter's semantics (revisions,
 * expected-revision rules, idempotent re-append, hash chain, JSON round trip of data and metadata);
 * positions are plain counters because commits here are atomic and in order.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<StreamName, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly wakeup = new Wakeup();
  private readonly closing = new AbortController();
  private readonly now: () => Date;
  private appends = 0;

  constructor(private readonly options: InMemoryEventStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(events);
    const delay = this.options.commitDelayMs?.() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const reappend = resolveReappend(stream, events, this.identities(events));
    if (reappend) return reappend;
    const current = (this.streams.get(stream)?.length ?? 0) - 1;
    if (!revisionMatches(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current);
    return this.commit(stream, events, current);
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const until = options.untilTime?.getTime() ?? Number.POSITIVE_INFINITY;
    return (this.streams.get(stream) ?? [])
      .map((stored) => stored.event)
      .filter((event) => event.revision >= from && event.revision <= to && event.recordedAt.getTime() <= until)
      .map(copyOf);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const start = after === START ? 0 : Number(after);
    const events: RecordedEvent[] = [];
    let position = after;
    for (let index = start; index < this.all.length && events.length < options.limit; index += 1) {
      const event = this.all[index]!.event;
      position = event.position;
      if (matches(event, options.filter)) events.push(copyOf(event));
    }
    return { events, position };
  }

  subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      {
        readAll: (read) => this.readAll(read),
        wakeup: this.wakeup,
        pollIntervalMs: 1000,
        closed: this.closing.signal,
      },
      options,
    );
  }

  async headPosition(): Promise<Position> {
    return this.all.at(-1)?.event.position ?? START;
  }

  comparePositions(a: Position, b: Position): number {
    const rank = (position: Position): number => (position === START ? 0 : Number(position));
    return Math.sign(rank(a) - rank(b));
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  /** Copy capability (see port.ts): keeps recordedAt and hashes; only the position is this store's. */
  async appendRecorded(stream: StreamName, events: readonly RecordedEvent[]): Promise<AppendResult> {
    const streamEvents = this.streams.get(stream) ?? [];
    const last = streamEvents.at(-1)?.event;
    checkRecordedContinuation(stream, events, last ? { revision: last.revision, hash: last.hash } : EMPTY_TAIL);
    const clash = events.find((event) => this.byId.has(event.id.toLowerCase()));
    if (clash) throw new DuplicateEventIdError(clash.id);
    const appendId = ++this.appends;
    for (const recorded of events) {
      const event = { ...copyOf(recorded), id: recorded.id.toLowerCase(), position: String(this.all.length + 1) };
      const stored = { event, appendId, appendSize: events.length };
      this.all.push(stored);
      streamEvents.push(stored);
      this.byId.set(event.id, stored);
    }
    this.streams.set(stream, streamEvents);
    this.wakeup.notify();
    return { nextRevision: events.at(-1)!.revision, position: String(this.all.length) };
  }

  /** Bulk capability (see port.ts): all or nothing here, as nothing runs between the checks and the commits. */
  async appendNewStreams(streams: readonly NewStream[]): Promise<NewStreamOutcome[]> {
    validateNewStreams(streams);
    const delay = this.options.commitDelayMs?.() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const existing = new Set(streams.filter(({ stream }) => this.streams.has(stream)).map(({ stream }) => stream));
    const written = streams.filter(({ stream }) => !existing.has(stream));
    const clash = written.flatMap(({ events }) => events).find((event) => this.byId.has(event.id.toLowerCase()));
    if (clash) throw new DuplicateEventIdError(clash.id);
    return streams.map(({ stream, events }) => ({
      stream,
      result: existing.has(stream) ? 'exists' : this.commit(stream, events, -1),
    }));
  }

  private identities(events: readonly NewEvent[]): StoredIdentity[] {
    return events.flatMap((candidate) => {
      const stored = this.byId.get(candidate.id.toLowerCase());
      if (!stored) return [];
      const { event, appendId, appendSize } = stored;
      const identity = {
        id: event.id,
        streamName: event.streamName,
        revision: event.revision,
        position: event.position,
      };
      return [{ ...identity, appendId: String(appendId), appendSize }];
    });
  }

  private commit(stream: StreamName, events: readonly NewEvent[], current: number): AppendResult {
    const recordedAt = this.now();
    const appendId = ++this.appends;
    const streamEvents = this.streams.get(stream) ?? [];
    let previousHash = streamEvents.at(-1)?.event.hash ?? GENESIS_HASH;
    for (const [index, input] of events.entries()) {
      const revision = current + 1 + index;
      const content = storedContent(stream, input);
      const hash = chainHash(previousHash, revision, contentDigest({ ...content, recordedAt }));
      const position = String(this.all.length + 1);
      const event: RecordedEvent = { ...content, revision, position, recordedAt, hash, previousHash };
      const stored = { event, appendId, appendSize: events.length };
      this.all.push(stored);
      streamEvents.push(stored);
      this.byId.set(input.id.toLowerCase(), stored);
      previousHash = hash;
    }
    this.streams.set(stream, streamEvents);
    this.wakeup.notify();
    return { nextRevision: current + events.length, position: String(this.all.length) };
  }
}

export function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return expected === current;
}

function matches(event: RecordedEvent, filter: FeedFilter | undefined): boolean {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (prefixes && !prefixes.some((prefix) => event.streamName.startsWith(prefix))) return false;
  return !types || types.includes(event.type);
}

/** What PostgreSQL would give back: JSON round-tripped data, a lower-case uuid. */
function storedContent(stream: StreamName, input: NewEvent): NewEvent & { streamName: StreamName } {
  const { type, schemaVersion } = input;
  const data = jsonRoundTrip(input.data) ?? null;
  return {
    streamName: stream,
    id: input.id.toLowerCase(),
    type,
    schemaVersion,
    data,
    metadata: jsonRoundTrip(input.metadata),
  };
}

function copyOf(event: RecordedEvent): RecordedEvent {
  return { ...jsonRoundTrip(event), recordedAt: new Date(event.recordedAt.getTime()) };
}
