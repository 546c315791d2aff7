/**
 * appendNewStreams through the crypto-shredding layer: every event sealed as append seals it, the
 * batch's customer keys fetched (and created) in one lookup, nothing stored in clear.
 */
import { randomUUID } from 'node:crypto';
import { verifyChain } from '../hash-chain.js';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import type { EventStore, NewEvent, RecordedEvent } from '../port.js';
import { type CustomerKeys, InMemoryCustomerKeys } from './customer-keys.js';
import { isEnvelope } from './envelope.js';
import { PersonalDataEventStore, type PersonalDataLocator } from './personal-data-event-store.js';

const metadata = { actor: { id: 'agent-1', role: 'agent' }, correlationId: 'c', causationId: 'k' };
const locate: PersonalDataLocator = (type) =>
  type === 'Received' ? { customerIdPath: 'customer.id', fields: ['customer.name'] } : undefined;

const received = (customerId: string | undefined, name: string): NewEvent => ({
  id: randomUUID(),
  type: 'Received',
  schemaVersion: 1,
  data: { subject: 'Kettle', customer: customerId === undefined ? { name } : { id: customerId, name } },
  metadata,
});
const noted = (): NewEvent => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: { n: 1 }, metadata });
const nameIn = (event: RecordedEvent | undefined) => (event?.data as { customer: { name: unknown } }).customer.name;

/** Customer keys that record how they were asked; `batch: false` hides keysForWriting. */
function countedKeys(options: { batch: boolean }) {
  const inner = new InMemoryCustomerKeys();
  const asked = { one: [] as string[], batches: [] as string[][] };
  const keys: CustomerKeys = {
    keyForWriting: (customerId) => (asked.one.push(customerId), inner.keyForWriting(customerId)),
    keysForReading: (keyIds) => inner.keysForReading(keyIds),
    ...(options.batch && {
      keysForWriting: (customerIds: readonly string[]) => (
        asked.batches.push([...customerIds]),
        inner.keysForWriting(customerIds)
      ),
    }),
  };
  return { keys, asked };
}

const batch = () => [
  { stream: 'complaint-a', events: [received('cust-a', 'Li Wei'), noted()] },
  { stream: 'complaint-b', events: [received('cust-b', 'Maria Silva')] },
  { stream: 'complaint-c', events: [received('cust-a', 'Li Wei'), noted()] },
];

test('every event is sealed as append seals it, with the keys of all the batch customers asked once', async () => {
  const raw = new InMemoryEventStore();
  const { keys, asked } = countedKeys({ batch: true });
  const store = new PersonalDataEventStore(raw, keys, locate);
  const outcomes = await store.appendNewStreams!(batch());
  expect(outcomes.map((outcome) => outcome.result !== 'exists')).toEqual([true, true, true]);
  expect(asked).toEqual({ one: [], batches: [['cust-a', 'cust-b']] });
  for (const stream of ['complaint-a', 'complaint-b', 'complaint-c']) {
    const stored = await raw.readStream(stream);
    expect(isEnvelope(nameIn(stored[0]))).toBe(true);
    expect(verifyChain(stored)).toEqual({ ok: true });
  }
  expect(JSON.stringify(await raw.readStream('complaint-a'))).not.toContain('Li Wei');
  expect(nameIn((await store.readStream('complaint-c'))[0])).toBe('Li Wei');
  expect(nameIn((await store.readStream('complaint-b'))[0])).toBe('Maria Silva');
});

test('customer keys without the batch lookup are asked customer by customer; a stream already there is left as it is', async () => {
  const raw = new InMemoryEventStore();
  const { keys, asked } = countedKeys({ batch: false });
  const store = new PersonalDataEventStore(raw, keys, locate);
  await store.append('complaint-b', [noted()], 'no_stream');
  const outcomes = await store.appendNewStreams!(batch());
  expect(outcomes.map((outcome) => outcome.result === 'exists')).toEqual([false, true, false]);
  expect(asked.one).toEqual(['cust-a', 'cust-b', 'cust-a']);
  expect((await raw.readStream('complaint-b')).map((event) => event.type)).toEqual(['Noted']);
  expect(nameIn((await store.readStream('complaint-a'))[0])).toBe('Li Wei');
});

test('personal data without a customer id refuses the whole batch: nothing is stored in clear', async () => {
  const raw = new InMemoryEventStore();
  const store = new PersonalDataEventStore(raw, new InMemoryCustomerKeys(), locate);
  const orphan = { stream: 'complaint-z', events: [received(undefined, 'Nobody')] };
  await expect(store.appendNewStreams!([...batch(), orphan])).rejects.toThrow(TypeError);
  expect(await raw.headPosition()).toBe('start');
});

test('absent when the wrapped store lacks it, so that callers append stream by stream', () => {
  const inner = new InMemoryEventStore();
  const withoutIt = new Proxy(inner, {
    get: (target, key) => (key === 'appendNewStreams' ? undefined : Reflect.get(target, key)),
  }) as EventStore;
  expect(new PersonalDataEventStore(withoutIt, new InMemoryCustomerKeys(), locate).appendNewStreams).toBeUndefined();
});
