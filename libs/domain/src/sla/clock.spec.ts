import type { ComplaintEvent } from '../complaint/events.js';
import { addBusinessTime } from './business-time.js';
import { slaClocks, slaDeadlines } from './clock.js';
import { slaHistoryFromEvents } from './history.js';
import { DEFAULT_SLA_POLICIES, resolvePolicy, type SlaPolicy } from './policy.js';
import { at, BERLIN, businessPolicy, hours, minutes, NEW_YORK, on, SHANGHAI, wallPolicy } from './spec-fixtures.js';

/** given(policy, ...events).at(now) → the clocks. */
function given(policy: SlaPolicy, ...events: ComplaintEvent[]) {
  const history = slaHistoryFromEvents(events);
  if (history === null) throw new Error('a clock needs a received complaint');
  return { at: (now: string) => slaClocks(history, policy, at(now)) };
}

const P1 = wallPolicy('P1');
const RECEIVED = '2025-03-10T09:00:00.000Z';

describe('a P1 complaint on the wall clock: acknowledge within 1 h', () => {
  const fresh = given(P1, on.received(RECEIVED));

  test('warns at 48 minutes and breaches at 60, whatever the time of day', () => {
    expect(fresh.at('2025-03-10T09:30:00Z').acknowledge).toMatchObject({
      startedAt: RECEIVED,
      dueAt: '2025-03-10T10:00:00.000Z',
      warningAt: '2025-03-10T09:48:00.000Z',
      breachAt: '2025-03-10T10:00:00.000Z',
      elapsedMs: minutes(30),
      remainingMs: minutes(30),
      pausedMs: 0,
      state: 'running',
    });
  });

  test.each([
    ['2025-03-10T09:47:59.999Z', 'running'],
    ['2025-03-10T09:48:00.000Z', 'warning'],
    ['2025-03-10T09:59:59.999Z', 'warning'],
    ['2025-03-10T10:00:00.000Z', 'breached'],
  ])('at %s the acknowledge clock is %s', (now, state) => {
    expect(fresh.at(now).acknowledge.state).toBe(state);
  });

  test('once overdue, the remaining time is negative', () => {
    expect(fresh.at('2025-03-10T10:15:00Z').acknowledge.remainingMs).toBe(-minutes(15));
  });

  test('given an acknowledgement at 40 minutes, the target is met and neither warning nor breach happens', () => {
    const clock = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T09:40:00Z')).at(
      '2025-03-10T12:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({
      state: 'met',
      metAt: '2025-03-10T09:40:00.000Z',
      metLate: false,
      warningAt: null,
      breachAt: null,
      elapsedMs: minutes(40),
    });
  });

  test('given an acknowledgement at 50 minutes, the warning happened but the target is met', () => {
    const clock = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T09:50:00Z')).at(
      '2025-03-10T12:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'met', warningAt: '2025-03-10T09:48:00.000Z', breachAt: null });
  });

  test('given an acknowledgement after 65 minutes, it is met late: breached, with the flag', () => {
    const clock = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T10:05:00Z')).at(
      '2025-03-10T12:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'breached', metLate: true, breachAt: '2025-03-10T10:00:00.000Z' });
  });

  test('an acknowledgement at exactly the due instant is late: the breach happens at 100 %', () => {
    const clock = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T10:00:00Z')).at(
      '2025-03-10T12:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'breached', metLate: true });
  });

  test('a call back before any acknowledgement acknowledges the complaint and is its first response', () => {
    const clocks = given(P1, on.received(RECEIVED), on.contacted('2025-03-10T09:20:00Z')).at('2025-03-10T12:00:00Z');
    expect(clocks.acknowledge.metAt).toBe('2025-03-10T09:20:00.000Z');
    expect(clocks.first_response.metAt).toBe('2025-03-10T09:20:00.000Z');
  });

  test('an acknowledgement does not stop the first-response clock', () => {
    const clocks = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T09:10:00Z')).at('2025-03-10T12:30:00Z');
    expect(clocks.first_response).toMatchObject({
      state: 'warning',
      dueAt: '2025-03-10T13:00:00.000Z',
      warningAt: '2025-03-10T12:12:00.000Z',
    });
  });
});

