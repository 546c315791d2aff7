import {
  DEFAULT_SLA_POLICIES,
  latestInstantOf,
  PRIORITIES,
  resolvePolicy,
  type SlaHistory,
  type SlaPolicy,
  slaClocks,
  type SlaTargetClock,
  UNPRIORITIZED_SLA_PRIORITY,
} from '#domain';
import type { QueuePlacement, QueueState } from './queue-row.js';

/**
 * Statuses an agent still has work on. Resolved and rejected complaints have their verdict (what is
 * left is the customer's answer or a closure), closed ones are done: they leave the queues. A
 * disputed resolution needs a reopening or a closure, so it stays.
 */
export const QUEUED_STATUSES: readonly string[] = [
  'received',
  'acknowledged',
  'investigating',
  'waiting_on_customer',
  'disputed',
];

/** Sorts after every real instant: a paused complaint, or one with no clock running. */
export const NO_DUE = 'infinity';

/**
 * Where a complaint stands in its team's and its owner's queues. Order: priority, then the nearest
 * due instant among the SLA clocks still running (acknowledge, first response, resolve), on the
 * configured SLA policies (SLA_POLICIES_FILE, else the defaults). A complaint waiting on the
 * customer has its clocks paused: no due instant (it would depend on when the customer answers),
 * so it sorts after every running complaint of its priority — nothing can be done on it now — and
 * among the paused ones by the time left.
 */
export function placementOf(state: QueueState, policies: readonly SlaPolicy[] = DEFAULT_SLA_POLICIES): QueuePlacement {
  const history = state.slaHistory;
  const priorityRank = PRIORITIES.indexOf(history.priority ?? UNPRIORITIZED_SLA_PRIORITY) + 1;
  const queued = QUEUED_STATUSES.includes(state.status) && state.team !== null;
  const running = openClocks(history, policies);
  const paused = running.filter((clock) => clock.state === 'paused');
  if (paused.length > 0) {
    const nearest = paused.reduce((a, b) => (b.remainingMs < a.remainingMs ? b : a));
    const remaining = Math.max(0, nearest.remainingMs);
    return { queued, priorityRank, ...noDue(nearest.target), slaPaused: true, pausedRemainingMs: remaining };
  }
  if (running.length === 0) return { queued, priorityRank, ...noDue(null), slaPaused: false, pausedRemainingMs: 0 };
  const nearest = running.reduce((a, b) => (Date.parse(b.dueAt) < Date.parse(a.dueAt) ? b : a));
  return {
    queued,
    priorityRank,
    slaTarget: nearest.target,
    slaDueAt: nearest.dueAt,
    slaPaused: false,
    pausedRemainingMs: 0,
    dueKey: nearest.dueAt,
  };
}

const noDue = (target: string | null) => ({ slaTarget: target, slaDueAt: null, dueKey: NO_DUE });

/** The clocks neither met nor stopped. */
function openClocks(history: SlaHistory, policies: readonly SlaPolicy[]): SlaTargetClock[] {
  const policy = resolvePolicy(policies, { priority: history.priority, category: history.category });
  // A running clock's due instant does not depend on `now`, nor a paused one's time left: measuring at
  // the history's own latest instant keeps the fold pure (a rebuild computes the same rows).
  const clocks = slaClocks(history, policy, new Date(latestInstantOf(history)));
  return [clocks.acknowledge, clocks.first_response, clocks.resolve].filter(
    (clock) => clock.metAt === null && clock.stoppedAt === null,
  );
}
