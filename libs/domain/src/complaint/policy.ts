/**
 * The data-driven part of the rules. Policies are data, not code (DOMAIN.md §3): the caller passes
 * the policy in the DecisionContext, so a configured one replaces `defaultPolicy` without changes here.
 */
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from '../sla/policy.js';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';

export interface ComplaintPolicy {
  /**
   * Per team, per ISO currency, the largest compensation (minor units) an agent may offer without
   * supervisor approval; '*' keys are fallbacks (any team, any currency).
   */
  approvalLimits: Record<string, Record<string, number>>;
  /** A closed complaint can be reopened within this many days of closure. */
  reopenWindowDays: number;
  /** The SLA rules the clocks are measured with (sla/policy.ts); SLA facts are decided on them. */
  sla: readonly SlaPolicy[];
  /** Which critical points escalate automatically, and to which tier. */
  escalation: EscalationPolicy;
}

export const WILDCARD = '*';

export const defaultPolicy: ComplaintPolicy = {
  approvalLimits: {
    // Any team: small goodwill gestures need no second pair of eyes; an unknown currency always does.
    [WILDCARD]: { EUR: 50_00, USD: 50_00, GBP: 50_00, CNY: 300_00, [WILDCARD]: 0 },
    // Billing mistakes are refunded in full routinely, so that team's limit is higher.
    'billing-compliance': { EUR: 200_00, USD: 200_00, GBP: 200_00, CNY: 1500_00 },
  },
  reopenWindowDays: 30,
  sla: DEFAULT_SLA_POLICIES,
  escalation: DEFAULT_ESCALATION_POLICY,
};

/**
 * The approval limit for a team and currency, most specific first: team+currency, team+'*',
 * '*'+currency, '*'+'*'. With no match the limit is 0, so any non-zero amount needs approval:
 * an unconfigured case fails safe.
 */
export function approvalLimitFor(
  policy: Pick<ComplaintPolicy, 'approvalLimits'>,
  team: string | null,
  currency: string,
): number {
  const teams = team === null ? [WILDCARD] : [team, WILDCARD];
  for (const key of teams) {
    const limits = policy.approvalLimits[key];
    const limit = limits?.[currency] ?? limits?.[WILDCARD];
    if (limit !== undefined) return limit;
  }
  return 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a complaint closed at `closedAt` may still be reopened at `now` (the window is inclusive). */
export function withinReopenWindow(
  policy: Pick<ComplaintPolicy, 'reopenWindowDays'>,
  closedAt: string,
  now: Date,
): boolean {
  return now.getTime() - Date.parse(closedAt) <= policy.reopenWindowDays * DAY_MS;
}
