/**
 * The SLA monitor's facts, so that auditors see them in the history: SLA warnings and breaches, and
 * the escalations of the critical points. Each is recorded once per (target or signal, kind) — per
 * handling for the resolve clock, which a reopening restarts — and only if the complaint's own
 * history says it is due now (monitor-work.ts): two monitors, a restart, a replay, or a monitor
 * acting on a read model that has not yet seen the resolution, the pause or the closure, record
 * nothing more.
 */
import { type SlaTarget, SLA_TARGETS } from '../priority/sla-targets.js';
import type { DecisionContext } from './actor.js';
import type { EscalateOnSignal, RaiseSlaWarning, RecordSlaBreach } from './commands.js';
import { refuse } from './errors.js';
import { ESCALATING_SIGNALS, escalationReasonFor } from './escalation-policy.js';
import type { ComplaintEscalated, ComplaintEvent } from './events.js';
import { requireTimestamp, stamp } from './guards.js';
import { dueMonitorWork, type MonitorWorkItem } from './monitor-work.js';
import type { ComplaintState } from './state.js';
import { type EscalationTier, MAX_ESCALATION_TIER, slaBreachReason } from './vocabulary.js';

export function raiseWarning(
  { data }: RaiseSlaWarning,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const item = dueSlaFact('warning', data, state, context);
  if (item === undefined) return [];
  return [
    {
      type: 'SlaWarningRaised',
      data: { complaintId: state.complaintId, target: data.target, dueAt: item.dueAt!, raisedAt: stamp(context).at },
    },
  ];
}

/**
 * A breach escalates one tier (DOMAIN.md §3) in the same decision, so the escalation cannot be lost
 * between two writes, with the reason `sla-breach:<target>`. At the top tier the breach is recorded alone.
 */
export function recordBreach(
  { data }: RecordSlaBreach,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const item = dueSlaFact('breach', data, state, context);
  if (item === undefined) return [];
  const { at } = stamp(context);
  const breach: ComplaintEvent = {
    type: 'SlaBreached',
    data: { complaintId: state.complaintId, target: data.target, dueAt: item.dueAt!, breachedAt: at },
  };
  return [breach, ...escalationForBreach(state, data.target, context)];
}

/**
 * A critical point reached (escalation-policy.ts) escalates to the policy's tier, or records the
 * reason at the current tier if the complaint is already higher. Once per signal and complaint.
 */
export function escalateOnSignal(
  { data }: EscalateOnSignal,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (!(ESCALATING_SIGNALS as readonly string[]).includes(data.signal))
    refuse('INVALID_ESCALATION_SIGNAL', `signal must be one of ${ESCALATING_SIGNALS.join(', ')}`);
  const tier = context.policy.escalation.signals[data.signal];
  const item = dueMonitorWork(state, context.policy, context.now, 'escalation', data.signal);
  if (tier === undefined || item === undefined) return [];
  const { by, at } = stamp(context);
  const escalation: ComplaintEscalated['data'] = {
    complaintId: state.complaintId,
    tier: Math.max(tier, state.escalationTier) as EscalationTier,
    previousTier: state.escalationTier,
    reason: escalationReasonFor(data.signal),
    note: `critical point: ${data.signal}`,
    by,
    escalatedAt: at,
  };
  return [{ type: 'ComplaintEscalated', data: escalation }];
}

function escalationForBreach(state: ComplaintState, target: SlaTarget, context: DecisionContext): ComplaintEscalated[] {
  if (state.escalationTier >= MAX_ESCALATION_TIER) return [];
  const { by, at } = stamp(context);
  const data = {
    complaintId: state.complaintId,
    tier: (state.escalationTier + 1) as EscalationTier,
    previousTier: state.escalationTier,
    reason: slaBreachReason(target),
  };
  return [{ type: 'ComplaintEscalated', data: { ...data, note: `${target} target breached`, by, escalatedAt: at } }];
}

/**
 * The warning or breach of the target if the stream says it is due now. A `dueAt` the caller gives
 * is the due instant it measured (e.g. on a read model); when the stream measures another one, the
 * caller's view is stale and nothing is recorded until it looks again.
 */
function dueSlaFact(
  kind: 'warning' | 'breach',
  data: { target: SlaTarget; dueAt?: string },
  state: ComplaintState,
  context: DecisionContext,
): MonitorWorkItem | undefined {
  if (!(SLA_TARGETS as readonly string[]).includes(data.target))
    refuse('INVALID_SLA_TARGET', `target must be one of ${SLA_TARGETS.join(', ')}`);
  const expected = data.dueAt === undefined ? undefined : requireTimestamp(data.dueAt, 'dueAt').toISOString();
  const item = dueMonitorWork(state, context.policy, context.now, kind, data.target);
  return expected === undefined || item?.dueAt === expected ? item : undefined;
}
