/**
 * SLA facts, written by the SLA monitor so that auditors see them in the history. Each fact is
 * recorded once per (target, kind) and handling: two monitors, a restart or a replay produce no
 * second one. A reopening restarts the resolve clock, so its facts may be recorded again.
 */
import { type SlaTarget, SLA_TARGETS } from '../priority/sla-targets.js';
import type { DecisionContext } from './actor.js';
import type { RaiseSlaWarning, RecordSlaBreach } from './commands.js';
import { refuse } from './errors.js';
import type { ComplaintEvent, ComplaintEscalated } from './events.js';
import { requireTimestamp, stamp } from './guards.js';
import { type ComplaintState, slaFactKey } from './state.js';
import { MAX_ESCALATION_TIER } from './vocabulary.js';

export function raiseWarning(
  { data }: RaiseSlaWarning,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const dueAt = checkedDueAt(data.target, data.dueAt);
  if (state.slaFacts.includes(slaFactKey('warning', data.target))) return [];
  return [
    {
      type: 'SlaWarningRaised',
      data: { complaintId: state.complaintId, target: data.target, dueAt, raisedAt: stamp(context).at },
    },
  ];
}

/**
 * A breach escalates one tier (DOMAIN.md §3) in the same decision, so the escalation cannot be lost
 * between two writes. At the top tier the breach is recorded alone.
 */
export function recordBreach(
  { data }: RecordSlaBreach,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const dueAt = checkedDueAt(data.target, data.dueAt);
  if (state.slaFacts.includes(slaFactKey('breach', data.target))) return [];
  const { at } = stamp(context);
  const breach: ComplaintEvent = {
    type: 'SlaBreached',
    data: { complaintId: state.complaintId, target: data.target, dueAt, breachedAt: at },
  };
  return [breach, ...escalationForBreach(state, data.target, context)];
}

function escalationForBreach(state: ComplaintState, target: SlaTarget, context: DecisionContext): ComplaintEscalated[] {
  if (state.escalationTier >= MAX_ESCALATION_TIER) return [];
  const { by, at } = stamp(context);
  const tier = (state.escalationTier + 1) as ComplaintEscalated['data']['tier'];
  const data = {
    complaintId: state.complaintId,
    tier,
    previousTier: state.escalationTier,
    reason: 'sla-breach' as const,
  };
  return [{ type: 'ComplaintEscalated', data: { ...data, note: `${target} target breached`, by, escalatedAt: at } }];
}

/** The due time is stored as given by the monitor, normalised to UTC ISO so that retries compare equal. */
function checkedDueAt(target: SlaTarget, dueAt: string): string {
  if (!(SLA_TARGETS as readonly string[]).includes(target))
    refuse('INVALID_SLA_TARGET', `target must be one of ${SLA_TARGETS.join(', ')}`);
  return requireTimestamp(dueAt, 'dueAt').toISOString();
}
