import { given } from '../testing/decider-spec.js';
import {
  AT,
  COMPLAINT_ID,
  escalated,
  MONITOR,
  received,
  slaBreached,
  slaWarning,
  triaged,
} from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';

const id = { complaintId: COMPLAINT_ID };
const DUE = '2025-03-10T13:00:00.000Z';
const monitor = { actor: MONITOR };

const warn = (target: 'acknowledge' | 'first_response' | 'resolve', dueAt = DUE): ComplaintCommand => ({
  type: 'RaiseSlaWarning',
  data: { target, dueAt },
});
const breach = (target: 'acknowledge' | 'first_response' | 'resolve', dueAt = DUE): ComplaintCommand => ({
  type: 'RecordSlaBreach',
  data: { target, dueAt },
});

describe('SLA facts', () => {
  test('a warning records the target, when it is due and when it was raised', () => {
    given(received())
      .when(warn('acknowledge'), monitor)
      .then({ type: 'SlaWarningRaised', data: { ...id, target: 'acknowledge', dueAt: DUE, raisedAt: AT } });
  });

  test('a second warning for the same target changes nothing', () => {
    given(received(), slaWarning('acknowledge')).when(warn('acknowledge'), monitor).thenNothing();
  });

  test('warnings for different targets are separate facts', () => {
    expect(given(received(), slaWarning('acknowledge')).when(warn('resolve'), monitor).thenEvents()).toHaveLength(1);
  });

  test('a breach is recorded and escalates the complaint one tier in the same decision', () => {
    given(...triaged())
      .when(breach('first_response'), monitor)
      .then(
        { type: 'SlaBreached', data: { ...id, target: 'first_response', dueAt: DUE, breachedAt: AT } },
        {
          type: 'ComplaintEscalated',
          data: {
            ...id,
            tier: 1,
            previousTier: 0,
            reason: 'sla-breach',
            note: 'first_response target breached',
            by: MONITOR.id,
            escalatedAt: AT,
          },
        },
      );
  });

  test('a breach escalates from the current tier', () => {
    expect(
      given(...triaged(), escalated(2))
        .when(breach('resolve'), monitor)
        .thenState().escalationTier,
    ).toBe(3);
  });

  test('a breach at the top tier is recorded without a further escalation', () => {
    const events = given(...triaged(), escalated(4))
      .when(breach('resolve'), monitor)
      .thenEvents();
    expect(events.map((event) => event.type)).toEqual(['SlaBreached']);
  });

  test('a second breach of the same target changes nothing', () => {
    given(...triaged(), slaBreached('resolve'))
      .when(breach('resolve'), monitor)
      .thenNothing();
  });

  test('a warning after the breach of the same target is still its own fact', () => {
    expect(
      given(...triaged(), slaBreached('resolve'))
        .when(warn('resolve'), monitor)
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('the due time is stored in UTC whatever offset the monitor used', () => {
    const [event] = given(received()).when(warn('acknowledge', '2025-03-10T21:00:00+08:00'), monitor).thenEvents();
    expect(event?.data).toMatchObject({ dueAt: DUE });
  });

  test('the due time must be a timestamp', () => {
    given(received()).when(warn('acknowledge', 'soon'), monitor).thenRejects('INVALID_TIMESTAMP');
  });

  test('the target must be one of acknowledge, first_response, resolve', () => {
    given(received())
      .when(warn('lunch' as 'resolve'), monitor)
      .thenRejects('INVALID_SLA_TARGET');
  });
});
