/**
 * The SLA monitor's work on one complaint: the SLA warnings and breaches its running clocks have
 * reached or will reach, and the critical-point escalations the policy asks for — each not yet
 * recorded, with the instant it becomes due.
 *
 * A function of the complaint's events only (the clocks are measured just after the history's last
 * instant, where running clocks' warning and breach instants no longer depend on the time): the SLA
 * monitor's read model stores these items, and the decider recomputes them from the stream before it
 * records one. Both folding the same events, they agree; whatever the stream says at decide time
 * wins — a complaint resolved, paused or closed before the instant gets nothing.
 */
import type { SlaTarget } from '../priority/sla-targets.js';
import { slaClocks, slaDeadlines } from '../sla/clock.js';
import { latestInstantOf } from '../sla/history.js';
import { resolvePolicy } from '../sla/policy.js';
import {
  ESCALATING_SIGNALS,
  type EscalatingSignal,
  escalationReasonFor,
  type EscalationPolicy,
  signalReached,
} from './escalation-policy.js';
import type { ComplaintPolicy } from './policy.js';
import { type ComplaintState, slaFactKey } from './state.js';

export const MONITOR_WORK_KINDS = ['warning', 'breach', 'escalation'] as const;
export type MonitorWorkKind = (typeof MONITOR_WORK_KINDS)[number];

export interface MonitorWorkItem {
  kind: MonitorWorkKind;
  /** The SLA target of a warning or breach; the signal of an escalation. */
  subject: SlaTarget | EscalatingSignal;
  /** The handling the resolve clock belongs to (a reopening starts a new one); 1 otherwise. */
  handling: number;
  /** ISO instant from which it is due. An escalation is due from receipt: at once. */
  at: string;
  /** The target's due instant, for warnings and breaches. */
  dueAt: string | null;
}

export type MonitorPolicy = Pick<ComplaintPolicy, 'sla' | 'escalation'>;

/** Every item not yet recorded, due or not; none for a closed complaint. */
export function slaMonitorWork(state: ComplaintState, policy: MonitorPolicy): MonitorWorkItem[] {
  if (!state.exists || state.status === 'closed' || state.slaHistory === null) return [];
  return [...slaFactsToRecord(state, policy), ...signalEscalations(state, policy.escalation)];
}

/** The item of that kind and subject if it is due at `now`. */
export function dueMonitorWork(
  state: ComplaintState,
  policy: MonitorPolicy,
  now: Date,
  kind: MonitorWorkKind,
  subject: string,
): MonitorWorkItem | undefined {
  return slaMonitorWork(state, policy).find(
    (item) => item.kind === kind && item.subject === subject && Date.parse(item.at) <= now.getTime(),
  );
}

function slaFactsToRecord(state: ComplaintState, { sla }: MonitorPolicy): MonitorWorkItem[] {
  const history = state.slaHistory!;
  // One ms past the last instant: a pause that began at that very instant is then measured as one.
  const clocks = slaClocks(history, resolvePolicy(sla, history), new Date(latestInstantOf(history) + 1));
  return slaDeadlines(clocks)
    .filter((deadline) => !state.slaFacts.includes(slaFactKey(deadline.kind, deadline.target)))
    .map((deadline) => ({
      kind: deadline.kind,
      subject: deadline.target,
      handling: deadline.handling,
      at: deadline.at,
      dueAt: deadline.dueAt,
    }));
}

function signalEscalations(state: ComplaintState, policy: EscalationPolicy): MonitorWorkItem[] {
  return ESCALATING_SIGNALS.filter(
    (signal) =>
      policy.signals[signal] !== undefined &&
      signalReached(state, signal) &&
      !state.escalatedFor.includes(escalationReasonFor(signal)),
  ).map((signal) => ({ kind: 'escalation', subject: signal, handling: 1, at: state.receivedAt!, dueAt: null }));
}
