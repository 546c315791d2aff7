/**
 * Fixed ids, clocks and event builders for the specs. Given-events are written out literally (not
 * produced by decide), so a spec of one rule never depends on another rule being right.
 */
import type { Actor, DecisionContext } from '../complaint/actor.js';
import type { ComplaintEvent, EventOfType } from '../complaint/events.js';
import { defaultPolicy } from '../complaint/policy.js';
import type { SlaTarget } from '../priority/sla-targets.js';
import type { ClosureCode, EscalationReason, EscalationTier } from '../complaint/vocabulary.js';

export const COMPLAINT_ID = '3f1f2b9e-8c55-4a8e-9d4b-6f0e1c2a7b10';
export const AGENT: Actor = { id: 'agent-ann', role: 'agent' };
export const SUPERVISOR: Actor = { id: 'supervisor-sue', role: 'supervisor' };
export const MONITOR: Actor = { id: 'system:sla-monitor', role: 'system' };

/** "Now" of every decision unless a spec says otherwise; the given history happened before it. */
export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const AT = NOW.toISOString();
export const EARLIER = '2025-03-10T09:00:00.000Z';

export function contextWith(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { now: NOW, actor: AGENT, policy: defaultPolicy, ...overrides };
}

const id = { complaintId: COMPLAINT_ID };
const who = { by: AGENT.id };

type Data<T extends ComplaintEvent['type']> = EventOfType<T>['data'];
function event<T extends ComplaintEvent['type']>(type: T, data: Data<T>): EventOfType<T> {
  return { type, data } as EventOfType<T>;
}

export const received = (over: Partial<Data<'ComplaintReceived'>> = {}) =>
  event('ComplaintReceived', {
    ...id,
    channel: 'phone',
    customer: { id: 'customer-42', name: 'Li Wei', email: 'li.wei@example.com' },
    subject: 'Kettle leaks',
    description: 'The kettle leaks from the base after two weeks.',
    intensity: 'passive',
    purpose: 'criticism',
    ...who,
    receivedAt: EARLIER,
    ...over,
  });
export const acknowledged = () =>
  event('ComplaintAcknowledged', { ...id, how: 'email', ...who, acknowledgedAt: EARLIER });
export const categorized = (over: Partial<Data<'ComplaintCategorized'>> = {}) =>
  event('ComplaintCategorized', {
    ...id,
    category: 'product_quality',
    subcategory: 'manufacturing_defect',
    severity: 'medium',
    impact: 'individual',
    priority: 'P3',
    ...who,
    categorizedAt: EARLIER,
    ...over,
  });
export const assigned = (team = 'quality', ownerId = 'agent-ann') =>
  event('ComplaintAssigned', { ...id, team, ownerId, ...who, assignedAt: EARLIER });
export const validated = () =>
  event('ComplaintValidated', { ...id, reason: 'Receipt checks out', ...who, validatedAt: EARLIER });
export const rejected = () => event('ComplaintRejected', { ...id, reason: 'Misuse', ...who, rejectedAt: EARLIER });
export const contacted = (direction: 'inbound' | 'outbound' = 'outbound', contactedAt = EARLIER) =>
  event('CustomerContacted', { ...id, direction, channel: 'phone', summary: 'Called back', ...who, contactedAt });
export const awaiting = () =>
  event('ComplaintAwaitingCustomer', { ...id, reason: 'Need photos', ...who, pausedAt: EARLIER });
export const resumed = () => event('ComplaintResumed', { ...id, automatic: false, ...who, resumedAt: EARLIER });
export const rootCause = () =>
  event('RootCauseIdentified', {
    ...id,
    fishboneClass: 'machine',
    whys: ['Seal failed', 'Press misaligned'],
    correctiveAction: 'Realign press',
    preventiveAction: 'Weekly calibration',
    ...who,
    identifiedAt: EARLIER,
  });
