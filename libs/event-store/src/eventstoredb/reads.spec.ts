import type { EventStoreDBClient } from '@eventstore/db-client';
import { GENESIS_HASH } from '../hash-chain.js';
import { EventStoreTimeoutError, START } from '../port.js';
import { encodePosition, type EsdbPosition, type EsdbRecorded, toEventData } from './mapping.js';
import { collect, headOfAll, readAllFiltered, readStreamEvents, tailOf, tailWindow } from './reads.js';

/**
 * The read paths against an in-process stand-in for the gRPC client that keeps the server's
 * semantics the adapter relies on: $all reads are inclusive of `fromPosition`, a missing stream
 * fails the iteration with `stream-not-found`, and every read can be destroyed.
 */
type Log = EsdbRecorded[];

function ours(streamId: string, revision: number, position: number): EsdbRecorded {
  const id = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`;
  const event = {
    streamName: streamId,
    id,
    type: 'ComplaintNoteAdded',
    schemaVersion: 1,
    data: { position },
    metadata: { actor: { id: 'a', role: 'agent' }, correlationId: 'c', causationId: 'k' },
    recordedAt: new Date(1_700_000_000_000 + position),
    revision,
    previousHash: GENESIS_HASH,
    hash: `hash-${position}`,
  };
  const { data, metadata } = toEventData(event, { appendId: id, appendSize: 1 });
  return {
    streamId,
    id,
    revision: BigInt(revision),
    type: event.type,
    isJson: true,
    data,
    metadata,
    position: at(position),
  };
}

/** A server-written event: no envelope of ours, so decoding it would throw. */
const system = (streamId: string, type: string, position: number): EsdbRecorded => ({
  streamId,
  id: `sys-${position}`,
  revision: 0n,
  type,
  isJson: true,
  data: {},
  metadata: {},
  position: at(position),
});

const at = (n: number): EsdbPosition => ({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });

function read(events: Log, failWith?: unknown) {
  let destroyed = false;
  return {
    destroy: () => (destroyed = true),
    get destroyed() {
      return destroyed;
    },
    async *[Symbol.asyncIterator]() {
      if (failWith) throw failWith;
      for (const event of events) yield { event };
    },
  };
}

function fakeClient(log: Log): EventStoreDBClient {
  const client = {
    readAll(options: { fromPosition: 'start' | 'end' | EsdbPosition; maxCount: number; direction: string }) {
      const ordered = options.direction === 'backwards' ? [...log].reverse() : log;
      const from = options.fromPosition;
      const startAt = typeof from === 'string' ? 0 : ordered.findIndex((e) => e.position!.commit >= from.commit);
      return read(startAt < 0 ? [] : ordered.slice(startAt, startAt + options.maxCount));
    },
    readStream(stream: string, options: { direction: string; fromRevision: 'end' | bigint; maxCount?: number }) {
      const events = log.filter((e) => e.streamId === stream);
      if (events.length === 0) return read([], Object.assign(new Error('not found'), { type: 'stream-not-found' }));
      const ordered = options.direction === 'backwards' ? [...events].reverse() : events;
      const from = options.fromRevision;
      const selected = from === 'end' ? ordered : ordered.filter((e) => e.revision >= from);
      return read(selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER));
    },
  };
  return client as unknown as EventStoreDBClient;
}

/** 700 events: complaint streams, another category and the server's own events, interleaved. */
function busyLog(): Log {
  const revisions = new Map<string, number>();
  return Array.from({ length: 700 }, (_, n) => {
    if (n % 7 === 3) return system('$stats-127.0.0.1:2113', '$statsCollected', n);
    if (n % 5 === 1) return system('complaint-9', '$metadata', n);
    const stream = n % 3 === 0 ? `customer-${n % 4}` : `complaint-${n % 4}`;
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return ours(stream, revision, n);
  });
}

describe('EventStoreDB reads', () => {
  test('readAll pages through $all, keeps only matching events, and resumes after its position', async () => {
    const log = busyLog();
    const client = fakeClient(log);
    const expected = log.filter((e) => e.streamId.startsWith('complaint-') && !e.type.startsWith('$')).map((e) => e.id);
    const seen: string[] = [];
    let after = START;
    for (let round = 0; round < 100; round += 1) {
      const page = await readAllFiltered(client, 1_000, {
        after,
        limit: 37,
        filter: { streamPrefixes: ['complaint-'] },
      });
      seen.push(...page.events.map((e) => e.id));
      if (page.events.length === 0) {
        expect(page.position).toBe(after);
        break;
      }
      // A full page stops at its last event; a short one has scanned to the end of the log.
      if (page.events.length === 37) expect(page.position).toBe(page.events.at(-1)!.position);
      else expect(page.position).toBe(encodePosition(log.at(-1)!.position!));
      after = page.position;
    }
    expect(expected.length).toBeGreaterThan(300); // more than one server page of 256
    expect(seen).toEqual(expected);
  });

  test('an unfiltered readAll still leaves out system streams and events', async () => {
    const { events } = await readAllFiltered(fakeClient(busyLog()), 1_000, { after: START, limit: 10_000 });
    expect(events.some((e) => e.streamName.startsWith('$') || e.type.startsWith('$'))).toBe(false);
    expect(new Set(events.map((e) => e.streamName.split('-')[0]))).toEqual(new Set(['complaint', 'customer']));
  });

  test('the head of $all is the newest position, or START on an empty server', async () => {
    const log = busyLog();
    expect(await headOfAll(fakeClient(log), 1_000)).toBe(encodePosition(log.at(-1)!.position!));
    expect(await headOfAll(fakeClient([]), 1_000)).toBe(START);
  });

  test('a stream reads oldest first from a revision, and its tail newest first', async () => {
    const client = fakeClient(busyLog());
    const all = await readStreamEvents(client, 1_000, 'complaint-1', { from: 0 });
    expect(all.map((e) => e.revision)).toEqual(all.map((_, index) => index));
    const middle = await readStreamEvents(client, 1_000, 'complaint-1', { from: 5, to: 7 });
    expect(middle.map((e) => e.revision)).toEqual([5, 6, 7]);
    expect(await readStreamEvents(client, 1_000, 'complaint-1', { from: 5, to: 4 })).toEqual([]);
    const window = await tailWindow(client, 1_000, 'complaint-1', 3);
    expect(window.map((e) => e.revision)).toEqual([all.length - 1, all.length - 2, all.length - 3]);
    expect(tailOf(window)).toEqual({ revision: all.length - 1, hash: window[0]!.hash });
  });

  test('a stream that does not exist reads as empty, with the tail of no stream', async () => {
    const client = fakeClient(busyLog());
    expect(await readStreamEvents(client, 1_000, 'complaint-404', { from: 0 })).toEqual([]);
    expect(tailOf(await tailWindow(client, 1_000, 'complaint-404', 64))).toEqual({ revision: -1, hash: GENESIS_HASH });
  });

  test('a read that never ends is destroyed at its deadline and fails with EventStoreTimeoutError', async () => {
    const hanging = {
      destroyed: false,
      destroy() {
        this.destroyed = true;
      },
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<unknown>>(() => undefined) }),
    };
    const error = await collect('readAll', 30, () => hanging).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EventStoreTimeoutError);
    expect(error).toMatchObject({ operation: 'readAll', timeoutMs: 30 });
    expect(hanging.destroyed).toBe(true);
  });

  test("the client's DeadlineExceeded becomes EventStoreTimeoutError; other failures pass through", async () => {
    const expired = Object.assign(new Error('4 DEADLINE_EXCEEDED'), { type: 'deadline-exceeded' });
    await expect(collect('readStream', 500, () => read([], expired))).rejects.toMatchObject({
      code: 'EVENT_STORE_TIMEOUT',
      operation: 'readStream',
    });
    const denied = Object.assign(new Error('access denied'), { type: 'access-denied' });
    await expect(collect('readStream', 500, () => read([], denied))).rejects.toBe(denied);
    const deleted = Object.assign(new Error('deleted'), { type: 'stream-deleted' });
    await expect(collect('readStream', 500, () => read([], deleted))).rejects.toBe(deleted);
  });
});