describe('pauses while waiting on the customer', () => {
  test('a pause on the wall clock pushes the due instant out by its length', () => {
    const clocks = given(
      P1,
      on.received(RECEIVED),
      on.awaiting('2025-03-10T09:10:00Z'),
      on.resumed('2025-03-10T09:40:00Z'),
    ).at('2025-03-10T09:45:00Z');
    expect(clocks.acknowledge).toMatchObject({
      pausedMs: minutes(30),
      elapsedMs: minutes(15),
      dueAt: '2025-03-10T10:30:00.000Z',
      warningAt: '2025-03-10T10:18:00.000Z',
      state: 'running',
    });
  });

  test('while paused, nothing fires and the due instant is projected as if resumed now', () => {
    const clock = given(P1, on.received(RECEIVED), on.awaiting('2025-03-10T09:10:00Z')).at(
      '2025-03-10T11:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({
      state: 'paused',
      warningAt: null,
      breachAt: null,
      dueAt: '2025-03-10T11:50:00.000Z',
      pausedMs: minutes(110),
      elapsedMs: minutes(10),
    });
  });

  test('at the very instant the pause begins, the clock is paused with nothing paused yet', () => {
    const clock = given(P1, on.received(RECEIVED), on.awaiting('2025-03-10T09:10:00Z')).at(
      '2025-03-10T09:10:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({
      state: 'paused',
      warningAt: null,
      breachAt: null,
      dueAt: '2025-03-10T10:00:00.000Z',
      pausedMs: 0,
      elapsedMs: minutes(10),
    });
  });

  test('a warning that happened before the pause stays known while paused', () => {
    const clock = given(P1, on.received(RECEIVED), on.awaiting('2025-03-10T09:50:00Z')).at(
      '2025-03-10T10:30:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'paused', warningAt: '2025-03-10T09:48:00.000Z', breachAt: null });
  });

  test('a breach that happened before the pause stands: pausing does not undo it', () => {
    const clock = given(P1, on.received(RECEIVED), on.awaiting('2025-03-10T10:10:00Z')).at(
      '2025-03-10T11:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'breached', breachAt: '2025-03-10T10:00:00.000Z' });
  });

  test('given a policy that does not pause, waiting on the customer changes nothing', () => {
    const noPause = { ...P1, pauseWhileAwaitingCustomer: false };
    const clock = given(noPause, on.received(RECEIVED), on.awaiting('2025-03-10T09:10:00Z')).at(
      '2025-03-10T09:50:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'warning', pausedMs: 0, dueAt: '2025-03-10T10:00:00.000Z' });
  });
});

describe('a P4 complaint on Berlin business hours (8 working hours a day)', () => {
  const P4 = businessPolicy('P4', BERLIN);

  test('received Friday 17:00 before the spring DST change: 24 working hours to acknowledge end Wednesday 17:00 CEST', () => {
    const clock = given(P4, on.received('2025-03-28T16:00:00Z')).at('2025-03-31T07:30:00Z').acknowledge;
    expect(clock).toMatchObject({
      dueAt: '2025-04-02T15:00:00.000Z',
      warningAt: '2025-04-02T09:12:00.000Z',
      elapsedMs: hours(1.5),
      state: 'running',
    });
  });

  test('on the Wednesday, the warning and the breach come at the right local times', () => {
    const friday = given(P4, on.received('2025-03-28T16:00:00Z'));
    expect(friday.at('2025-04-02T09:11:59.999Z').acknowledge.state).toBe('running');
    expect(friday.at('2025-04-02T09:12:00.000Z').acknowledge.state).toBe('warning');
    expect(friday.at('2025-04-02T15:00:00.000Z').acknowledge.state).toBe('breached');
  });

  test('a weekend of silence uses none of the allowed time', () => {
    const clock = given(P4, on.received('2025-03-14T17:30:00Z')).at('2025-03-17T07:59:00Z').acknowledge;
    expect(clock).toMatchObject({ elapsedMs: 0, remainingMs: hours(24), state: 'running' });
  });

  test('a pause during non-business time adds nothing', () => {
    const unpaused = given(P4, on.received('2025-03-10T08:00:00Z')).at('2025-03-11T09:00:00Z');
    const paused = given(
      P4,
      on.received('2025-03-10T08:00:00Z'),
      on.awaiting('2025-03-10T17:30:00Z'),
      on.resumed('2025-03-11T07:30:00Z'),
    ).at('2025-03-11T09:00:00Z');
    expect(paused.resolve.pausedMs).toBe(0);
    expect(paused.resolve.dueAt).toBe(unpaused.resolve.dueAt);
  });

  test('a pause spanning a weekend shifts the due instant by its working hours only (Friday 2 h + Monday 2 h)', () => {
    const clocks = given(
      P4,
      on.received('2025-03-14T14:00:00Z'),
      on.awaiting('2025-03-14T15:00:00Z'),
      on.resumed('2025-03-17T10:00:00Z'),
    ).at('2025-03-17T12:00:00Z');
    expect(clocks.acknowledge).toMatchObject({
      pausedMs: hours(4),
      dueAt: '2025-03-20T09:00:00.000Z',
      elapsedMs: hours(2),
    });
    const unpausedDue = given(P4, on.received('2025-03-14T14:00:00Z')).at('2025-03-14T14:00:00Z').acknowledge.dueAt;
    expect(addBusinessTime(at(unpausedDue), hours(4), BERLIN).toISOString()).toBe(clocks.acknowledge.dueAt);
  });

  test('a pause still open over the weekend: paused, and due as if resumed now', () => {
    const clock = given(P4, on.received('2025-03-14T14:00:00Z'), on.awaiting('2025-03-14T15:00:00Z')).at(
      '2025-03-15T12:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'paused', pausedMs: hours(2), dueAt: '2025-03-19T16:00:00.000Z' });
  });

  test('the Easter holidays do not count toward the resolve target', () => {
    const clock = given(P4, on.received('2025-04-17T07:00:00Z')).at('2025-04-22T07:00:00Z').resolve;
    expect(clock.elapsedMs).toBe(hours(8));
  });
});

describe('other zones', () => {
  test('New York, P2 first response in 24 working hours across the March DST change', () => {
    const clock = given(businessPolicy('P2', NEW_YORK), on.received('2025-03-07T20:00:00Z')).at(
      '2025-03-10T14:00:00Z',
    ).first_response;
    expect(clock).toMatchObject({ dueAt: '2025-03-12T19:00:00.000Z', elapsedMs: hours(3), state: 'running' });
  });

  test('Shanghai, P3 acknowledge in 8 working hours across a make-up working Sunday', () => {
    const clock = given(businessPolicy('P3', SHANGHAI), on.received('2025-09-26T09:00:00Z')).at(
      '2025-09-28T08:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ dueAt: '2025-09-28T09:00:00.000Z', state: 'warning' });
  });
});

describe('resolution, reopening and closure', () => {
  test('a reopening starts a new, full resolve clock; the first handling keeps its result', () => {
    const clocks = given(
      P1,
      on.received(RECEIVED),
      on.resolved('2025-03-11T09:00:00Z'),
      on.disputed('2025-03-11T12:00:00Z'),
      on.reopened('2025-03-12T09:00:00Z'),
    ).at('2025-03-13T09:00:00Z');
    expect(clocks.resolve).toMatchObject({
      handling: 2,
      startedAt: '2025-03-12T09:00:00.000Z',
      dueAt: '2025-03-14T09:00:00.000Z',
      elapsedMs: hours(24),
      state: 'running',
    });
    expect(clocks.earlierResolves).toMatchObject([{ handling: 1, state: 'met', metAt: '2025-03-11T09:00:00.000Z' }]);
    expect(clocks.first_response.metAt).toBe('2025-03-11T09:00:00.000Z');
  });

  test('a closure without resolution stops the running clocks; stopped in time is not a breach', () => {
    const clocks = given(P1, on.received(RECEIVED), on.closed('2025-03-10T09:30:00Z', 'duplicate')).at(
      '2025-03-20T00:00:00Z',
    );
    expect([clocks.acknowledge.state, clocks.first_response.state, clocks.resolve.state]).toEqual([
      'stopped',
      'stopped',
      'stopped',
    ]);
    expect(clocks.resolve).toMatchObject({ stoppedAt: '2025-03-10T09:30:00.000Z', elapsedMs: minutes(30) });
    expect(slaDeadlines(clocks)).toEqual([]);
  });

  test('a closure after the due instant leaves the unmet target breached', () => {
    const clock = given(P1, on.received(RECEIVED), on.closed('2025-03-10T11:00:00Z', 'withdrawn')).at(
      '2025-03-20T00:00:00Z',
    ).acknowledge;
    expect(clock).toMatchObject({ state: 'breached', metLate: false, metAt: null });
  });

  test('a rejection ends the resolve clock; a validation that overturns it lets the clock run on from receipt', () => {
    const rejected = [on.received(RECEIVED), on.rejected('2025-03-10T10:00:00Z')];
    expect(given(P1, ...rejected).at('2025-03-13T09:00:00Z').resolve.state).toBe('met');
    const overturned = given(P1, ...rejected, on.validated('2025-03-11T09:00:00Z')).at('2025-03-12T00:00:00Z').resolve;
    expect(overturned).toMatchObject({ state: 'warning', elapsedMs: hours(39) });
  });
});

describe('the clocks follow the complaint’s current priority', () => {
  test('unprioritized, the acknowledge clock runs on the P2 target; prioritized P1, it is re-measured from receipt', () => {
    const events = [on.received(RECEIVED)];
    const history = slaHistoryFromEvents(events)!;
    const before = slaClocks(history, resolvePolicy(DEFAULT_SLA_POLICIES, history), at('2025-03-10T09:30:00Z'));
    expect(before.acknowledge.dueAt).toBe('2025-03-10T13:00:00.000Z');
    const triaged = slaHistoryFromEvents([...events, on.categorized('2025-03-10T09:30:00Z', 'P1')])!;
    const after = slaClocks(triaged, resolvePolicy(DEFAULT_SLA_POLICIES, triaged), at('2025-03-10T09:50:00Z'));
    expect(after.acknowledge).toMatchObject({
      policyId: 'default-P1',
      dueAt: '2025-03-10T10:00:00.000Z',
      state: 'warning',
    });
  });
});

describe('what an SLA monitor indexes', () => {
  test('the warnings and breaches of running clocks, met ones left out', () => {
    const clocks = given(P1, on.received(RECEIVED), on.acknowledged('2025-03-10T09:10:00Z')).at('2025-03-10T09:20:00Z');
    expect(slaDeadlines(clocks)).toEqual([
      {
        target: 'first_response',
        handling: 1,
        kind: 'warning',
        at: '2025-03-10T12:12:00.000Z',
        dueAt: '2025-03-10T13:00:00.000Z',
      },
      {
        target: 'first_response',
        handling: 1,
        kind: 'breach',
        at: '2025-03-10T13:00:00.000Z',
        dueAt: '2025-03-10T13:00:00.000Z',
      },
      {
        target: 'resolve',
        handling: 1,
        kind: 'warning',
        at: '2025-03-11T23:24:00.000Z',
        dueAt: '2025-03-12T09:00:00.000Z',
      },
      {
        target: 'resolve',
        handling: 1,
        kind: 'breach',
        at: '2025-03-12T09:00:00.000Z',
        dueAt: '2025-03-12T09:00:00.000Z',
      },
    ]);
  });

  test('the instants of a running clock do not depend on now, so a projection can store them', () => {
    const complaint = given(businessPolicy('P4', BERLIN), on.received('2025-03-28T16:00:00Z'));
    const early = complaint.at('2025-03-28T16:00:00Z');
    const late = complaint.at('2025-04-30T00:00:00Z');
    expect(slaDeadlines(late)).toEqual(slaDeadlines(early));
  });

  test('a paused clock offers nothing to fire on', () => {
    const clocks = given(
      P1,
      on.received(RECEIVED),
      on.acknowledged('2025-03-10T09:10:00Z'),
      on.awaiting('2025-03-10T09:20:00Z'),
    ).at('2025-03-10T09:30:00Z');
    expect(slaDeadlines(clocks)).toEqual([]);
  });
});
