import { businessPolicy, BERLIN, on, wallPolicy } from '../sla/spec-fixtures.js';
import { given } from '../testing/decider-spec.js';
import { COMPLAINT_ID, escalated, MONITOR, slaBreached, slaWarning } from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';
import { defaultPolicy } from './policy.js';
import type { SlaTarget } from '../priority/sla-targets.js';

const id = { complaintId: COMPLAINT_ID };
/** A P1 complaint received at 09:00 UTC: acknowledge warns at 09:48 and breaches at 10:00 (1 h). */
const RECEIVED = '2025-03-10T09:00:00.000Z';
const p1 = () => [on.received(RECEIVED), on.categorized(RECEIVED, 'P1')];
const at = (iso: string) => ({ actor: MONITOR, now: new Date(iso) });

const warn = (target: SlaTarget, dueAt?: string): ComplaintCommand => ({
  type: 'RaiseSlaWarning',
  data: dueAt === undefined ? { target } : { target, dueAt },
});
const breach = (target: SlaTarget, dueAt?: string): ComplaintCommand => ({
  type: 'RecordSlaBreach',
  data: dueAt === undefined ? { target } : { target, dueAt },
});

describe('SLA warnings', () => {
  test('a warning records the target, its due instant and when it was raised, from 80 % of the target on', () => {
    given(...p1())
      .when(warn('acknowledge'), at('2025-03-10T09:48:00.000Z'))
      .then({
        type: 'SlaWarningRaised',
        data: { ...id, target: 'acknowledge', dueAt: '2025-03-10T10:00:00.000Z', raisedAt: '2025-03-10T09:48:00.000Z' },
      });
  });

  test('before 80 % of the target nothing is recorded', () => {
    given(...p1())
      .when(warn('acknowledge'), at('2025-03-10T09:47:59.999Z'))
      .thenNothing();
  });

  test('a second warning for the same target changes nothing', () => {
    given(...p1(), slaWarning('acknowledge'))
      .when(warn('acknowledge'), at('2025-03-10T09:50:00.000Z'))
      .thenNothing();
  });

  test('warnings for different targets are separate facts', () => {
    const events = given(...p1(), slaWarning('acknowledge'))
      .when(warn('first_response'), at('2025-03-10T12:12:00.000Z'))
      .thenEvents();
    expect(events).toMatchObject([{ type: 'SlaWarningRaised', data: { target: 'first_response' } }]);
  });

  test('a due instant the sender measured is checked: the same one records, a stale one records nothing', () => {
    const now = at('2025-03-10T09:50:00.000Z');
    expect(
      given(...p1())
        .when(warn('acknowledge', '2025-03-10T11:00:00+01:00'), now)
        .thenEvents(),
    ).toHaveLength(1);
    given(...p1())
      .when(warn('acknowledge', '2025-03-10T13:00:00.000Z'), now)
      .thenNothing();
  });

  test('the due instant must be a timestamp and the target one of the three', () => {
    given(...p1())
      .when(warn('acknowledge', 'soon'), at(RECEIVED))
      .thenRejects('INVALID_TIMESTAMP');
    given(...p1())
      .when(warn('lunch' as SlaTarget), at(RECEIVED))
      .thenRejects('INVALID_SLA_TARGET');
  });
});

