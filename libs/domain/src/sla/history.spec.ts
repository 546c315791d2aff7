import { COMPLAINT_ID } from '../testing/fixtures.js';
import { evolveSlaHistory, slaHistoryFromEvents } from './history.js';
import { on } from './spec-fixtures.js';

const T = (hour: number) => `2025-03-10T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('the SLA history of a complaint', () => {
  test('nothing before the complaint is received', () => {
    expect(slaHistoryFromEvents([on.acknowledged(T(9))])).toBeNull();
  });

  test('given receipt only, one open handling and nothing met', () => {
    expect(slaHistoryFromEvents([on.received(T(8))])).toEqual({
      receivedAt: T(8),
      priority: null,
      category: null,
      acknowledgedAt: null,
      firstResponseAt: null,
      pauses: [],
      handlings: [{ handling: 1, startedAt: T(8), resolvedAt: null, rejectedAt: null, closedAt: null }],
    });
  });

  test('the first outbound contact is the first response; inbound contacts and later ones are not', () => {
    const history = slaHistoryFromEvents([
      on.received(T(8)),
      on.contacted(T(9), 'inbound'),
      on.contacted(T(10)),
      on.contacted(T(11)),
    ]);
    expect(history?.firstResponseAt).toBe(T(10));
  });

  test('an acknowledgement is not a first response, but a resolution is', () => {
    const history = slaHistoryFromEvents([on.received(T(8)), on.acknowledged(T(9)), on.resolved(T(12))]);
    expect(history).toMatchObject({ acknowledgedAt: T(9), firstResponseAt: T(12) });
  });

  test('categorization and recategorization set the priority and category the policy is chosen by', () => {
    const history = slaHistoryFromEvents([on.received(T(8)), on.categorized(T(9), 'P3'), on.categorized(T(10), 'P1')]);
    expect(history).toMatchObject({ priority: 'P1', category: 'product_quality' });
  });

  test('waits on the customer become pauses; a closure ends an open one', () => {
    const history = slaHistoryFromEvents([
      on.received(T(8)),
      on.awaiting(T(9)),
      on.resumed(T(10)),
      on.awaiting(T(11)),
      on.closed(T(12), 'no_response'),
    ]);
    expect(history?.pauses).toEqual([
      { from: T(9), to: T(10) },
      { from: T(11), to: T(12) },
    ]);
  });

  test('a second wait while already waiting does not open a second pause', () => {
    const history = slaHistoryFromEvents([on.received(T(8)), on.awaiting(T(9)), on.awaiting(T(10))]);
    expect(history?.pauses).toEqual([{ from: T(9), to: null }]);
  });

  test('a reopening starts a new handling with its own resolve clock', () => {
    const history = slaHistoryFromEvents([
      on.received(T(8)),
      on.resolved(T(10)),
      on.disputed(T(11)),
      on.reopened(T(12)),
    ]);
    expect(history?.handlings).toEqual([
      { handling: 1, startedAt: T(8), resolvedAt: T(10), rejectedAt: null, closedAt: null },
      { handling: 2, startedAt: T(12), resolvedAt: null, rejectedAt: null, closedAt: null },
    ]);
  });

  test('a rejection stands for the handling until a validation overturns it', () => {
    const rejected = slaHistoryFromEvents([on.received(T(8)), on.rejected(T(9))]);
    expect(rejected?.handlings[0]?.rejectedAt).toBe(T(9));
    const overturned = evolveSlaHistory(rejected, on.validated(T(10)));
    expect(overturned?.handlings[0]?.rejectedAt).toBeNull();
    expect(overturned?.firstResponseAt).toBe(T(9));
  });

  test('only the first closure of a handling counts', () => {
    const history = slaHistoryFromEvents([
      on.received(T(8)),
      on.closed(T(9), 'duplicate'),
      on.closed(T(10), 'duplicate'),
    ]);
    expect(history?.handlings[0]?.closedAt).toBe(T(9));
  });

  test('events that do not touch the clocks leave the history as it was', () => {
    const history = slaHistoryFromEvents([on.received(T(8))]);
    const inbound = on.contacted(T(9), 'inbound');
    expect(evolveSlaHistory(history, inbound)).toBe(history);
    expect(
      evolveSlaHistory(history, {
        type: 'SlaWarningRaised',
        data: { complaintId: COMPLAINT_ID, target: 'acknowledge', dueAt: T(9), raisedAt: T(9) },
      }),
    ).toBe(history);
  });

  test('the history survives a JSON round trip (it is stored in a projection row)', () => {
    const history = slaHistoryFromEvents([on.received(T(8)), on.awaiting(T(9)), on.resolved(T(10))]);
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
  });
});
