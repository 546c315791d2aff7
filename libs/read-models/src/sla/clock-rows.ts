/**
 * The pure part of the SLA projection: fold a complaint's events into its SLA history (the domain's
 * `evolveSlaHistory`) plus its team, and turn that into clock rows with the domain's `slaClocks`.
 *
 * The rows must be a function of the events only (a rebuild gives the same rows), so the clocks are
 * measured at the history's own last instant, never at the projector's time, and only the parts that
 * do not change while time passes are kept: for a running clock its due/warning/breach instants and
 * closed pauses, for a paused one what it had reached when the pause began. `clock-view.ts` derives
 * the rest (remaining, running → warning → breached) at query time.
 */
import {
  type ComplaintEvent,
  evolveSlaHistory,
  latestInstantOf,
  pausesWhileAwaitingCustomer,
  resolvePolicy,
  type SlaHistory,
  slaClocks,
  type SlaPolicy,
  type SlaTargetClock,
  timelineOf,
} from '#domain';
import type { SlaClockRow, SlaComplaintState, StoredClockState } from './sla-row.js';

/** The state after one more event; undefined until the complaint's receipt has been seen. */
export function foldSlaComplaint(
  current: SlaComplaintState | undefined,
  event: ComplaintEvent,
  complaintId: string,
  revision: number,
): SlaComplaintState | undefined {
  if (event.type === 'ComplaintAssigned')
    return current && { ...current, team: event.data.team, lastRevision: revision };
  const history = evolveSlaHistory(current?.history ?? null, event);
  if (history === null) return current;
  return { complaintId, history, team: current?.team ?? null, lastRevision: revision };
}

/** Every clock of the complaint: acknowledge, first response, and one resolve clock per handling. */
export function clockRowsOf(state: SlaComplaintState, policies: readonly SlaPolicy[]): SlaClockRow[] {
  const { history } = state;
  const policy = resolvePolicy(policies, history);
  const asOfMs = latestInstantOf(history);
  const clocks = slaClocks(history, policy, new Date(asOfMs));
  const all = [clocks.acknowledge, clocks.first_response, ...clocks.earlierResolves, clocks.resolve];
  // Keyed: a stored history with a repeated handling number (not one the write side produces) must
  // still give one row per key, the later handling winning, as the domain's views show it.
  const byKey = new Map<string, SlaClockRow>();
  for (const clock of all) {
    byKey.set(`${clock.target}/${clock.handling}`, rowOf(clock, { state, policy, asOfMs }));
  }
  return [...byKey.values()];
}

interface RowContext {
  state: SlaComplaintState;
  policy: SlaPolicy;
  asOfMs: number;
}

function rowOf(clock: SlaTargetClock, { state, policy, asOfMs }: RowContext): SlaClockRow {
  const ended = clock.metAt !== null || clock.stoppedAt !== null;
  const pausedSinceMs = ended ? null : openPauseStart(state.history, policy, Date.parse(clock.startedAt));
  const paused = pausedSinceMs !== null;
  // slaClocks counts an open pause up to `asOf`; the row keeps only the part before it began.
  const openPauseMs = paused ? timelineOf(policy).between(pausedSinceMs, asOfMs) : 0;
  return {
    complaintId: state.complaintId,
    target: clock.target,
    handling: clock.handling,
    policyId: clock.policyId,
    targetMs: clock.targetMs,
    state: storedState(clock, ended, paused),
    startedAt: clock.startedAt,
    dueAt: paused ? clock.breachAt : clock.dueAt,
    warningAt: clock.warningAt,
    breachAt: clock.breachAt,
    pausedMs: clock.pausedMs - openPauseMs,
    pausedSince: paused ? new Date(pausedSinceMs).toISOString() : null,
    elapsedMs: ended || paused ? clock.elapsedMs : null,
    metAt: clock.metAt,
    metLate: clock.metLate,
    stoppedAt: clock.stoppedAt,
    endedAt: clock.metAt ?? clock.stoppedAt,
    priority: state.history.priority,
    category: state.history.category,
    team: state.team,
    lastRevision: state.lastRevision,
  };
}

function storedState(clock: SlaTargetClock, ended: boolean, paused: boolean): StoredClockState {
  if (ended) return clock.state === 'breached' ? 'breached' : clock.metAt !== null ? 'met' : 'stopped';
  return paused ? 'paused' : 'running';
}

/** When the wait on the customer that is still open began (not before the clock), if the policy pauses. */
function openPauseStart(history: SlaHistory, policy: SlaPolicy, clockStartMs: number): number | null {
  const last = history.pauses.at(-1);
  if (!pausesWhileAwaitingCustomer(policy) || last === undefined || last.to !== null) return null;
  return Math.max(clockStartMs, Date.parse(last.from));
}
