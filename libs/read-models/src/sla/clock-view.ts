/**
 * A stored clock row seen at an instant: what the SLA views answer. Only open clocks move with time:
 * a running one warns and breaches when `now` passes its stored instants and its remaining time
 * shrinks on the policy's clock; a paused one accumulates paused time and its due instant moves
 * out. The result equals the domain's `slaClocks` at the same instant (a test compares the two).
 */
import {
  type SlaClockState,
  type SlaPolicy,
  type SlaTargetClock,
  type Timeline,
  timelineOf,
  WALL_TIMELINE,
} from '#domain';
import type { SlaClockRow } from './sla-row.js';

/** The domain's clock of one target (same fields, same meaning), with the row's complaint and routing. */
export interface SlaClockView extends SlaTargetClock {
  complaintId: string;
  priority: string | null;
  category: string | null;
  team: string | null;
}

/**
 * `policies` must be the ones the projection used; a row whose policy is no longer configured (the
 * file changed and `sla_clock` was not rebuilt yet) is measured on the wall clock.
 */
export function clockViewAt(row: SlaClockRow, now: Date, policies: readonly SlaPolicy[]): SlaClockView {
  const policy = policies.find((candidate) => candidate.id === row.policyId);
  const timeline = policy === undefined ? WALL_TIMELINE : timelineOf(policy);
  const measured = measure(row, now.getTime(), timeline);
  return {
    complaintId: row.complaintId,
    target: row.target,
    handling: row.handling,
    policyId: row.policyId,
    state: measured.state,
    targetMs: row.targetMs,
    startedAt: row.startedAt,
    dueAt: measured.dueAt,
    warningAt: row.warningAt,
    breachAt: row.breachAt,
    metAt: row.metAt,
    metLate: row.metLate,
    stoppedAt: row.stoppedAt,
    pausedMs: measured.pausedMs,
    elapsedMs: measured.elapsedMs,
    remainingMs: row.targetMs - measured.elapsedMs,
    priority: row.priority,
    category: row.category,
    team: row.team,
  };
}

interface Measured {
  state: SlaClockState;
  dueAt: string;
  pausedMs: number;
  elapsedMs: number;
}

function measure(row: SlaClockRow, nowMs: number, timeline: Timeline): Measured {
  const happened = (instant: string | null) => instant !== null && Date.parse(instant) <= nowMs;
  if (row.state === 'running') {
    const elapsedMs = timeline.between(Date.parse(row.startedAt), nowMs) - row.pausedMs;
    const state = happened(row.breachAt) ? 'breached' : happened(row.warningAt) ? 'warning' : 'running';
    return { state, dueAt: row.dueAt!, pausedMs: row.pausedMs, elapsedMs };
  }
  if (row.state === 'paused') {
    const sinceMs = Date.parse(row.pausedSince!);
    const untilMs = Math.max(nowMs, sinceMs);
    const elapsedMs = row.elapsedMs!;
    // As if the customer answered now: the rest of the target from now on (unless already breached).
    const dueAt = row.dueAt ?? new Date(timeline.add(untilMs, row.targetMs - elapsedMs)).toISOString();
    const pausedMs = row.pausedMs + timeline.between(sinceMs, untilMs);
    return { state: row.breachAt === null ? 'paused' : 'breached', dueAt, pausedMs, elapsedMs };
  }
  return { state: row.state, dueAt: row.dueAt!, pausedMs: row.pausedMs, elapsedMs: row.elapsedMs! };
}
