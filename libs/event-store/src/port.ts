/**
 * The event store port. Every adapter (in-memory, PostgreSQL, EventStoreDB) behaves the same;
 * test/contract/event-store.contract.ts is the executable definition of "the same".
 */

/** `complaint-<uuid>`: the category prefix before the first dash groups streams (`$ce-complaint`). */
export type StreamName = string;

/**
 * What the writer believes the stream's last revision is. Revisions start at 0 for the first event.
 * - a number: exactly that revision
 * - 'no_stream': the stream must not exist yet
 * - 'stream_exists': the stream must exist, any revision
 * - 'any': no check
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/**
 * An opaque, totally ordered token for a place in the global feed. Compare with the adapter's
 * `comparePositions`, never by string order. `START` means before the first event.
 */
export type Position = string;
export const START: Position = 'start';

export interface Actor {
  /** Who acted: a user id, or `system:<component>` for automated work. */
  id: string;
  role: string;
}

/** What the writer supplies with each event. */
export interface EventMetadata {
  actor: Actor;
  /** The request (or job) the event belongs to. */
  correlationId: string;
  /** The command or event that caused this one. */
  causationId: string;
  [extra: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** uuid; unique in the whole store. Appending the same ids again is an idempotent no-op. */
  id: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamName: StreamName;
  revision: number;
  position: Position;
  recordedAt: Date;
  /** sha256 of the previous event's hash and this event's canonical form (see hash-chain.ts). */
  hash: string;
  previousHash: string;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextRevision: number;
  position: Position;
}

/** One stream of an `appendNewStreams` batch: its whole history so far. */
export interface NewStream {
  stream: StreamName;
  events: NewEvent[];
}

/** What became of one stream of the batch: written (as `append` answers), or found already there. */
export interface NewStreamOutcome {
  stream: StreamName;
  result: AppendResult | 'exists';
}

export interface ReadStreamOptions {
  fromRevision?: number;
  toRevision?: number;
  /** Only events recorded at or before this instant (time travel). */
  untilTime?: Date;
}

export interface FeedFilter {
  /** Stream name prefixes, e.g. `complaint-`. */
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  after?: Position;
  limit: number;
  filter?: FeedFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where to continue from; equal to `after` when nothing new was visible. */
  position: Position;
}

export interface SubscribeOptions {
  after?: Position;
  filter?: FeedFilter;
  /** Events fetched per round trip while catching up. */
  batchSize?: number;
  /** Ends the subscription. */
  signal?: AbortSignal;
}

export interface EventStore {
  append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Oldest first. An unknown stream yields an empty list. */
  readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global feed, in a stable order in which every committed event appears exactly once. */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Catch-up, then live. Pulls as the consumer iterates (back-pressure); ends when `signal` aborts. */
  subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** The position of the newest visible event, or START for an empty store. */
  headPosition(): Promise<Position>;
  /**
   * Optional capability: the position of the newest COMMITTED event, which the feed may not show
   * yet (PostgreSQL shows an event only once every older transaction has ended). Where absent, every
   * committed event is visible and headPosition() is the committed head.
   */
  committedHeadPosition?(): Promise<Position>;
  comparePositions(a: Position, b: Position): number;
  close(): Promise<void>;
  /**
   * Optional capability, for copying between stores only: stores events recorded elsewhere AS THEY
   * ARE (ids, revisions, metadata, recordedAt, previousHash, hash) instead of stamping new ones.
   * The events must continue the stream: the first one's revision is the stream's next revision and
   * its previousHash the stream's last hash (else WrongExpectedRevisionError), and each hash must
   * recompute (else TypeError). Positions are the target's own.
   */
  appendRecorded?(stream: StreamName, events: readonly RecordedEvent[]): Promise<AppendResult>;
  /**
   * Optional capability, for bulk writers (the CSV import): many NEW streams in one write, each as
   * `append(stream, events, 'no_stream')` would store it, in one transaction where the store has them.
   * A stream that already exists is left as it is and answered `'exists'` (nothing written to it);
   * the others are written whole, their events in the order given, and answered with their result.
   * Outcomes come in the order of `streams`. Refused before anything is written: the same stream
   * twice in one batch or a stream without events (TypeError), an event id twice in the batch or
   * already stored in another stream (DuplicateEventIdError). Concurrent batches may name the same
   * streams: each stream is written by exactly one of them. Where absent, callers append stream by
   * stream.
   */
  appendNewStreams?(streams: readonly NewStream[]): Promise<NewStreamOutcome[]>;
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: StreamName,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id is already stored, but not as part of the same append to the same stream. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

/** A call to the store did not finish within its deadline. */
export class EventStoreTimeoutError extends Error {
  readonly code = 'EVENT_STORE_TIMEOUT';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`Event store ${operation} did not answer within ${timeoutMs} ms`);
    this.name = 'EventStoreTimeoutError';
  }
}
