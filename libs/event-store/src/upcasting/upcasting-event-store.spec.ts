/**
 * The upcasting view: readers get the upcaster's type/schemaVersion/data, every other field (ids,
 * revision, position, recordedAt, metadata, hashes) exactly as stored; writes reach the store as given.
 */
import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { START, type RecordedEvent } from '../port.js';
import { UpcastingEventStore } from './upcasting-event-store.js';

const metadata = { actor: { id: 'a', role: 'agent' }, correlationId: 'c', causationId: 'k' };
const lift = (event: RecordedEvent): RecordedEvent =>
  event.schemaVersion === 1
    ? { ...event, schemaVersion: 2, data: { lifted: (event.data as { n: number }).n }, id: 'ignored', hash: 'ignored' }
    : event;

async function stores() {
  const raw = new InMemoryEventStore();
  const view = new UpcastingEventStore(raw, lift);
  await view.append(
    's-1',
    [{ id: '11111111-1111-4111-8111-111111111111', type: 'T', schemaVersion: 1, data: { n: 1 }, metadata }],
    'no_stream',
  );
  await view.append(
    's-1',
    [{ id: '22222222-2222-4222-8222-222222222222', type: 'T', schemaVersion: 2, data: { lifted: 2 }, metadata }],
    0,
  );
  return { raw, view };
}

test('writes are stored as given; reads of the raw store are untouched', async () => {
  const { raw } = await stores();
  expect((await raw.readStream('s-1')).map((event) => event.data)).toEqual([{ n: 1 }, { lifted: 2 }]);
});

test('readStream, readAll and subscribeAll lift old events and keep everything else as stored', async () => {
  const { raw, view } = await stores();
  const stored = await raw.readStream('s-1');
  const expected = [{ ...stored[0]!, schemaVersion: 2, data: { lifted: 1 } }, stored[1]];
  expect(await view.readStream('s-1')).toEqual(expected);
  expect((await view.readAll({ after: START, limit: 10 })).events).toEqual(expected);
  const stop = new AbortController();
  const seen: RecordedEvent[] = [];
  for await (const event of view.subscribeAll({ signal: stop.signal })) {
    seen.push(event);
    if (seen.length === 2) stop.abort();
  }
  expect(seen).toEqual(expected);
});

test('positions and the head come from the wrapped store', async () => {
  const { raw, view } = await stores();
  expect(await view.headPosition()).toBe(await raw.headPosition());
  expect(view.comparePositions('1', '2')).toBe(raw.comparePositions('1', '2'));
  expect(view.raw).toBe(raw);
});

test('appendNewStreams reaches the wrapped store as given, and is absent when the wrapped store lacks it', async () => {
  const raw = new InMemoryEventStore();
  const view = new UpcastingEventStore(raw, lift);
  const event = { id: '33333333-3333-4333-8333-333333333333', type: 'T', schemaVersion: 1, data: { n: 3 }, metadata };
  const outcomes = await view.appendNewStreams!([{ stream: 's-2', events: [event] }]);
  expect(outcomes).toEqual([{ stream: 's-2', result: { nextRevision: 0, position: '1' } }]);
  expect((await raw.readStream('s-2')).map((stored) => stored.data)).toEqual([{ n: 3 }]);
  const withoutIt = new Proxy(raw, {
    get: (target, key) => (key === 'appendNewStreams' ? undefined : Reflect.get(target, key)),
  });
  expect(new UpcastingEventStore(withoutIt, lift).appendNewStreams).toBeUndefined();
});
