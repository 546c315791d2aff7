import { on } from '../sla/spec-fixtures.js';
import { given } from '../testing/decider-spec.js';
import { categorized, COMPLAINT_ID, escalated, MONITOR, received } from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';
import { DEFAULT_ESCALATION_POLICY, type EscalatingSignal, escalationPolicyProblems } from './escalation-policy.js';
import type { ComplaintEvent } from './events.js';
import { defaultPolicy } from './policy.js';

const RECEIVED = '2025-03-10T09:00:00.000Z';
const monitor = { actor: MONITOR, now: new Date('2025-03-10T09:00:05.000Z') };
const signal = (name: EscalatingSignal): ComplaintCommand => ({ type: 'EscalateOnSignal', data: { signal: name } });
const inbound = (iso: string) => on.contacted(iso, 'inbound');

/** Each critical point of DOMAIN.md §3, as a history that reaches it. */
const REACHED: Record<EscalatingSignal, () => ComplaintEvent[]> = {
  public_intensity: () => [received({ receivedAt: RECEIVED, intensity: 'negative_publicity' })],
  regulator_channel: () => [received({ receivedAt: RECEIVED, channel: 'regulator_referral' })],
  repeat_contact: () => [
    on.received(RECEIVED),
    inbound('2025-03-10T09:00:01.000Z'),
    inbound('2025-03-10T09:00:02.000Z'),
    inbound('2025-03-10T09:00:03.000Z'),
  ],
  disputed_resolution: () => [
    on.received(RECEIVED),
    on.resolved('2025-03-10T09:00:01.000Z'),
    on.disputed('2025-03-10T09:00:02.000Z'),
  ],
  safety_hazard: () => [on.received(RECEIVED), categorized({ subcategory: 'safety_hazard', priority: 'P1' })],
};

const REASONS = {
  public_intensity: 'public-exposure',
  regulator_channel: 'regulator',
  repeat_contact: 'repeat-contact',
  disputed_resolution: 'dispute',
  safety_hazard: 'safety',
} as const;

describe('escalation on the critical points, by policy', () => {
  test.each(Object.keys(REACHED) as EscalatingSignal[])(
    '%s escalates to the tier of the default policy, stating its reason',
    (name) => {
      given(...REACHED[name]())
        .when(signal(name), monitor)
        .then({
          type: 'ComplaintEscalated',
          data: {
            complaintId: COMPLAINT_ID,
            tier: DEFAULT_ESCALATION_POLICY.signals[name]!,
            previousTier: 0,
            reason: REASONS[name],
            note: `critical point: ${name}`,
            by: MONITOR.id,
            escalatedAt: monitor.now.toISOString(),
          },
        });
    },
  );

  test('a signal not reached escalates nothing', () => {
    for (const name of Object.keys(REACHED) as EscalatingSignal[]) {
      given(on.received(RECEIVED)).when(signal(name), monitor).thenNothing();
    }
  });

  test('a signal escalates once, even after a breach took the complaint higher', () => {
    const history = [...REACHED.regulator_channel(), escalated(3, 'regulator'), escalated(4, 'manual', 3)];
    given(...history)
      .when(signal('regulator_channel'), monitor)
      .thenNothing();
  });

  test('a complaint already above the policy tier records the reason at its own tier', () => {
    const [event] = given(...REACHED.repeat_contact(), escalated(3))
      .when(signal('repeat_contact'), monitor)
      .thenEvents();
    expect(event?.data).toMatchObject({ tier: 3, previousTier: 3, reason: 'repeat-contact' });
  });

  test('which signals escalate, and to which tier, is the policy in the decision context', () => {
    const policy = { ...defaultPolicy, escalation: { signals: { regulator_channel: 4 as const } } };
    const [event] = given(...REACHED.regulator_channel())
      .when(signal('regulator_channel'), { ...monitor, policy })
      .thenEvents();
    expect(event?.data).toMatchObject({ tier: 4 });
    given(...REACHED.safety_hazard())
      .when(signal('safety_hazard'), { ...monitor, policy })
      .thenNothing();
  });

  test('three inbound contacts within 7 days stay reached, even when the monitor acts weeks later', () => {
    const late = { ...monitor, now: new Date('2025-04-30T00:00:00.000Z') };
    expect(
      given(...REACHED.repeat_contact())
        .when(signal('repeat_contact'), late)
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('three inbound contacts spread over more than 7 days are no repeat', () => {
    given(
      on.received(RECEIVED),
      inbound('2025-03-10T09:00:00.000Z'),
      inbound('2025-03-14T09:00:00.000Z'),
      inbound('2025-03-17T09:00:01.000Z'),
    )
      .when(signal('repeat_contact'), { ...monitor, now: new Date('2025-03-18T00:00:00.000Z') })
      .thenNothing();
  });

  test('nothing after the resolution, nor on a complaint rejected as unfounded', () => {
    given(...REACHED.regulator_channel(), on.resolved('2025-03-10T09:00:01.000Z'))
      .when(signal('regulator_channel'), monitor)
      .thenNothing();
    given(...REACHED.safety_hazard(), on.rejected('2025-03-10T09:00:01.000Z'))
      .when(signal('safety_hazard'), monitor)
      .thenNothing();
  });

  test('an unknown signal is refused', () => {
    given(on.received(RECEIVED))
      .when(signal('full_moon' as EscalatingSignal), monitor)
      .thenRejects('INVALID_ESCALATION_SIGNAL');
  });
});

describe('escalation policy from configuration', () => {
  test('the default policy is valid', () => {
    expect(escalationPolicyProblems(DEFAULT_ESCALATION_POLICY)).toEqual([]);
  });

  test('unknown signals and tiers outside 1…4 are named', () => {
    expect(escalationPolicyProblems({ signals: { full_moon: 2, safety_hazard: 5 } })).toEqual([
      "unknown signal 'full_moon' (one of public_intensity, regulator_channel, repeat_contact, disputed_resolution, safety_hazard)",
      'safety_hazard: tier must be one of 1, 2, 3, 4',
    ]);
    expect(escalationPolicyProblems([])).toEqual(['signals must be an object of signal → tier']);
  });
});
