/**
 * The "critical points" of a complaint (DOMAIN.md §3): signals, beyond SLA breaches, that it should
 * be escalated. Pure and advisory — the SLA monitor or a person decides to act on them by sending
 * EscalateComplaint with the suggested reason; an already recorded reason at the current tier is then
 * a no-op, so acting on the same signal twice is harmless.
 */
import type { ComplaintState } from './state.js';
import type { EscalationReason } from './vocabulary.js';

export const ESCALATION_SIGNALS = [
  'no_update_24h',
  'public_intensity',
  'regulator_channel',
  'repeat_contact',
  'disputed_resolution',
  'safety_hazard',
] as const;
export type EscalationSignal = (typeof ESCALATION_SIGNALS)[number];

/** The escalation reason each signal suggests. */
export const SIGNAL_REASONS: Readonly<Record<EscalationSignal, EscalationReason>> = {
  no_update_24h: 'manual',
  public_intensity: 'public-exposure',
  regulator_channel: 'regulator',
  repeat_contact: 'repeat-contact',
  disputed_resolution: 'dispute',
  safety_hazard: 'safety',
};

const HOUR_MS = 60 * 60 * 1000;
export const NO_UPDATE_HOURS = 24;
export const REPEAT_CONTACTS = 3;
export const REPEAT_CONTACT_WINDOW_DAYS = 7;

/** The signals present in a complaint at `now`; none for a closed or non-existent complaint. */
export function escalationSignals(state: ComplaintState, now: Date): EscalationSignal[] {
  if (!state.exists || state.status === 'closed') return [];
  const present: Record<EscalationSignal, boolean> = {
    no_update_24h: waitingWithoutUpdate(state, now),
    public_intensity: state.intensity === 'negative_publicity' || state.intensity === 'radical',
    regulator_channel: state.channel === 'regulator_referral',
    repeat_contact: recentInboundContacts(state, now) >= REPEAT_CONTACTS,
    disputed_resolution: state.status === 'disputed',
    safety_hazard: state.subcategory === 'safety_hazard',
  };
  return ESCALATION_SIGNALS.filter((signal) => present[signal]);
}

/**
 * A customer who has heard nothing for a day while we still owe them an answer. Resolved and
 * rejected complaints have had their answer; a wait for the customer is their turn, not ours.
 */
function waitingWithoutUpdate(state: ComplaintState, now: Date): boolean {
  const owed = ['received', 'acknowledged', 'investigating', 'disputed'].includes(state.status ?? '');
  const lastUpdate = [state.receivedAt, state.acknowledgedAt, state.lastOutboundAt, state.resolvedAt]
    .filter((time): time is string => time !== null)
    .reduce((latest, time) => Math.max(latest, Date.parse(time)), Number.NEGATIVE_INFINITY);
  return owed && now.getTime() - lastUpdate > NO_UPDATE_HOURS * HOUR_MS;
}

function recentInboundContacts(state: ComplaintState, now: Date): number {
  const since = now.getTime() - REPEAT_CONTACT_WINDOW_DAYS * 24 * HOUR_MS;
  return state.inboundContactTimes.filter((time) => Date.parse(time) >= since).length;
}