export const escalated = (
  tier: EscalationTier,
  reason: EscalationReason = 'manual',
  previousTier: 0 | EscalationTier = 0,
) => event('ComplaintEscalated', { ...id, tier, previousTier, reason, ...who, escalatedAt: EARLIER });
export const offered = (compensationId: string, amount: number, requiresApproval: boolean, currency = 'EUR') =>
  event('CompensationOffered', {
    ...id,
    compensationId,
    kind: 'refund',
    amount,
    currency,
    approvalLimit: 5000,
    requiresApproval,
    ...who,
    offeredAt: EARLIER,
  });
export const approved = (compensationId: string, approvedAmount: number, currency = 'EUR') =>
  event('CompensationApproved', {
    ...id,
    compensationId,
    approvedAmount,
    currency,
    approver: SUPERVISOR.id,
    approvedAt: EARLIER,
  });
export const declined = (compensationId: string) =>
  event('CompensationDeclined', { ...id, compensationId, reason: 'Customer refused', ...who, declinedAt: EARLIER });
export const paid = (compensationId: string, amount: number, totalPaid: number, paymentRef?: string) =>
  event('CompensationPaid', {
    ...id,
    compensationId,
    amount,
    currency: 'EUR',
    ...(paymentRef === undefined ? {} : { paymentRef }),
    totalPaid,
    ...who,
    paidAt: EARLIER,
  });
export const resolved = () =>
  event('ComplaintResolved', {
    ...id,
    summary: 'Replaced the kettle',
    planSteps: ['Ship replacement'],
    ...who,
    resolvedAt: EARLIER,
  });
export const confirmed = (satisfaction = 5) =>
  event('CustomerConfirmedResolution', { ...id, satisfaction, ...who, respondedAt: EARLIER });
export const disputed = (satisfaction = 2) =>
  event('CustomerDisputedResolution', { ...id, satisfaction, ...who, respondedAt: EARLIER });
export const reopened = (reopenedFrom: 'disputed' | 'closed' = 'disputed', handling = 2) =>
  event('ComplaintReopened', { ...id, reason: 'Still leaking', reopenedFrom, handling, ...who, reopenedAt: EARLIER });
export const closed = (closureCode: ClosureCode = 'resolved', closedAt = EARLIER) =>
  event('ComplaintClosed', { ...id, closureCode, ...who, closedAt });
export const slaWarning = (target: SlaTarget) =>
  event('SlaWarningRaised', { ...id, target, dueAt: EARLIER, raisedAt: EARLIER });
export const slaBreached = (target: SlaTarget) =>
  event('SlaBreached', { ...id, target, dueAt: EARLIER, breachedAt: EARLIER });

/** A complaint ready to be worked on: received, acknowledged, categorized, assigned, validated. */
export const triaged = (): ComplaintEvent[] => [received(), acknowledged(), categorized(), assigned(), validated()];

/** One event of every type, for specs that must cover them all; the record type keeps it complete. */
export const ONE_OF_EACH_EVENT: { [T in ComplaintEvent['type']]: EventOfType<T> } = {
  ComplaintReceived: received(),
  ComplaintAcknowledged: acknowledged(),
  ComplaintCategorized: categorized(),
  ComplaintAssigned: assigned(),
  ComplaintValidated: validated(),
  ComplaintRejected: rejected(),
  CustomerContacted: contacted(),
  ComplaintAwaitingCustomer: awaiting(),
  ComplaintResumed: resumed(),
  RootCauseIdentified: rootCause(),
  ComplaintEscalated: escalated(2),
  CompensationOffered: offered('c-1', 3000, false),
  CompensationApproved: approved('c-1', 3000),
  CompensationDeclined: declined('c-1'),
  CompensationPaid: paid('c-1', 1000, 1000),
  ComplaintResolved: resolved(),
  CustomerConfirmedResolution: confirmed(),
  CustomerDisputedResolution: disputed(),
  ComplaintReopened: reopened(),
  ComplaintClosed: closed(),
  SlaWarningRaised: slaWarning('resolve'),
  SlaBreached: slaBreached('resolve'),
};
