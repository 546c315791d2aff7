/**
 * The SLA clocks of one complaint at an instant: for acknowledge, first response and resolve, when
 * the clock started, when it is due, how long it was paused, how much is left, its state, and the
 * instants of the warning and the breach — what the SLA views show and the SLA monitor indexes.
 *
 * Rules (besides the ones in history.ts on what counts as met):
 * - All three clocks start at receipt; the resolve clock of a reopened complaint starts again, in
 *   full, at the reopening (see `earlierResolves` for the previous handlings' resolve clocks).
 * - Paused time (waiting on the customer, if the policy pauses) is measured on the policy's clock and
 *   pushes the due instant out by exactly that much: a pause outside business hours adds nothing.
 * - The breach happens the moment the elapsed time reaches the target (100 %), the warning at the
 *   warning fraction (80 %). A target met at or after its due instant is met late: state 'breached'
 *   with `metLate`. A target a closure stopped unmet is 'stopped' if on time, else 'breached'.
 * - While a clock is paused, `dueAt` is projected as if it resumed at `now`, and `warningAt` /
 *   `breachAt` are null unless they happened before the pause began: nothing fires during a pause.
 * - For a clock that is not paused, `dueAt`, `warningAt` and `breachAt` depend on the history only,
 *   not on `now`: a projection may compute them when an event arrives and keep them until the next.
 * - `now` must not be before the history's last event; clocks are re-measured from their original
 *   start against the current policy, so a recategorization moves their due instants.
 */
import { SLA_TARGETS, type SlaTarget } from '../priority/sla-targets.js';
import type { Timeline } from './business-time.js';
import type { SlaHandling, SlaHistory, SlaPause } from './history.js';
import { pausesWhileAwaitingCustomer, type SlaPolicy, targetMs, timelineOf, warningFractionOf } from './policy.js';

export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'warning', 'breached', 'stopped'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

export interface SlaTargetClock {
  target: SlaTarget;
  /** The handling the clock belongs to (1 for acknowledge and first response). */
  handling: number;
  policyId: string;
  targetMs: number;
  startedAt: string;
  dueAt: string;
  /** null when it has not happened and will not (met or stopped before it), or while paused. */
  warningAt: string | null;
  breachAt: string | null;
  /** When the target was met, if it was. */
  metAt: string | null;
  metLate: boolean;
  /** When a closure stopped the clock unmet. */
  stoppedAt: string | null;
  pausedMs: number;
  elapsedMs: number;
  /** Negative once overdue. */
  remainingMs: number;
  state: SlaClockState;
}

export interface SlaClocks {
  acknowledge: SlaTargetClock;
  first_response: SlaTargetClock;
  /** The current handling's resolve clock. */
  resolve: SlaTargetClock;
  /** Resolve clocks of handlings before the last reopening, oldest first. */
  earlierResolves: SlaTargetClock[];
}

interface ClockInput {
  target: SlaTarget;
  handling: number;
  startMs: number;
  metMs: number | null;
  stoppedMs: number | null;
}

interface Measure {
  policy: SlaPolicy;
  timeline: Timeline;
  pauses: readonly SlaPause[];
  nowMs: number;
}

export function slaClocks(history: SlaHistory, policy: SlaPolicy, now: Date): SlaClocks {
  const measure: Measure = {
    policy,
    timeline: timelineOf(policy),
    pauses: pausesWhileAwaitingCustomer(policy) ? history.pauses : [],
    nowMs: now.getTime(),
  };
  const first = history.handlings[0]!;
  const firstResponseMs = ms(history.firstResponseAt);
  const acknowledgedMs = earliest(ms(history.acknowledgedAt), firstResponseMs);
  const receivedMs = Date.parse(history.receivedAt);
  const resolves = history.handlings.map((handling) => targetClock(resolveInput(handling), measure));
  return {
    acknowledge: targetClock(frontClock('acknowledge', receivedMs, acknowledgedMs, first), measure),
    first_response: targetClock(frontClock('first_response', receivedMs, firstResponseMs, first), measure),
    resolve: resolves.at(-1)!,
    earlierResolves: resolves.slice(0, -1),
  };
}

/** Acknowledge and first response: one clock from receipt, stopped by the first closure. */
function frontClock(target: SlaTarget, startMs: number, metMs: number | null, first: SlaHandling): ClockInput {
  const closedMs = ms(first.closedAt);
  const met = metMs !== null && (closedMs === null || metMs <= closedMs) ? metMs : null;
  return { target, handling: 1, startMs, metMs: met, stoppedMs: met === null ? closedMs : null };
}

function resolveInput(handling: SlaHandling): ClockInput {
  const metMs = ms(handling.resolvedAt ?? handling.rejectedAt);
  const stoppedMs = metMs === null ? ms(handling.closedAt) : null;
  return { target: 'resolve', handling: handling.handling, startMs: Date.parse(handling.startedAt), metMs, stoppedMs };
}

