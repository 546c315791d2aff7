/**
 * The part of a complaint's history the SLA clocks need, as plain JSON-safe data. A projection folds
 * events into it with `evolveSlaHistory` (one row per complaint) and hands it to `slaClocks`.
 *
 * What counts (the decisions DOMAIN.md leaves open):
 * - First response = the first time we answered the customer: the first outbound CustomerContacted,
 *   or a verdict (resolution or rejection) if that came first. An acknowledgement is a receipt, not
 *   an answer, so it does not count.
 * - Acknowledgement is met by the first ComplaintAcknowledged or, if earlier, by the first response
 *   (a call back or a verdict tells the customer we have the complaint).
 * - Each handling (the first, then one per reopening, "second handling" 二次处理) has its own resolve
 *   clock, started at receipt or at the reopening. It is met by the handling's resolution, or by a
 *   rejection as unfounded while that rejection stands (a validation that overturns it clears it, and
 *   the clock runs on as if it had never stopped).
 * - A closure stops the clocks that are still running (withdrawn, duplicate…).
 * - Pauses are the waits on the customer: ComplaintAwaitingCustomer to ComplaintResumed (a reopening
 *   or closure also ends an open one).
 */
import type { ComplaintEvent } from '../complaint/events.js';
import type { Priority } from '../priority/priority.js';
import type { Category } from '../taxonomy/categories.js';

/** ISO-8601 instants, as in the events. */
export interface SlaPause {
  from: string;
  /** null while the complaint still waits on the customer. */
  to: string | null;
}

export interface SlaHandling {
  /** 1 for the first handling, 2 after the first reopening, … */
  handling: number;
  startedAt: string;
  resolvedAt: string | null;
  /** A rejection as unfounded that still stands. */
  rejectedAt: string | null;
  closedAt: string | null;
}

export interface SlaHistory {
  receivedAt: string;
  priority: Priority | null;
  category: Category | null;
  acknowledgedAt: string | null;
  firstResponseAt: string | null;
  pauses: readonly SlaPause[];
  /** Never empty: the first handling starts at receipt. */
  handlings: readonly SlaHandling[];
}

type Evolve<T extends ComplaintEvent['type']> = (
  history: SlaHistory,
  event: Extract<ComplaintEvent, { type: T }>,
) => SlaHistory;

const EVOLVERS: { [T in ComplaintEvent['type']]?: Evolve<T> } = {
  ComplaintAcknowledged: (history, { data }) => ({
    ...history,
    acknowledgedAt: history.acknowledgedAt ?? data.acknowledgedAt,
  }),
  ComplaintCategorized: (history, { data }) => ({ ...history, priority: data.priority, category: data.category }),
  CustomerContacted: (history, { data }) =>
    data.direction === 'outbound' ? answered(history, data.contactedAt) : history,
  ComplaintRejected: (history, { data }) =>
    withCurrentHandling(answered(history, data.rejectedAt), { rejectedAt: data.rejectedAt }),
  ComplaintValidated: (history) => withCurrentHandling(history, { rejectedAt: null }),
  ComplaintResolved: (history, { data }) =>
    withCurrentHandling(answered(history, data.resolvedAt), { resolvedAt: data.resolvedAt }),
  ComplaintAwaitingCustomer: (history, { data }) =>
    openPause(history) ? history : { ...history, pauses: [...history.pauses, { from: data.pausedAt, to: null }] },
  ComplaintResumed: (history, { data }) => endPause(history, data.resumedAt),
  ComplaintReopened: (history, { data }) => {
    const ended = endPause(history, data.reopenedAt);
    const next = {
      handling: data.handling,
      startedAt: data.reopenedAt,
      resolvedAt: null,
      rejectedAt: null,
      closedAt: null,
    };
    return { ...ended, handlings: [...ended.handlings, next] };
  },
  ComplaintClosed: (history, { data }) => {
    const current = history.handlings.at(-1);
    if (current?.closedAt !== null) return history;
    return withCurrentHandling(endPause(history, data.closedAt), { closedAt: data.closedAt });
  },
};

/** Folds one event; `null` before the complaint was received (and events before that are ignored). */
export function evolveSlaHistory(history: SlaHistory | null, event: ComplaintEvent): SlaHistory | null {
  if (event.type === 'ComplaintReceived') return receivedHistory(event.data.receivedAt);
  if (history === null || !Object.hasOwn(EVOLVERS, event.type)) return history;
  const evolve = EVOLVERS[event.type] as Evolve<typeof event.type>;
  return evolve(history, event);
}

export function slaHistoryFromEvents(events: readonly ComplaintEvent[]): SlaHistory | null {
  return events.reduce<SlaHistory | null>(evolveSlaHistory, null);
}

function receivedHistory(receivedAt: string): SlaHistory {
  return {
    receivedAt,
    priority: null,
    category: null,
    acknowledgedAt: null,
    firstResponseAt: null,
    pauses: [],
    handlings: [{ handling: 1, startedAt: receivedAt, resolvedAt: null, rejectedAt: null, closedAt: null }],
  };
}

function answered(history: SlaHistory, at: string): SlaHistory {
  return history.firstResponseAt === null ? { ...history, firstResponseAt: at } : history;
}

function withCurrentHandling(history: SlaHistory, change: Partial<SlaHandling>): SlaHistory {
  const handlings = history.handlings.map((handling, index) =>
    index === history.handlings.length - 1 ? { ...handling, ...change } : handling,
  );
  return { ...history, handlings };
}

function openPause(history: SlaHistory): boolean {
  return history.pauses.at(-1)?.to === null;
}

function endPause(history: SlaHistory, at: string): SlaHistory {
  if (!openPause(history)) return history;
  return { ...history, pauses: history.pauses.map((pause) => (pause.to === null ? { ...pause, to: at } : pause)) };
}

/**
 * The latest instant the history knows (epoch ms). Clocks measured just after it depend on the
 * events alone, never on the time they are measured at: what a read model stores and what a
 * decision checks against the stream then agree.
 */
export function latestInstantOf(history: SlaHistory): number {
  const instants = [
    history.receivedAt,
    history.acknowledgedAt,
    history.firstResponseAt,
    ...history.pauses.flatMap((pause) => [pause.from, pause.to]),
    ...history.handlings.flatMap((handling) => [
      handling.startedAt,
      handling.resolvedAt,
      handling.rejectedAt,
      handling.closedAt,
    ]),
  ];
  return Math.max(...instants.filter((instant): instant is string => instant !== null).map(Date.parse));
}
