/**
 * The crypto-shredding layer on the in-memory store: personal fields are stored sealed and hashed as
 * such, read back in clear while the customer's key exists, and as a marker once it is erased —
 * with the hash chain intact throughout.
 */
import { verifyChain } from '../hash-chain.js';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { type NewEvent, type RecordedEvent, START } from '../port.js';
import { InMemoryCustomerKeys } from './customer-keys.js';
import { ERASED_VALUE, isEnvelope, UNREADABLE_VALUE } from './envelope.js';
import { PersonalDataEventStore, type PersonalDataLocator } from './personal-data-event-store.js';

const metadata = { actor: { id: 'agent-1', role: 'agent' }, correlationId: 'c', causationId: 'k' };
const locate: PersonalDataLocator = (type, version) =>
  type === 'Received' && version === 2
    ? { customerIdPath: 'customer.id', fields: ['customer.name', 'customer.email', 'customer.phone'] }
    : undefined;

let sequence = 0;
function received(customerId: string, name: string, email?: string): NewEvent {
  sequence += 1;
  const customer = email ? { id: customerId, name, email } : { id: customerId, name };
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type: 'Received',
    schemaVersion: 2,
    data: { subject: 'Kettle', customer },
    metadata,
  };
}

function noted(): NewEvent {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return { id, type: 'Noted', schemaVersion: 1, data: { note: 'called back' }, metadata };
}

const customerOf = (event: RecordedEvent | undefined) =>
  (event?.data as { customer: Record<string, unknown> }).customer;

async function setUp() {
  const raw = new InMemoryEventStore();
  const keys = new InMemoryCustomerKeys();
  const store = new PersonalDataEventStore(raw, keys, locate);
  await store.append('complaint-a', [received('cust-a', 'Li Wei', 'li.wei@example.com'), noted()], 'no_stream');
  await store.append('complaint-b', [received('cust-b', 'Maria Silva')], 'no_stream');
  return { raw, keys, store };
}

describe('PersonalDataEventStore', () => {
  test('personal fields are stored sealed, the customer id and everything else in clear', async () => {
    const { raw } = await setUp();
    const [stored, other] = await raw.readStream('complaint-a');
    const customer = customerOf(stored);
    expect(customer.id).toBe('cust-a');
    expect(isEnvelope(customer.name)).toBe(true);
    expect(isEnvelope(customer.email)).toBe(true);
    expect(customer).not.toHaveProperty('phone');
    expect(JSON.stringify(stored)).not.toMatch(/Li Wei|li\.wei/);
    expect((stored!.data as { subject: string }).subject).toBe('Kettle');
    expect(other!.data).toEqual({ note: 'called back' });
  });

  test("appending leaves the caller's event untouched", async () => {
    const store = new PersonalDataEventStore(new InMemoryEventStore(), new InMemoryCustomerKeys(), locate);
    const event = received('cust-a', 'Li Wei', 'li.wei@example.com');
    const before = structuredClone(event);
    await store.append('complaint-a', [event], 'no_stream');
    expect(event).toEqual(before);
  });

  test('the hash chain covers the sealed form and verifies before and after erasure', async () => {
    const { raw, keys } = await setUp();
    expect(verifyChain(await raw.readStream('complaint-a'))).toEqual({ ok: true });
    await keys.forget('cust-a');
    expect(verifyChain(await raw.readStream('complaint-a'))).toEqual({ ok: true });
  });

  test('readStream, readAll and subscribeAll give the clear text while the key exists', async () => {
    const { store } = await setUp();
    expect(customerOf((await store.readStream('complaint-a'))[0])).toEqual({
      id: 'cust-a',
      name: 'Li Wei',
      email: 'li.wei@example.com',
    });
    const page = await store.readAll({ after: START, limit: 10 });
    expect(page.events.map((event) => (event.type === 'Received' ? customerOf(event).name : event.type))).toEqual([
      'Li Wei',
      'Noted',
      'Maria Silva',
    ]);
    const stop = new AbortController();
    const seen: unknown[] = [];
    for await (const event of store.subscribeAll({ signal: stop.signal })) {
      seen.push(event.type === 'Received' ? customerOf(event).name : event.type);
      if (seen.length === 3) stop.abort();
    }
    expect(seen).toEqual(['Li Wei', 'Noted', 'Maria Silva']);
  });

  test('once a customer is forgotten their fields read as erased, and only theirs', async () => {
    const { keys, store } = await setUp();
    await keys.forget('cust-a');
    const [forgotten] = await store.readStream('complaint-a');
    expect(customerOf(forgotten)).toEqual({ id: 'cust-a', name: ERASED_VALUE, email: ERASED_VALUE });
    expect(customerOf((await store.readStream('complaint-b'))[0])).toEqual({ id: 'cust-b', name: 'Maria Silva' });
  });

  test('a customer who comes back after being forgotten gets a new key; the old data stays erased', async () => {
    const { keys, store } = await setUp();
    await keys.forget('cust-a');
    await store.append('complaint-c', [received('cust-a', 'Li Wei again')], 'no_stream');
    expect(customerOf((await store.readStream('complaint-c'))[0]).name).toBe('Li Wei again');
    expect(customerOf((await store.readStream('complaint-a'))[0]).name).toBe(ERASED_VALUE);
  });

  test('a sealed value whose key this database never had, or that was altered, reads as unreadable', async () => {
    const { raw, keys } = await setUp();
    const [stored] = await raw.readStream('complaint-a');
    const elsewhere = new PersonalDataEventStore(raw, new InMemoryCustomerKeys(), locate);
    expect(customerOf((await elsewhere.readStream('complaint-a'))[0]).name).toBe(UNREADABLE_VALUE);
    const copy = new InMemoryEventStore();
    const moved = { ...stored!, data: structuredClone(stored!.data) as { customer: { id: string } } };
    moved.data.customer.id = 'cust-b';
    await copy.append('complaint-x', [{ ...moved, id: '99999999-0000-4000-8000-000000000001' }], 'no_stream');
    const reader = new PersonalDataEventStore(copy, keys, locate);
    expect(customerOf((await reader.readStream('complaint-x'))[0]).name).toBe(UNREADABLE_VALUE);
  });

  test('values stored in clear (before sealing existed) are read as they are', async () => {
    const raw = new InMemoryEventStore();
    await raw.append('complaint-old', [received('cust-old', 'Old Name')], 'no_stream');
    const store = new PersonalDataEventStore(raw, new InMemoryCustomerKeys(), locate);
    expect(customerOf((await store.readStream('complaint-old'))[0]).name).toBe('Old Name');
  });

  test('the sealed read mode leaves sealed values as stored and needs no key', async () => {
    const { raw, keys } = await setUp();
    const sealedView = new PersonalDataEventStore(raw, keys, locate, 'sealed');
    expect(await sealedView.readStream('complaint-a')).toEqual(await raw.readStream('complaint-a'));
  });

  test('personal data without a customer id is refused, not stored in clear', async () => {
    const { store } = await setUp();
    const orphan = { ...received('x', 'Nobody'), data: { customer: { name: 'Nobody' } } };
    await expect(store.append('complaint-z', [orphan], 'no_stream')).rejects.toThrow(TypeError);
  });
});
