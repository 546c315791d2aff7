/** events_appended_total counts what the store wrote: appends, and the streams of a batch that were new. */
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { type EventStore, InMemoryEventStore, type NewEvent } from '#event-store';
import { CountingEventStore } from './counting-event-store.js';

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actor: { id: 'a', role: 'agent' }, correlationId: 'c', causationId: 'k' },
});

async function appendedByType(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('events_appended_total')!.get();
  return Object.fromEntries(metric.values.map((value) => [String(value.labels.type), value.value]));
}

test('appendNewStreams counts the events of the streams it wrote, not of those already there', async () => {
  const registry = new Registry();
  const store = new CountingEventStore(new InMemoryEventStore(), registry);
  await store.append('s-old', [event('A')], 'no_stream');
  const outcomes = await store.appendNewStreams!([
    { stream: 's-new', events: [event('A'), event('B')] },
    { stream: 's-old', events: [event('B'), event('B')] },
  ]);
  expect(outcomes.map((outcome) => outcome.result === 'exists')).toEqual([false, true]);
  expect(await appendedByType(registry)).toEqual({ A: 2, B: 1 });
});

test('appendNewStreams is absent when the wrapped store lacks it, so that callers append stream by stream', () => {
  const inner = new InMemoryEventStore();
  const withoutIt = new Proxy(inner, {
    get: (target, key) => (key === 'appendNewStreams' ? undefined : Reflect.get(target, key)),
  }) as EventStore;
  expect(new CountingEventStore(withoutIt, new Registry()).appendNewStreams).toBeUndefined();
});
