import {
  type AppendResult,
  DuplicateEventIdError,
  type EventStore,
  type NewStream,
  type NewStreamOutcome,
  type RecordedEvent,
  verifyChain,
} from '../../libs/event-store/src/index.js';
import type { ContractCapabilities, EventStoreFactory } from './event-store.contract.js';
import { events, manualClock, newCategory, newEvent, readWholeFeed, sleep, streamIn, take } from './fixtures.js';

/** Size of the race test: batches at once × shared new streams in each, plus streams of their own. */
export const RACE_TEST = { rounds: 4, racers: 4, sharedStreams: 24, ownStreams: 4, maxCommitDelayMs: 20 };

const written = (outcome: NewStreamOutcome): AppendResult => {
  if (outcome.result === 'exists') throw new Error(`${outcome.stream} was not written`);
  return outcome.result;
};

/** The optional appendNewStreams capability (port.ts): the same behaviour wherever a store has it. */
export function describeAppendNewStreamsContract(factory: EventStoreFactory, capabilities: ContractCapabilities): void {
  describe('appendNewStreams (optional capability)', () => {
    let store: EventStore;
    let category: string;
    const clock = manualClock();
    const open: EventStore[] = [];
    const make = async (commitDelayMs?: () => number): Promise<EventStore> => {
      const created = await factory({ clock: clock.now, commitDelayMs });
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
    /**
     * The category's feed once it shows `count` events: on a shared PostgreSQL server another
     * database's open transaction may hold every feed back for a moment (trap 1).
     */
    const feed = async (count = 0, from: EventStore = store): Promise<RecordedEvent[]> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const events = await readWholeFeed(from, { streamPrefixes: [`${category}-`] });
        if (events.length >= count || Date.now() > deadline) return events;
        await sleep(50);
      }
    };
    const batchOf = (...sizes: number[]): NewStream[] =>
      sizes.map((size) => ({ stream: streamIn(category), events: events(size) }));

    if (!capabilities.appendNewStreams) {
      test('is absent, so that callers append stream by stream', () => {
        expect(store.appendNewStreams).toBeUndefined();
      });
      return;
    }
    const appendNew = (streams: readonly NewStream[], into: EventStore = store) => into.appendNewStreams!(streams);

    test('writes every stream of the batch from revision 0, answers as append would, in the order given', async () => {
      const batch = batchOf(1, 3, 2);
      const outcomes = await appendNew(batch);
      expect(outcomes.map((o) => o.stream)).toEqual(batch.map((s) => s.stream));
      expect(outcomes.map((o) => written(o).nextRevision)).toEqual([0, 2, 1]);
      for (const [index, { stream, events: appended }] of batch.entries()) {
        const read = await store.readStream(stream);
        expect(read.map((e) => [e.id, e.revision, e.data])).toEqual(appended.map((e, n) => [e.id, n, e.data]));
        expect(read[0]).toMatchObject({
          streamName: stream,
          metadata: appended[0]!.metadata,
          previousHash: '0'.repeat(64),
        });
        expect(read.at(-1)!.position).toBe(written(outcomes[index]!).position);
        expect(verifyChain(read)).toEqual({ ok: true });
        if (capabilities.injectableClock !== false) expect(read[0]!.recordedAt).toEqual(clock.now());
      }
      const followed = await feed(6);
      expect(followed.map((e) => e.id)).toEqual(batch.flatMap((s) => s.events.map((e) => e.id)));
      for (let i = 1; i < followed.length; i += 1)
        expect(store.comparePositions(followed[i - 1]!.position, followed[i]!.position)).toBe(-1);
    });

    test('text with backslashes, tabs, line breaks, quotes and non-ASCII characters comes back exactly as written', async () => {
      const awkward = 'C:\\path\\n is not a newline\t"quoted"\r\nline two \\\\ done — café 🧾 \\N';
      const stream = `${streamIn(category)}\\tab\tname`;
      const second = newEvent('Type\\With\tTabs');
      const written = [
        newEvent('ComplaintReceived', { text: awkward, nested: { [`key\t${awkward}`]: [awkward, '\\'] } }),
        { ...second, metadata: { ...second.metadata, note: awkward } },
      ];
      await appendNew([{ stream, events: written }]);
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.streamName, e.type, e.data, e.metadata])).toEqual(
        written.map((e) => [stream, e.type, e.data, e.metadata]),
      );
      expect(verifyChain(read)).toEqual({ ok: true });
    });

    test('a stream already there is answered exists and left as it is; the others are written', async () => {
      const existing = streamIn(category);
      const stored = events(2);
      await store.append(existing, stored, 'no_stream');
      const [first, last] = batchOf(2, 1);
      const outcomes = await appendNew([first!, { stream: existing, events: events(3) }, last!]);
      expect(outcomes.map((o) => (o.result === 'exists' ? 'exists' : o.result.nextRevision))).toEqual([1, 'exists', 0]);
      expect((await store.readStream(existing)).map((e) => e.id)).toEqual(stored.map((e) => e.id));
      expect((await feed(5)).map((e) => e.id)).toEqual([...stored, ...first!.events, ...last!.events].map((e) => e.id));
      // The same batch again (a re-run, with events of its own): every stream is there, nothing is added.
      const again = await appendNew([first!, last!].map(({ stream }) => ({ stream, events: events(2) })));
      expect(again.map((o) => o.result)).toEqual(['exists', 'exists']);
      expect(await feed(5)).toHaveLength(5);
    });

    test('an empty batch answers nothing and writes nothing', async () => {
      expect(await appendNew([])).toEqual([]);
      expect(await feed()).toEqual([]);
    });

    test('refuses, writing nothing, a batch with a stream twice or empty, an id twice, or an id stored elsewhere', async () => {
      const stored = events(1);
      const elsewhere = streamIn(category);
      await store.append(elsewhere, stored, 'no_stream');
      const [a, b] = batchOf(1, 2);
      await expect(appendNew([a!, b!, { stream: a!.stream, events: events(1) }])).rejects.toThrow(TypeError);
      await expect(appendNew([a!, { stream: b!.stream, events: [] }])).rejects.toThrow(TypeError);
      await expect(appendNew([a!, { stream: b!.stream, events: [a!.events[0]!] }])).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(appendNew([a!, { stream: b!.stream, events: [newEvent(), stored[0]!] }])).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect((await feed(1)).map((e) => e.id)).toEqual([stored[0]!.id]);
      expect(await store.readStream(a!.stream)).toEqual([]);
    });

    test(`${RACE_TEST.racers} batches racing for the same new streams: each stream written once, by one of them; a follower sees every event once`, async () => {
      const racing = await make(() => Math.random() * RACE_TEST.maxCommitDelayMs);
      const total = RACE_TEST.rounds * (RACE_TEST.sharedStreams + RACE_TEST.racers * RACE_TEST.ownStreams);
      const filter = { streamPrefixes: [`${category}-`] };
      const abort = new AbortController();
      const following = take(racing.subscribeAll({ filter, signal: abort.signal, batchSize: 50 }), total * 2, 30_000);
      const winners = new Map<string, { events: string[]; result: AppendResult }>();
      for (let round = 0; round < RACE_TEST.rounds; round += 1) {
        const shared = Array.from({ length: RACE_TEST.sharedStreams }, () => streamIn(category));
        const batches = Array.from({ length: RACE_TEST.racers }, () => {
          const own = Array.from({ length: RACE_TEST.ownStreams }, () => streamIn(category));
          // Every racer names the shared streams in the same order, its own streams in between.
          return [...shared.slice(0, 10), ...own, ...shared.slice(10)].map((stream) => ({ stream, events: events(2) }));
        });
        const results = await Promise.all(batches.map((batch) => appendNew(batch, racing)));
        for (const [racer, outcomes] of results.entries()) {
          for (const [index, outcome] of outcomes.entries()) {
            if (outcome.result === 'exists') continue;
            expect(winners.has(outcome.stream)).toBe(false);
            winners.set(outcome.stream, {
              events: batches[racer]![index]!.events.map((e) => e.id),
              result: outcome.result,
            });
          }
        }
        for (const stream of shared) expect(winners.has(stream)).toBe(true);
      }
      expect(winners.size).toBe(total);
      for (const [stream, winner] of winners) {
        const read = await racing.readStream(stream);
        expect(read.map((e) => e.id)).toEqual(winner.events);
        expect(read.at(-1)!.position).toBe(winner.result.position);
        expect(verifyChain(read)).toEqual({ ok: true });
      }
      const followed = await following;
      abort.abort();
      const whole = await feed(total * 2, racing);
      expect(whole).toHaveLength(total * 2);
      expect(followed.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    }, 60_000);
  });
}