function targetClock(input: ClockInput, { policy, timeline, pauses, nowMs }: Measure): SlaTargetClock {
  const endMs = input.metMs ?? input.stoppedMs;
  const stopMs = Math.max(input.startMs, endMs ?? nowMs);
  const within = pausesWithin(pauses, input.startMs, stopMs);
  const openPause =
    endMs === null ? pauses.find((pause) => pause.to === null && Date.parse(pause.from) <= nowMs) : undefined;
  const paused = openPause !== undefined;
  const allowedMs = targetMs(policy, input.target);
  const warningMs = Math.round(allowedMs * warningFractionOf(policy));
  const reach = (amount: number) => instantWhenActiveReaches(amount, input.startMs, within, timeline);
  const dueMs = reach(allowedMs);
  const warnAtMs = reach(warningMs);
  const pausedMs = within.reduce((sum, [from, to]) => sum + timeline.between(from, to), 0);
  const elapsedMs = timeline.between(input.startMs, stopMs) - pausedMs;
  // Past this instant the reached instants are projections (paused) or never came (ended).
  // (The open pause may begin exactly now: then it is not among `within`, which holds spans of time.)
  const horizonMs =
    endMs ?? (openPause ? Math.max(input.startMs, Date.parse(openPause.from)) : Number.POSITIVE_INFINITY);
  const happened = (atMs: number) => atMs <= horizonMs;
  return {
    target: input.target,
    handling: input.handling,
    policyId: policy.id,
    targetMs: allowedMs,
    startedAt: iso(input.startMs),
    dueAt: iso(dueMs),
    warningAt: happened(warnAtMs) ? iso(warnAtMs) : null,
    breachAt: happened(dueMs) ? iso(dueMs) : null,
    metAt: input.metMs === null ? null : iso(input.metMs),
    metLate: input.metMs !== null && input.metMs >= dueMs,
    stoppedAt: input.stoppedMs === null ? null : iso(input.stoppedMs),
    pausedMs,
    elapsedMs,
    remainingMs: allowedMs - elapsedMs,
    state: stateOf({ ended: endMs !== null, met: input.metMs !== null, paused, elapsedMs, allowedMs, warningMs }),
  };
}

function stateOf(clock: {
  ended: boolean;
  met: boolean;
  paused: boolean;
  elapsedMs: number;
  allowedMs: number;
  warningMs: number;
}): SlaClockState {
  if (clock.elapsedMs >= clock.allowedMs) return 'breached';
  if (clock.ended) return clock.met ? 'met' : 'stopped';
  if (clock.paused) return 'paused';
  return clock.elapsedMs >= clock.warningMs ? 'warning' : 'running';
}

/** Pauses cut to [startMs, stopMs], in order, merged, as [from, to] epoch ms. */
function pausesWithin(pauses: readonly SlaPause[], startMs: number, stopMs: number): [number, number][] {
  const cut = pauses
    .map((pause): [number, number] => [
      Math.max(startMs, Date.parse(pause.from)),
      Math.min(stopMs, ms(pause.to) ?? stopMs),
    ])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of cut) {
    const last = merged.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The instant the clock's active (unpaused) time since start reaches `amount`, assuming no pause after the known ones. */
function instantWhenActiveReaches(
  amount: number,
  startMs: number,
  pauses: readonly [number, number][],
  timeline: Timeline,
): number {
  let consumed = 0;
  let cursor = startMs;
  for (const [from, to] of pauses) {
    const active = timeline.between(cursor, from);
    if (consumed + active >= amount) return timeline.add(cursor, amount - consumed);
    consumed += active;
    cursor = to;
  }
  return timeline.add(cursor, amount - consumed);
}

/** The warnings and breaches still to come or overdue on running clocks: what an SLA monitor acts on. */
export interface SlaDeadline {
  target: SlaTarget;
  handling: number;
  kind: 'warning' | 'breach';
  at: string;
  dueAt: string;
}

export function slaDeadlines(clocks: SlaClocks): SlaDeadline[] {
  return SLA_TARGETS.map((target) => clocks[target])
    .filter((clock) => clock.metAt === null && clock.stoppedAt === null)
    .flatMap((clock) => {
      const base = { target: clock.target, handling: clock.handling, dueAt: clock.dueAt };
      const deadlines: SlaDeadline[] = [];
      if (clock.warningAt !== null) deadlines.push({ ...base, kind: 'warning', at: clock.warningAt });
      if (clock.breachAt !== null) deadlines.push({ ...base, kind: 'breach', at: clock.breachAt });
      return deadlines;
    });
}

function ms(instant: string | null): number | null {
  return instant === null ? null : Date.parse(instant);
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
