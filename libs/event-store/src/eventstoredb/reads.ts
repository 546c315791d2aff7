import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  type ReadStreamOptions,
} from '@eventstore/db-client';
import type { StreamTail } from '../copy/recorded-chain.js';
import { EMPTY_TAIL } from '../copy/recorded-chain.js';
import {
  type FeedFilter,
  type Position,
  type ReadAllResult,
  type RecordedEvent,
  START,
  type StreamName,
} from '../port.js';
import { asTimeout, withDeadline } from './deadline.js';
import {
  compareEsdbPositions,
  decodePosition,
  encodePosition,
  type EsdbRecorded,
  fromRecorded,
  matchesFeed,
} from './mapping.js';

export type StoredEvent = ReturnType<typeof fromRecorded>;

/** Drains a client read under one deadline; a missing stream reads as empty. */
export async function collect<E>(
  operation: string,
  timeoutMs: number,
  open: () => { destroy(): unknown } & AsyncIterable<E>,
): Promise<E[]> {
  const read = open();
  try {
    return await withDeadline(
      operation,
      timeoutMs,
      async () => {
        const items: E[] = [];
        for await (const item of read) items.push(item);
        return items;
      },
      () => read.destroy(),
    );
  } catch (error) {
    if ((error as { type?: unknown }).type === 'stream-not-found') return [];
    throw asTimeout(error, operation, timeoutMs);
  }
}

const recordedOf = (resolved: { event?: unknown }): EsdbRecorded[] =>
  resolved.event ? [resolved.event as EsdbRecorded] : [];

export async function readStreamEvents(
  client: EventStoreDBClient,
  timeoutMs: number,
  stream: StreamName,
  range: { from: number; to?: number; newestFirst?: boolean; maxCount?: number },
): Promise<StoredEvent[]> {
  const maxCount = range.maxCount ?? (range.to === undefined ? undefined : Math.max(0, range.to - range.from + 1));
  if (maxCount === 0) return [];
  const options: ReadStreamOptions = range.newestFirst
    ? { direction: BACKWARDS, fromRevision: END, maxCount, deadline: timeoutMs }
    : { direction: FORWARDS, fromRevision: BigInt(range.from), maxCount, deadline: timeoutMs };
  const resolved = await collect('readStream', timeoutMs, () => client.readStream(stream, options));
  return resolved.flatMap(recordedOf).map(fromRecorded);
}

/** The newest events of a stream, newest first: the tail for the chain plus a window for retries. */
export async function tailWindow(
  client: EventStoreDBClient,
  timeoutMs: number,
  stream: StreamName,
  size: number,
): Promise<StoredEvent[]> {
  return readStreamEvents(client, timeoutMs, stream, { from: 0, newestFirst: true, maxCount: size });
}

export function tailOf(window: readonly StoredEvent[]): StreamTail {
  const last = window[0];
  return last ? { revision: last.revision, hash: last.hash } : EMPTY_TAIL;
}

/** The port's event without the adapter's bookkeeping. */
export function toPortEvent(stored: StoredEvent): RecordedEvent {
  const { appendId: _appendId, appendSize: _appendSize, ...event } = stored;
  return event;
}

/**
 * readAll on the client has no server-side filter, so pages of $all are scanned and filtered here
 * until `limit` events match or the log ends. $all reads are inclusive of `fromPosition`, hence the
 * skip of everything at or before the last position already scanned.
 */
export async function readAllFiltered(
  client: EventStoreDBClient,
  timeoutMs: number,
  options: { after: Position; limit: number; filter?: FeedFilter },
): Promise<ReadAllResult> {
  const pageSize = Math.min(Math.max(options.limit, 256), 4096);
  const events: RecordedEvent[] = [];
  let position = options.after;
  for (;;) {
    const fromPosition: ReadPosition = position === START ? 'start' : decodePosition(position);
    const read = () => client.readAll({ fromPosition, maxCount: pageSize, direction: FORWARDS, deadline: timeoutMs });
    const page = (await collect('readAll', timeoutMs, read)).flatMap(recordedOf);
    for (const raw of page) {
      const at = encodePosition(raw.position!);
      if (position !== START && compareEsdbPositions(at, position) <= 0) continue;
      position = at;
      if (!matchesFeed({ streamName: raw.streamId, type: raw.type }, options.filter)) continue;
      events.push(toPortEvent(fromRecorded(raw)));
      if (events.length === options.limit) return { events, position };
    }
    if (page.length < pageSize) return { events, position };
  }
}

export async function headOfAll(client: EventStoreDBClient, timeoutMs: number): Promise<Position> {
  const read = () => client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, deadline: timeoutMs });
  const last = (await collect('headPosition', timeoutMs, read)).flatMap(recordedOf)[0];
  return last?.position ? encodePosition(last.position) : START;
}
