import { on } from '../sla/spec-fixtures.js';
import { closed, received, slaBreached, slaWarning } from '../testing/fixtures.js';
import { fold } from './evolve.js';
import { dueMonitorWork, slaMonitorWork } from './monitor-work.js';
import { defaultPolicy } from './policy.js';

const RECEIVED = '2025-03-10T09:00:00.000Z';
const p1 = [on.received(RECEIVED), on.categorized(RECEIVED, 'P1')];
const brief = (items: ReturnType<typeof slaMonitorWork>) =>
  items.map(({ kind, subject, at }) => `${kind} ${subject} ${at.slice(5, 16)}`);

describe('the SLA monitor’s work on a complaint', () => {
  test('every warning and breach of the running clocks, with the instant each becomes due', () => {
    expect(brief(slaMonitorWork(fold(p1), defaultPolicy))).toEqual([
      'warning acknowledge 03-10T09:48',
      'breach acknowledge 03-10T10:00',
      'warning first_response 03-10T12:12',
      'breach first_response 03-10T13:00',
      'warning resolve 03-11T23:24',
      'breach resolve 03-12T09:00',
    ]);
  });

  test('what is recorded, and what a met target no longer needs, is not work', () => {
    const state = fold([...p1, slaWarning('acknowledge'), slaBreached('acknowledge'), on.contacted(RECEIVED)]);
    expect(brief(slaMonitorWork(state, defaultPolicy))).toEqual([
      'warning resolve 03-11T23:24',
      'breach resolve 03-12T09:00',
    ]);
  });

  test('a critical point the policy escalates is work due at once; once escalated for, it is not', () => {
    const regulator = received({ receivedAt: RECEIVED, channel: 'regulator_referral' });
    const [first] = slaMonitorWork(fold([regulator]), defaultPolicy).filter((item) => item.kind === 'escalation');
    expect(first).toEqual({ kind: 'escalation', subject: 'regulator_channel', handling: 1, at: RECEIVED, dueAt: null });
    const policy = { ...defaultPolicy, escalation: { signals: {} } };
    expect(slaMonitorWork(fold([regulator]), policy).filter((item) => item.kind === 'escalation')).toEqual([]);
  });

  test('a closed complaint has no work', () => {
    expect(slaMonitorWork(fold([...p1, closed('withdrawn', RECEIVED)]), defaultPolicy)).toEqual([]);
  });

  test('an item is due from its instant on, not a millisecond before', () => {
    const state = fold(p1);
    const due = (iso: string) => dueMonitorWork(state, defaultPolicy, new Date(iso), 'warning', 'acknowledge');
    expect(due('2025-03-10T09:47:59.999Z')).toBeUndefined();
    expect(due('2025-03-10T09:48:00.000Z')).toMatchObject({ dueAt: '2025-03-10T10:00:00.000Z' });
  });
});
