/**
 * Upcasters: a stored v1 ComplaintReceived reads as today's v2, the chain has no hole below any
 * type's current version, and current, newer or foreign events pass through untouched.
 */
import { COMPLAINT_ID, EARLIER, received } from '../testing/fixtures.js';
import { COMPLAINT_EVENT_TYPES, EVENT_SCHEMA_VERSION } from './event-catalog.js';
import { fold } from './evolve.js';
import type { ComplaintEvent } from './events.js';
import { initialState } from './state.js';
import { CHANNELS_V1, type ComplaintReceivedV1Data, complaintReceivedV1ToV2, upcast, UPCASTERS } from './upcasters.js';

const v1Data = (over: Partial<ComplaintReceivedV1Data> = {}): ComplaintReceivedV1Data => ({
  complaintId: COMPLAINT_ID,
  channel: 'phone',
  customerId: 'customer-42',
  customerName: 'Li Wei',
  customerEmail: 'li.wei@example.com',
  subject: 'Kettle leaks',
  description: 'The kettle leaks from the base after two weeks.',
  intensity: 'passive',
  purpose: 'criticism',
  by: 'agent-ann',
  receivedAt: EARLIER,
  ...over,
});

const storedV1 = (over: Partial<ComplaintReceivedV1Data> = {}) => ({
  id: 'e-1',
  type: 'ComplaintReceived',
  schemaVersion: 1,
  data: v1Data(over),
  revision: 0,
});

describe('ComplaintReceived v1 → v2', () => {
  test('the current version is 2', () => {
    expect(EVENT_SCHEMA_VERSION.ComplaintReceived).toBe(2);
  });

  test('a stored v1 event reads exactly as the v2 event intake writes today', () => {
    const upcast1 = upcast(storedV1());
    expect(upcast1).toEqual({
      id: 'e-1',
      type: 'ComplaintReceived',
      schemaVersion: 2,
      data: received().data,
      revision: 0,
    });
  });

  test('the customer is nested, with optional contact fields omitted rather than undefined', () => {
    const { data } = upcast(storedV1({ customerEmail: undefined, customerPhone: '+86 10 5555' }));
    expect((data as unknown as { customer: object }).customer).toStrictEqual({
      id: 'customer-42',
      name: 'Li Wei',
      phone: '+86 10 5555',
    });
    expect(Object.keys(data as object)).not.toEqual(expect.arrayContaining(['customerId', 'customerName']));
  });

  test.each([
    ['web', 'web_form'],
    ['chat', 'online_chat'],
    ['social', 'social_media'],
    ['store', 'in_store'],
    ['letter', 'postal_mail'],
    ['regulator', 'regulator_referral'],
    ['email', 'email'],
  ] as const)('the v1 channel %s becomes %s', (v1, v2) => {
    expect(complaintReceivedV1ToV2(v1Data({ channel: v1 })).channel).toBe(v2);
  });

  test('every v1 channel maps to a channel of today', () => {
    for (const channel of CHANNELS_V1) {
      const state = fold([upcast(storedV1({ channel })) as unknown as ComplaintEvent], initialState);
      expect(state.exists).toBe(true);
    }
  });

  test('a history that starts with a v1 event folds to the same state as one written as v2', () => {
    const fromV1 = fold([upcast(storedV1()) as unknown as ComplaintEvent], initialState);
    expect(fromV1).toEqual(fold([received()], initialState));
  });

  test('the stored object is not modified', () => {
    const stored = storedV1();
    const before = structuredClone(stored);
    upcast(stored);
    expect(stored).toEqual(before);
  });
});

describe('upcast', () => {
  test('every type has a step from each version below its current one', () => {
    for (const type of COMPLAINT_EVENT_TYPES) {
      for (let version = 1; version < EVENT_SCHEMA_VERSION[type]; version++) {
        expect({ type, version, step: typeof UPCASTERS[type]?.[version] }).toEqual({ type, version, step: 'function' });
      }
    }
  });

  test('a current event, a newer one and a foreign type are returned as they are', () => {
    const current = { type: 'ComplaintReceived', schemaVersion: 2, data: received().data };
    const newer = { type: 'ComplaintReceived', schemaVersion: 3, data: { anything: true } };
    const foreign = { type: 'InvoiceIssued', schemaVersion: 1, data: { x: 1 } };
    for (const event of [current, newer, foreign]) expect(upcast(event)).toBe(event);
  });

  test('a stored v1 whose data is not an object is returned as is rather than breaking the read', () => {
    for (const data of [null, 'text', 42]) {
      const odd = { type: 'ComplaintReceived', schemaVersion: 1, data };
      expect(upcast(odd)).toBe(odd);
    }
  });
});
