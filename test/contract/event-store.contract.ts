import {
  DuplicateEventIdError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  START,
  verifyChain,
  WrongExpectedRevisionError,
} from '../../libs/event-store/src/index.js';
import { describeAppendNewStreamsContract } from './append-new-streams.contract.js';
import { events, manualClock, newCategory, newEvent, readWholeFeed, sleep, streamIn, take } from './fixtures.js';

export interface ContractStoreOptions {
  /** The store's clock. An adapter that stamps events server-side may ignore it (see capabilities). */
  clock?: () => Date;
  /** Each append's transaction waits this long before it commits, so commits land out of order. */
  commitDelayMs?: () => number;
}

/** A fresh store per call; the suite closes it. */
export type EventStoreFactory = (options?: ContractStoreOptions) => Promise<EventStore>;

export interface ContractCapabilities {
  /** The factory's store holds no events at all (false for a shared EventStoreDB). */
  startsEmpty?: boolean;
  /** recordedAt comes from ContractStoreOptions.clock. */
  injectableClock?: boolean;
  /** The store has the optional appendNewStreams; without it the suite checks that it is absent. */
  appendNewStreams?: boolean;
}

/** Size of the gap test: writers × appends per writer, one event per append. */
export const GAP_TEST = { writers: 16, appendsPerWriter: 200, maxCommitDelayMs: 30 };

