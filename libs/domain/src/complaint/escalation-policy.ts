/**
 * Which "critical points" (DOMAIN.md §3) escalate a complaint automatically, and to which tier: data,
 * passed to the decider in the ComplaintPolicy, so an organisation changes it without code.
 *
 * A signal escalates once per complaint, with the reason signals.ts suggests for it; the SLA monitor
 * sends EscalateOnSignal and the decider checks the signal against the stream (see monitor-work.ts).
 * The 24-hour silence is not among them: it comes and goes with every update, and the SLA clocks
 * already warn and breach on it; it counts in the escalation-risk score instead.
 */
import { type EscalationSignal, SIGNAL_REASONS } from './signals.js';
import type { ComplaintState, ComplaintStatus } from './state.js';
import { ESCALATION_TIERS, type EscalationReason, type EscalationTier } from './vocabulary.js';

export const ESCALATING_SIGNALS = [
  'public_intensity',
  'regulator_channel',
  'repeat_contact',
  'disputed_resolution',
  'safety_hazard',
] as const satisfies readonly EscalationSignal[];
export type EscalatingSignal = (typeof ESCALATING_SIGNALS)[number];

export interface EscalationPolicy {
  /** The tier each signal escalates to (at least; a complaint already higher stays there). Absent: no escalation. */
  signals: Partial<Record<EscalatingSignal, EscalationTier>>;
}

/**
 * Tier 1 is the team lead, 2 the desk supervisor, 3 management with compliance or legal, 4 the
 * executive level. A customer calling again and again needs a lead's attention; going public or
 * disputing the answer needs a supervisor; a regulator or a safety hazard concerns compliance and
 * management from the start.
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  signals: {
    repeat_contact: 1,
    public_intensity: 2,
    disputed_resolution: 2,
    regulator_channel: 3,
    safety_hazard: 3,
  },
};

/** The reason an escalation for the signal records. */
export function escalationReasonFor(signal: EscalatingSignal): EscalationReason {
  return SIGNAL_REASONS[signal];
}

/** Statuses in which someone still works the complaint, so an escalation can still help. */
const WORKED: readonly ComplaintStatus[] = [
  'received',
  'acknowledged',
  'investigating',
  'waiting_on_customer',
  'disputed',
];

const DAY_MS = 24 * 60 * 60 * 1000;
const REPEAT_CONTACTS = 3;
const REPEAT_WINDOW_MS = 7 * DAY_MS;

/**
 * Whether the complaint has reached the critical point, from its history alone (no clock): unlike
 * the advisory `escalationSignals(state, now)`, three inbound contacts within 7 days stay reached once
 * they happened, so a monitor that runs late still escalates them — and the decision and the SLA
 * monitor's read model, both folding the same events, always agree on it.
 */
export function signalReached(state: ComplaintState, signal: EscalatingSignal): boolean {
  if (!state.exists || !WORKED.includes(state.status!)) return false;
  switch (signal) {
    case 'public_intensity':
      return state.intensity === 'negative_publicity' || state.intensity === 'radical';
    case 'regulator_channel':
      return state.channel === 'regulator_referral';
    case 'repeat_contact':
      return repeatedContacts(state.inboundContactTimes);
    case 'disputed_resolution':
      return state.status === 'disputed';
    case 'safety_hazard':
      return state.subcategory === 'safety_hazard';
  }
}

function repeatedContacts(times: readonly string[]): boolean {
  const sorted = times.map(Date.parse).sort((a, b) => a - b);
  return sorted.some((time, index) => {
    const third = sorted[index + REPEAT_CONTACTS - 1];
    return third !== undefined && third - time <= REPEAT_WINDOW_MS;
  });
}

/** What is wrong with a policy read from configuration, in words; empty when it can be used. */
export function escalationPolicyProblems(policy: unknown): string[] {
  if (typeof policy !== 'object' || policy === null) return ['must be an object with "signals"'];
  const signals = (policy as { signals?: unknown }).signals;
  if (typeof signals !== 'object' || signals === null || Array.isArray(signals))
    return ['signals must be an object of signal → tier'];
  return Object.entries(signals).flatMap(([signal, tier]) => {
    if (!(ESCALATING_SIGNALS as readonly string[]).includes(signal))
      return [`unknown signal '${signal}' (one of ${ESCALATING_SIGNALS.join(', ')})`];
    if (!(ESCALATION_TIERS as readonly unknown[]).includes(tier))
      return [`${signal}: tier must be one of ${ESCALATION_TIERS.join(', ')}`];
    return [];
  });
}