describe('SLA breaches', () => {
  test('a breach is recorded at 100 % and escalates one tier with the reason sla-breach:<target>', () => {
    const now = '2025-03-10T13:00:00.000Z';
    given(...p1())
      .when(breach('first_response'), at(now))
      .then(
        { type: 'SlaBreached', data: { ...id, target: 'first_response', dueAt: now, breachedAt: now } },
        {
          type: 'ComplaintEscalated',
          data: {
            ...id,
            tier: 1,
            previousTier: 0,
            reason: 'sla-breach:first_response',
            note: 'first_response target breached',
            by: MONITOR.id,
            escalatedAt: now,
          },
        },
      );
  });

  test('one millisecond before the due instant it is only a warning', () => {
    given(...p1())
      .when(breach('acknowledge'), at('2025-03-10T09:59:59.999Z'))
      .thenNothing();
  });

  test('a breach escalates from the current tier, and at the top tier it is recorded alone', () => {
    const late = at('2025-03-12T10:00:00.000Z');
    expect(
      given(...p1(), escalated(2))
        .when(breach('resolve'), late)
        .thenState().escalationTier,
    ).toBe(3);
    const events = given(...p1(), escalated(4))
      .when(breach('resolve'), late)
      .thenEvents();
    expect(events.map((event) => event.type)).toEqual(['SlaBreached']);
  });

  test('a second breach of the same target changes nothing; its warning is still its own fact', () => {
    const late = at('2025-03-10T10:30:00.000Z');
    given(...p1(), slaBreached('acknowledge'))
      .when(breach('acknowledge'), late)
      .thenNothing();
    expect(
      given(...p1(), slaBreached('acknowledge'))
        .when(warn('acknowledge'), late)
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('a reopening restarts the resolve clock: its warning and breach are recorded again', () => {
    const history = [
      ...p1(),
      on.resolved('2025-03-13T09:00:00.000Z'),
      slaBreached('resolve'),
      on.disputed('2025-03-13T10:00:00.000Z'),
      on.reopened('2025-03-13T11:00:00.000Z'),
    ];
    given(...history)
      .when(breach('resolve'), at('2025-03-15T10:59:59.000Z'))
      .thenNothing();
    const events = given(...history)
      .when(breach('resolve'), at('2025-03-15T11:00:00.000Z'))
      .thenEvents();
    expect(events[0]).toMatchObject({ type: 'SlaBreached', data: { dueAt: '2025-03-15T11:00:00.000Z' } });
  });
});

describe('nothing for a clock that no longer runs, whatever the sender believed', () => {
  const long = at('2025-03-20T00:00:00.000Z');

  test('resolved before the due instant: no warning, no breach of any target', () => {
    const history = [...p1(), on.resolved('2025-03-10T09:30:00.000Z')];
    for (const target of ['acknowledge', 'first_response', 'resolve'] as const) {
      given(...history)
        .when(breach(target), long)
        .thenNothing();
      given(...history)
        .when(warn(target), long)
        .thenNothing();
    }
  });

  test('acknowledged in time: nothing for acknowledge, first response still runs', () => {
    const history = [...p1(), on.acknowledged('2025-03-10T09:40:00.000Z')];
    given(...history)
      .when(breach('acknowledge'), long)
      .thenNothing();
    expect(
      given(...history)
        .when(breach('first_response'), long)
        .thenEvents(),
    ).toHaveLength(2);
  });

  test('waiting on the customer before the warning: nothing while paused', () => {
    given(...p1(), on.awaiting('2025-03-10T09:30:00.000Z'))
      .when(warn('acknowledge'), long)
      .thenNothing();
  });

  test('after the wait the pause pushes the instants out by its length', () => {
    const history = [...p1(), on.awaiting('2025-03-10T09:30:00.000Z'), on.resumed('2025-03-10T11:30:00.000Z')];
    given(...history)
      .when(breach('acknowledge'), at('2025-03-10T11:59:59.000Z'))
      .thenNothing();
    const [event] = given(...history)
      .when(breach('acknowledge'), at('2025-03-10T12:00:00.000Z'))
      .thenEvents();
    expect(event?.data).toMatchObject({ dueAt: '2025-03-10T12:00:00.000Z' });
  });

  test('a warning reached before the wait began is still recorded during it', () => {
    const [event] = given(...p1(), on.awaiting('2025-03-10T09:50:00.000Z'))
      .when(warn('acknowledge'), long)
      .thenEvents();
    expect(event).toMatchObject({ type: 'SlaWarningRaised', data: { target: 'acknowledge' } });
  });

  test('a policy that does not pause keeps the clock running while waiting', () => {
    const policy = {
      ...defaultPolicy,
      sla: [wallPolicy('P1', { pauseWhileAwaitingCustomer: false }), wallPolicy('P2')],
    };
    const history = [...p1(), on.awaiting('2025-03-10T09:30:00.000Z')];
    expect(
      given(...history)
        .when(breach('acknowledge'), { ...at('2025-03-10T10:00:00.000Z'), policy })
        .thenEvents(),
    ).toHaveLength(2);
  });
});

describe('business calendars (Berlin, Mon–Fri 09–12 and 13–18, Easter 2025 off)', () => {
  const policy = { ...defaultPolicy, sla: [businessPolicy('P1', BERLIN), businessPolicy('P2', BERLIN)] };
  /** Thursday 17 April 2025, 17:30 in Berlin (15:30 UTC): 30 working minutes before the long weekend. */
  const THURSDAY = '2025-04-17T15:30:00.000Z';
  const history = [on.received(THURSDAY), on.categorized(THURSDAY, 'P1')];
  const when = (command: ComplaintCommand, now: string) => given(...history).when(command, { ...at(now), policy });

  test('the 48th working minute is Tuesday 09:18, after Good Friday, the weekend and Easter Monday', () => {
    when(warn('acknowledge'), '2025-04-22T07:17:59.000Z').thenNothing();
    const [event] = when(warn('acknowledge'), '2025-04-22T07:18:00.000Z').thenEvents();
    expect(event?.data).toMatchObject({ dueAt: '2025-04-22T07:30:00.000Z' });
  });

  test('the breach comes at the 60th working minute, Tuesday 09:30, not on the wall clock an hour in', () => {
    when(breach('acknowledge'), '2025-04-17T16:30:00.000Z').thenNothing();
    when(breach('acknowledge'), '2025-04-22T07:29:59.000Z').thenNothing();
    expect(when(breach('acknowledge'), '2025-04-22T07:30:00.000Z').thenEvents()).toHaveLength(2);
  });

  test('the lunch hour does not count: the 4-hour first response received Tuesday 10:00 is due at 15:00', () => {
    const tuesday = [on.received('2025-04-22T08:00:00.000Z'), on.categorized('2025-04-22T08:00:00.000Z', 'P1')];
    given(...tuesday)
      .when(breach('first_response'), { ...at('2025-04-22T12:59:59.000Z'), policy })
      .thenNothing();
    expect(
      given(...tuesday)
        .when(breach('first_response'), { ...at('2025-04-22T13:00:00.000Z'), policy })
        .thenEvents(),
    ).toHaveLength(2);
  });
});
