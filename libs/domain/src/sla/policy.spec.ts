import { PRIORITIES } from '../priority/priority.js';
import { DEFAULT_SLA_TARGETS, SLA_TARGETS } from '../priority/sla-targets.js';
import {
  DEFAULT_SLA_POLICIES,
  resolvePolicy,
  type SlaPolicy,
  slaPolicyProblems,
  targetMs,
  timelineOf,
} from './policy.js';
import { BERLIN, businessPolicy, hours, wallPolicy } from './spec-fixtures.js';

describe('the default SLA policy', () => {
  test.each(PRIORITIES)('reproduces the DOMAIN.md §3 targets for %s on the wall clock', (priority) => {
    const policy = resolvePolicy(DEFAULT_SLA_POLICIES, { priority, category: 'service' });
    expect(policy).toMatchObject({ priority, clock: 'wall', targets: DEFAULT_SLA_TARGETS[priority] });
  });

  test('P1 is acknowledged within 1 h, P4 resolved within 15 days', () => {
    expect(targetMs(resolvePolicy(DEFAULT_SLA_POLICIES, { priority: 'P1' }), 'acknowledge')).toBe(hours(1));
    expect(targetMs(resolvePolicy(DEFAULT_SLA_POLICIES, { priority: 'P4' }), 'resolve')).toBe(hours(15 * 24));
  });

  test('a complaint not yet prioritized is held to P2 by the catch-all rule', () => {
    const policy = resolvePolicy(DEFAULT_SLA_POLICIES, { priority: null, category: null });
    expect(policy).toMatchObject({ id: 'default-unprioritized', targets: DEFAULT_SLA_TARGETS.P2 });
  });

  test('pauses while waiting on the customer and warns at 80 % unless told otherwise', () => {
    expect(slaPolicyProblems(DEFAULT_SLA_POLICIES)).toEqual([]);
    for (const policy of DEFAULT_SLA_POLICIES) {
      expect(policy.pauseWhileAwaitingCustomer ?? true).toBe(true);
      expect(policy.warningFraction ?? 0.8).toBe(0.8);
    }
  });
});

describe('resolving the policy for a complaint', () => {
  const safetyP1: SlaPolicy = { ...wallPolicy('P1'), id: 'quality-P1', category: 'product_quality' };
  const anyDelivery: SlaPolicy = {
    ...businessPolicy('P3', BERLIN),
    id: 'delivery-any',
    priority: undefined,
    category: 'delivery',
  };
  const policies = [...DEFAULT_SLA_POLICIES, safetyP1, anyDelivery];

  test('category and priority beat category only, which beats priority only', () => {
    expect(resolvePolicy(policies, { priority: 'P1', category: 'product_quality' }).id).toBe('quality-P1');
    expect(resolvePolicy(policies, { priority: 'P1', category: 'delivery' }).id).toBe('delivery-any');
    expect(resolvePolicy(policies, { priority: 'P1', category: 'service' }).id).toBe('default-P1');
  });

  test('among equally specific rules the first listed wins', () => {
    const second = { ...safetyP1, id: 'second' };
    expect(resolvePolicy([safetyP1, second], { priority: 'P1', category: 'product_quality' }).id).toBe('quality-P1');
  });

  test('given no matching rule, resolving fails loudly', () => {
    expect(() => resolvePolicy([wallPolicy('P1')], { priority: 'P2' })).toThrow(/no SLA policy for priority P2/);
  });
});

describe('policy validation', () => {
  test('each problem is named with its rule', () => {
    const broken: SlaPolicy = {
      id: 'broken',
      targets: { ...DEFAULT_SLA_TARGETS.P1, resolve: 0 },
      clock: 'business',
      warningFraction: 1.2,
    };
    expect(slaPolicyProblems([broken])).toEqual([
      'broken: resolve target must be a positive number of minutes',
      'broken: a business clock needs a calendar',
      'broken: warningFraction must be between 0 and 1',
    ]);
  });

  test('a set without a catch-all rule is flagged', () => {
    expect(slaPolicyProblems(PRIORITIES.map((priority) => wallPolicy(priority)))).toEqual([
      'no catch-all rule (without priority and category) for complaints not yet prioritized',
    ]);
  });

  test('a business policy measures on its calendar', () => {
    const timeline = timelineOf(businessPolicy('P4', BERLIN));
    expect(timeline.between(Date.parse('2025-03-15T00:00:00Z'), Date.parse('2025-03-16T00:00:00Z'))).toBe(0);
    expect(() => timelineOf({ ...wallPolicy('P4'), clock: 'business' })).toThrow(/needs a calendar/);
  });

  test('the targets are whole minutes for every default rule', () => {
    for (const policy of DEFAULT_SLA_POLICIES)
      for (const target of SLA_TARGETS) expect(Number.isInteger(policy.targets[target])).toBe(true);
  });
});