/** The executable definition of the EventStore port: every adapter must pass all of it. */
export function describeEventStoreContract(
  name: string,
  factory: EventStoreFactory,
  capabilities: ContractCapabilities = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let category: string;
    const clock = manualClock();
    const open: EventStore[] = [];
    const make = async (options?: ContractStoreOptions): Promise<EventStore> => {
      const created = await factory({ clock: clock.now, ...options });
      open.push(created);
      return created;
    };

    beforeEach(async () => {
      store = await make();
      category = newCategory();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    const feed = (s: EventStore = store) => readWholeFeed(s, { streamPrefixes: [`${category}-`] });

    describe('append and readStream', () => {
      test('round trip keeps data, metadata and type; revisions start at 0', async () => {
        const stream = streamIn(category);
        const data = {
          text: 'Größe — 日本語 🚀 "quoted"\n',
          nested: { z: [1, { b: 2, a: null }], a: true },
          n: 59.9,
          big: 1e21,
          neg: -0.5,
        };
        const first = newEvent('ComplaintReceived', data);
        first.metadata.extra = { ip: '10.0.0.1' };
        const second = newEvent('ComplaintAssigned', { agent: 'a-1' });
        expect(await store.append(stream, [first], 'no_stream')).toMatchObject({ nextRevision: 0 });
        clock.advance(1000);
        expect(await store.append(stream, [second], 0)).toMatchObject({ nextRevision: 1 });
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1]);
        expect(read[0]).toMatchObject({
          id: first.id,
          type: first.type,
          schemaVersion: 1,
          data,
          metadata: first.metadata,
          streamName: stream,
        });
        expect(read[1]).toMatchObject({ id: second.id, type: 'ComplaintAssigned', data: { agent: 'a-1' } });
        if (capabilities.injectableClock !== false)
          expect(read[1]!.recordedAt.getTime() - read[0]!.recordedAt.getTime()).toBe(1000);
      });

      test('an unknown stream reads as empty', async () => {
        expect(await store.readStream(streamIn(category))).toEqual([]);
      });

      test('several events in one append get consecutive revisions and feed positions', async () => {
        const stream = streamIn(category);
        await store.append(stream, events(1), 'no_stream');
        const result = await store.append(stream, events(3), 0);
        expect(result.nextRevision).toBe(3);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
        expect(read[3]!.position).toBe(result.position);
        for (let i = 1; i < read.length; i += 1)
          expect(store.comparePositions(read[i - 1]!.position, read[i]!.position)).toBe(-1);
      });

      test('readStream honours fromRevision, toRevision and untilTime', async () => {
        const stream = streamIn(category);
        for (let i = 0; i < 5; i += 1) {
          await store.append(stream, [newEvent()], i === 0 ? 'no_stream' : i - 1);
          clock.advance(60_000);
          if (capabilities.injectableClock === false) await sleep(5);
        }
        const all = await store.readStream(stream);
        expect((await store.readStream(stream, { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3, 4]);
        expect((await store.readStream(stream, { toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
        expect((await store.readStream(stream, { fromRevision: 1, toRevision: 3 })).map((e) => e.revision)).toEqual([
          1, 2, 3,
        ]);
        const until = await store.readStream(stream, { untilTime: all[2]!.recordedAt });
        expect(until.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(await store.readStream(stream, { untilTime: new Date(all[0]!.recordedAt.getTime() - 1) })).toEqual([]);
      });
    });

    describe('expected revision', () => {
      const conflict = async (promise: Promise<unknown>, actual: number): Promise<void> => {
        const error = await promise.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(actual);
      };

      test('no_stream: only for a new stream', async () => {
        const stream = streamIn(category);
        await store.append(stream, [newEvent()], 'no_stream');
        await conflict(store.append(stream, [newEvent()], 'no_stream'), 0);
      });

      test('exact: the current revision succeeds, a stale or future one fails with the actual revision', async () => {
        const stream = streamIn(category);
        await store.append(stream, events(2), 'no_stream');
        await conflict(store.append(stream, [newEvent()], 0), 1);
        await conflict(store.append(stream, [newEvent()], 5), 1);
        await conflict(store.append(streamIn(category), [newEvent()], 0), -1);
        expect((await store.append(stream, [newEvent()], 1)).nextRevision).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      test('any: appends to a new or an existing stream', async () => {
        const stream = streamIn(category);
        expect((await store.append(stream, [newEvent()], 'any')).nextRevision).toBe(0);
        expect((await store.append(stream, events(2), 'any')).nextRevision).toBe(2);
      });

      test('stream_exists: fails with -1 on a new stream, appends to an existing one', async () => {
        const stream = streamIn(category);
        await conflict(store.append(stream, [newEvent()], 'stream_exists'), -1);
        await store.append(stream, [newEvent()], 'no_stream');
        expect((await store.append(stream, [newEvent()], 'stream_exists')).nextRevision).toBe(1);
      });

      test('two writers race with the same expected revision: exactly one wins (50 races)', async () => {
        for (let race = 0; race < 50; race += 1) {
          const stream = streamIn(category);
          const expected = race % 2 === 0 ? 'no_stream' : 0;
          if (expected === 0) await store.append(stream, [newEvent()], 'no_stream');
          const outcomes = await Promise.allSettled([
            store.append(stream, [newEvent()], expected),
            store.append(stream, [newEvent()], expected),
          ]);
          const winners = outcomes.filter((o) => o.status === 'fulfilled');
          const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
          expect(winners).toHaveLength(1);
          expect(losers[0]).toBeInstanceOf(WrongExpectedRevisionError);
          expect((losers[0] as WrongExpectedRevisionError).actual).toBe(expected === 'no_stream' ? 0 : 1);
          expect(await store.readStream(stream)).toHaveLength(expected === 'no_stream' ? 1 : 2);
        }
      });

      test("concurrent 'any' writers all succeed, one after the other", async () => {
        const stream = streamIn(category);
        const results = await Promise.all(Array.from({ length: 8 }, () => store.append(stream, [newEvent()], 'any')));
        expect(results.map((r) => r.nextRevision).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(verifyChain(await store.readStream(stream))).toEqual({ ok: true });
      });
    });

    describe('idempotency by event id', () => {
      test('re-appending the same events returns the original result and writes nothing', async () => {
        const stream = streamIn(category);
        await store.append(stream, [newEvent()], 'no_stream');
        const batch = events(2);
        const original = await store.append(stream, batch, 0);
        for (const expected of [0, 'any', 'stream_exists'] as const) {
          expect(await store.append(stream, batch, expected)).toEqual(original);
        }
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      test('a retried first append (no_stream) returns the original result', async () => {
        const stream = streamIn(category);
        const batch = [newEvent()];
        const original = await store.append(stream, batch, 'no_stream');
        expect(await store.append(stream, batch, 'no_stream')).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      test('an id stored in another stream, or only part of an earlier append, is a DuplicateEventIdError', async () => {
        const stream = streamIn(category);
        const batch = events(2);
        await store.append(stream, batch, 'no_stream');
        await expect(store.append(streamIn(category), [batch[0]!], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        await expect(store.append(stream, [batch[0]!], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.append(stream, [batch[1]!, newEvent()], 1)).rejects.toBeInstanceOf(DuplicateEventIdError);
        const twice = newEvent();
        await expect(store.append(streamIn(category), [twice, twice], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('readAll', () => {
      const seed = async (): Promise<{ other: string; appended: NewEvent[] }> => {
        const other = newCategory();
        const appended: NewEvent[] = [];
        for (const [stream, type] of [
          [streamIn(category), 'A'],
          [streamIn(other), 'B'],
          [streamIn(category), 'B'],
        ] as const) {
          const batch = events(3, type);
          appended.push(...batch);
          await store.append(stream, batch, 'no_stream');
        }
        return { other, appended };
      };

      test('pages through the feed in a stable order that matches append order', async () => {
        const { other, appended } = await seed();
        const filter = { streamPrefixes: [`${category}-`, `${other}-`] };
        const paged = await readWholeFeed(store, filter, 2);
        expect(paged.map((e) => e.id)).toEqual(appended.map((e) => e.id));
        expect((await readWholeFeed(store, filter, 4)).map((e) => e.position)).toEqual(paged.map((e) => e.position));
        for (let i = 1; i < paged.length; i += 1)
          expect(store.comparePositions(paged[i - 1]!.position, paged[i]!.position)).toBe(-1);
      });

      test('filters by stream prefix and by event type', async () => {
        const { other, appended } = await seed();
        expect((await feed()).map((e) => e.id)).toEqual(
          [...appended.slice(0, 3), ...appended.slice(6)].map((e) => e.id),
        );
        const typeB = await readWholeFeed(store, { streamPrefixes: [`${category}-`, `${other}-`], eventTypes: ['B'] });
        expect(typeB.map((e) => e.id)).toEqual(appended.slice(3).map((e) => e.id));
      });

      test('continuing from the returned position yields nothing new, and then only what came later', async () => {
        await seed();
        const filter = { streamPrefixes: [`${category}-`] };
        const first = await store.readAll({ after: START, limit: 100, filter });
        const again = await store.readAll({ after: first.position, limit: 100, filter });
        expect(again.events).toEqual([]);
        expect(store.comparePositions(again.position, first.position)).toBeGreaterThanOrEqual(0);
        const later = newEvent();
        await store.append(streamIn(category), [later], 'no_stream');
        expect((await store.readAll({ after: again.position, limit: 100, filter })).events.map((e) => e.id)).toEqual([
          later.id,
        ]);
      });

      test('headPosition is the newest visible position', async () => {
        if (capabilities.startsEmpty) expect(await store.headPosition()).toBe(START);
        await store.append(streamIn(category), [newEvent()], 'no_stream');
        const last = await store.append(streamIn(category), events(2), 'no_stream');
        const head = await store.headPosition();
        if (capabilities.startsEmpty) expect(head).toBe(last.position);
        expect(store.comparePositions(head, last.position)).toBeGreaterThanOrEqual(0);
        expect(store.comparePositions(START, last.position)).toBe(-1);
      });
    });

    describe('subscribeAll', () => {
      test('catches up, then delivers live events; aborting ends it', async () => {
        const stream = streamIn(category);
        const early = events(3);
        await store.append(stream, early, 'no_stream');
        const abort = new AbortController();
        const subscription = store.subscribeAll({
          filter: { streamPrefixes: [`${category}-`] },
          signal: abort.signal,
          batchSize: 2,
        });
        const iterator = subscription[Symbol.asyncIterator]();
        const caughtUp = await take({ [Symbol.asyncIterator]: () => iterator }, 3);
        expect(caughtUp.map((e) => e.id)).toEqual(early.map((e) => e.id));
        const late = events(2);
        setTimeout(() => void store.append(stream, late, 2), 50);
        const live = await take({ [Symbol.asyncIterator]: () => iterator }, 2, 5000);
        expect(live.map((e) => e.id)).toEqual(late.map((e) => e.id));
        const pending = iterator.next();
        abort.abort();
        expect(await pending).toEqual({ done: true, value: undefined });
      });

      test('resumes after a position with no gap and no duplicate', async () => {
        const stream = streamIn(category);
        const appended = events(6);
        await store.append(stream, appended.slice(0, 3), 'no_stream');
        await store.append(stream, appended.slice(3), 2);
        const filter = { streamPrefixes: [`${category}-`] };
        const first = new AbortController();
        const seen = await take(store.subscribeAll({ filter, signal: first.signal }), 4);
        first.abort();
        const second = new AbortController();
        const rest = await take(store.subscribeAll({ filter, signal: second.signal, after: seen[3]!.position }), 2);
        second.abort();
        expect([...seen, ...rest].map((e) => e.id)).toEqual(appended.map((e) => e.id));
      });

      test('close() ends a waiting subscription', async () => {
        const iterator = store.subscribeAll({ filter: { streamPrefixes: [`${category}-`] } })[Symbol.asyncIterator]();
        const pending = iterator.next();
        await sleep(50);
        await store.close();
        expect(await pending).toEqual({ done: true, value: undefined });
      });
    });

    describe('hash chain', () => {
      test('is valid after appends and recomputable from re-read events; tampering is detected', async () => {
        const stream = streamIn(category);
        await store.append(
          stream,
          [newEvent('A', { amount: 59.9, note: 'naïve café ✓', list: [3, 1, 2] })],
          'no_stream',
        );
        await store.append(stream, events(3), 0);
        await store.append(stream, [newEvent('B', { deep: { b: { d: 1, c: [{ y: 1, x: 2 }] }, a: 0 } })], 'any');
        const read = await store.readStream(stream);
        expect(read[0]!.previousHash).toBe('0'.repeat(64));
        expect(verifyChain(read)).toEqual({ ok: true });
        const tampered: RecordedEvent[] = read.map((e) => (e.revision === 2 ? { ...e, data: { n: 99 } } : e));
        expect(verifyChain(tampered)).toEqual({ ok: false, brokenAtRevision: 2 });
      });
    });

    test(`the gap test: ${GAP_TEST.writers} writers × ${GAP_TEST.appendsPerWriter} appends committing out of order, one follower sees each event once`, async () => {
      const gapStore = await make({ commitDelayMs: () => Math.random() * GAP_TEST.maxCommitDelayMs });
      const filter = { streamPrefixes: [`${category}-`] };
      const total = GAP_TEST.writers * GAP_TEST.appendsPerWriter;
      const abort = new AbortController();
      const following = take(gapStore.subscribeAll({ filter, signal: abort.signal, batchSize: 50 }), total, 20_000);
      const started = Date.now();
      await Promise.all(
        Array.from({ length: GAP_TEST.writers }, async () => {
          const stream = streamIn(category);
          for (let i = 0; i < GAP_TEST.appendsPerWriter; i += 1)
            await gapStore.append(stream, [newEvent()], i === 0 ? 'no_stream' : i - 1);
        }),
      );
      const followed = await following;
      abort.abort();
      console.log(
        `gap test: ${GAP_TEST.writers} writers × ${GAP_TEST.appendsPerWriter} appends = ${total} events in ${Date.now() - started} ms`,
      );
      const [once, twice] = [await feed(gapStore), await feed(gapStore)];
      expect(once).toHaveLength(total);
      expect(new Set(followed.map((e) => e.id)).size).toBe(total);
      expect(twice.map((e) => e.id)).toEqual(once.map((e) => e.id));
      expect(followed.map((e) => e.id)).toEqual(once.map((e) => e.id));
    }, 30_000);

    describeAppendNewStreamsContract(factory, capabilities);
  });
}
