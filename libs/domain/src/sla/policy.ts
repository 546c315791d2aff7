/**
 * SLA policies are data (DOMAIN.md §3): a list of rules, each matching a priority and/or a category,
 * with the three targets, the clock they run on, whether they pause while waiting on the customer
 * and when they warn. `resolvePolicy` picks the most specific rule for a complaint.
 */
import type { Priority } from '../priority/priority.js';
import {
  DEFAULT_SLA_TARGETS,
  SLA_TARGETS,
  SLA_WARNING_FRACTION,
  type SlaTargetMinutes,
} from '../priority/sla-targets.js';
import type { Category } from '../taxonomy/categories.js';
import { type BusinessCalendar, calendarProblems } from './calendar.js';
import { businessTimeline, type Timeline, WALL_TIMELINE } from './business-time.js';
import { MINUTE_MS } from './time-zone.js';

export const SLA_CLOCK_MODES = ['wall', 'business'] as const;
export type SlaClockMode = (typeof SLA_CLOCK_MODES)[number];

export interface SlaPolicy {
  /** Names the rule in views and logs ("which policy applied"). */
  id: string;
  /** Absent: any priority (including a complaint not yet prioritized). */
  priority?: Priority;
  /** Absent: any category. */
  category?: Category;
  /** Minutes of the policy's clock: wall minutes, or working minutes of the calendar. */
  targets: SlaTargetMinutes;
  clock: SlaClockMode;
  /** Required when `clock` is 'business'. */
  calendar?: BusinessCalendar;
  /** Default true: the clocks stop while the complaint waits on the customer. */
  pauseWhileAwaitingCustomer?: boolean;
  /** Default 0.8: the warning is raised at this fraction of a target elapsed. */
  warningFraction?: number;
}

/**
 * The priority an unprioritized complaint is held to, through the catch-all rule. Acknowledgement
 * usually comes before triage, so this is what most acknowledge clocks measure against at first.
 * P2, not P4: a serious complaint stuck in triage must still warn in hours, not days; not P1, which
 * would page supervisors for every fresh complaint. Once prioritized, the clocks are re-measured
 * from their original start against the new priority.
 */
export const UNPRIORITIZED_SLA_PRIORITY: Priority = 'P2';

/**
 * DOMAIN.md §3's table on the wall clock (the default: no organisation's hours or zone can be
 * assumed), one rule per priority plus a catch-all for complaints not yet prioritized.
 */
export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = [
  ...(Object.keys(DEFAULT_SLA_TARGETS) as Priority[]).map((priority): SlaPolicy => ({
    id: `default-${priority}`,
    priority,
    targets: DEFAULT_SLA_TARGETS[priority],
    clock: 'wall',
  })),
  { id: 'default-unprioritized', targets: DEFAULT_SLA_TARGETS[UNPRIORITIZED_SLA_PRIORITY], clock: 'wall' },
];

export interface PolicySubject {
  priority: Priority | null;
  category?: Category | null;
}

/**
 * The most specific matching rule: category and priority > category only > priority only >
 * catch-all. A category override is the exception a team configured on purpose, so it beats a
 * priority-wide rule. Among equally specific rules the first listed wins.
 */
export function resolvePolicy(policies: readonly SlaPolicy[], subject: PolicySubject): SlaPolicy {
  let best: SlaPolicy | undefined;
  let bestScore = -1;
  for (const policy of policies) {
    const score = specificity(policy, subject);
    if (score > bestScore) [best, bestScore] = [policy, score];
  }
  if (best === undefined)
    throw new RangeError(
      `no SLA policy for priority ${subject.priority ?? 'none'}, category ${subject.category ?? 'none'}`,
    );
  return best;
}

/** -1 when the rule does not apply. */
function specificity(policy: SlaPolicy, { priority, category }: PolicySubject): number {
  if (policy.priority !== undefined && policy.priority !== priority) return -1;
  if (policy.category !== undefined && policy.category !== category) return -1;
  return (policy.category === undefined ? 0 : 2) + (policy.priority === undefined ? 0 : 1);
}

export function targetMs(policy: SlaPolicy, target: keyof SlaTargetMinutes): number {
  return Math.round(policy.targets[target] * MINUTE_MS);
}

export function warningFractionOf(policy: SlaPolicy): number {
  return policy.warningFraction ?? SLA_WARNING_FRACTION;
}

export function pausesWhileAwaitingCustomer(policy: SlaPolicy): boolean {
  return policy.pauseWhileAwaitingCustomer ?? true;
}

/** The clock a policy measures with. */
export function timelineOf(policy: SlaPolicy): Timeline {
  if (policy.clock === 'wall') return WALL_TIMELINE;
  if (policy.calendar === undefined) throw new RangeError(`SLA policy ${policy.id}: a business clock needs a calendar`);
  return businessTimeline(policy.calendar);
}

/** What is wrong with a set of rules, in words; empty when it can be used. */
export function slaPolicyProblems(policies: readonly SlaPolicy[]): string[] {
  const problems = policies.flatMap((policy) => ruleProblems(policy).map((problem) => `${policy.id}: ${problem}`));
  if (!policies.some((policy) => policy.priority === undefined && policy.category === undefined))
    problems.push('no catch-all rule (without priority and category) for complaints not yet prioritized');
  return problems;
}

function ruleProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  for (const target of SLA_TARGETS) {
    const minutes = policy.targets[target];
    if (!(Number.isFinite(minutes) && minutes > 0))
      problems.push(`${target} target must be a positive number of minutes`);
  }
  if (!(SLA_CLOCK_MODES as readonly string[]).includes(policy.clock)) problems.push(`unknown clock '${policy.clock}'`);
  if (policy.clock === 'business' && policy.calendar === undefined) problems.push('a business clock needs a calendar');
  if (policy.calendar !== undefined) problems.push(...calendarProblems(policy.calendar));
  const fraction = warningFractionOf(policy);
  if (!(fraction > 0 && fraction < 1)) problems.push('warningFraction must be between 0 and 1');
  return problems;
}
