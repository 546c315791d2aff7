/**
 * Pure translation between the port and EventStoreDB's shapes. No client import here, so that the
 * rules (revisions, positions, metadata envelope, filters, errors) are unit-tested without a server.
 */
import {
  type EventMetadata,
  type ExpectedRevision,
  type FeedFilter,
  type Position,
  type RecordedEvent,
  START,
  type StreamName,
  WrongExpectedRevisionError,
} from '../port.js';

/** The client's expected-revision values (its constants are these very strings). */
export type EsdbExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;
export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

/** One to one: every port expectation has an EventStoreDB twin. */
export function mapExpectedRevision(expected: ExpectedRevision): EsdbExpectedRevision {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

/**
 * What append actually sends. The hash chain is computed here from the tail the adapter just read,
 * so the write must land exactly after that tail: 'any' and 'stream_exists' become the exact tail
 * revision (the adapter retries them after a lost race); exact and no_stream are sent as mapped.
 */
export function sentExpectedRevision(expected: ExpectedRevision, tailRevision: number): EsdbExpectedRevision {
  if (expected === 'any' || expected === 'stream_exists') return tailRevision < 0 ? 'no_stream' : BigInt(tailRevision);
  return mapExpectedRevision(expected);
}

/** The server's "current revision" in a WrongExpectedVersion answer, as the port's number (-1 = none). */
export function actualRevision(current: 'no_stream' | bigint | undefined): number {
  return typeof current === 'bigint' ? Number(current) : -1;
}

/** A server WrongExpectedVersion becomes the port's error; anything else passes through. */
export function mapAppendError(error: unknown, stream: StreamName, expected: ExpectedRevision): unknown {
  const candidate = error as { type?: unknown; actualVersion?: 'no_stream' | bigint } | null;
  if (candidate?.type !== 'wrong-expected-version') return error;
  return new WrongExpectedRevisionError(stream, expected, actualRevision(candidate.actualVersion));
}

// Positions: `<commit>:<prepare>`. Both halves are needed to resume a subscription to $all.
export function encodePosition(position: EsdbPosition): Position {
  return `${position.commit}:${position.prepare}`;
}

export function decodePosition(position: Position): EsdbPosition {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new TypeError(`Not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Numeric, commit first: string order would put "10:10" before "9:9". START is before everything. */
export function compareEsdbPositions(a: Position, b: Position): number {
  if (a === START || b === START) return a === b ? 0 : a === START ? -1 : 1;
  const left = decodePosition(a);
  const right = decodePosition(b);
  return compareBig(left.commit, right.commit) || compareBig(left.prepare, right.prepare);
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** What the adapter keeps in the event's metadata beside the writer's own metadata. */
export interface StoreEnvelope {
  v: 1;
  schemaVersion: number;
  recordedAt: string;
  previousHash: string;
  hash: string;
  /** The first event id of the append that wrote it, and that append's size: idempotent retries. */
  appendId: string;
  appendSize: number;
}

/**
 * EventStoreDB metadata: `$correlationId`/`$causationId` (so the server's $by_correlation_id works),
 * our `store` envelope, and the writer's metadata untouched under `metadata`, so that no extra key of
 * the writer can collide with ours.
 */
export interface EsdbMetadata {
  $correlationId: string;
  $causationId: string;
  store: StoreEnvelope;
  metadata: EventMetadata;
}

export type ChainedEvent = Omit<RecordedEvent, 'position'>;

/** The event as the client writes it: our id as the server's event id (server-side dedupe). */
export interface EsdbEventData {
  id: string;
  contentType: 'application/json';
  type: string;
  data: unknown;
  metadata: EsdbMetadata;
}

export function toEventData(event: ChainedEvent, append: { appendId: string; appendSize: number }): EsdbEventData {
  const { schemaVersion, previousHash, hash } = event;
  const store: StoreEnvelope = {
    v: 1,
    schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    previousHash,
    hash,
    ...append,
  };
  const metadata = {
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
    store,
    metadata: event.metadata,
  };
  return { id: event.id, contentType: 'application/json', type: event.type, data: event.data ?? null, metadata };
}

/** The client's recorded event, as far as we read it. */
export interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

const NO_POSITION = 2n ** 64n - 1n;

/** A recorded event, or an error naming the event when it was not written by this adapter. */
export function fromRecorded(raw: EsdbRecorded): RecordedEvent & { appendId: string; appendSize: number } {
  const envelope = raw.metadata as Partial<EsdbMetadata> | undefined;
  const store = envelope?.store;
  if (!raw.isJson || store?.v !== 1 || !envelope?.metadata) {
    throw new TypeError(`Event ${raw.id} in ${raw.streamId} was not written by this application (no store envelope)`);
  }
  // Servers before 22.10 send no position, or the "none" value 2^64-1, on stream reads.
  if (!raw.position || raw.position.commit === NO_POSITION)
    throw new TypeError(`Event ${raw.id}: the server sent no position (EventStoreDB 22.10 or later is required)`);
  return {
    id: raw.id,
    streamName: raw.streamId,
    revision: Number(raw.revision),
    position: encodePosition(raw.position),
    type: raw.type,
    schemaVersion: store.schemaVersion,
    data: raw.data,
    metadata: envelope.metadata,
    recordedAt: new Date(store.recordedAt),
    previousHash: store.previousHash,
    hash: store.hash,
    appendId: store.appendId,
    appendSize: store.appendSize,
  };
}

/** The part of a feed filter the server applies; it takes one kind of filter per subscription. */
export type ServerFilter =
  | { kind: 'stream-prefixes'; prefixes: string[] }
  | { kind: 'event-type-regex'; regex: string }
  | { kind: 'exclude-system' };

export function serverFilter(filter: FeedFilter | undefined): ServerFilter {
  if (filter?.streamPrefixes?.length) return { kind: 'stream-prefixes', prefixes: filter.streamPrefixes };
  if (filter?.eventTypes?.length)
    return { kind: 'event-type-regex', regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` };
  return { kind: 'exclude-system' };
}

/** The whole filter, applied again on the client: system events never, the other half of the filter always. */
export function matchesFeed(event: { streamName: string; type: string }, filter: FeedFilter | undefined): boolean {
  if (event.streamName.startsWith('$') || event.type.startsWith('$')) return false;
  const prefixes = filter?.streamPrefixes;
  if (prefixes?.length && !prefixes.some((prefix) => event.streamName.startsWith(prefix))) return false;
  const types = filter?.eventTypes;
  return !types?.length || types.includes(event.type);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
