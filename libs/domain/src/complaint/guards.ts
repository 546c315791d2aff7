/** Checks shared by the decide functions. Each either returns quietly or throws a DomainError. */
import type { DecisionContext } from './actor.js';
import { refuse } from './errors.js';
import type { ComplaintResumed } from './events.js';
import type { ComplaintState } from './state.js';

export function requireExists(state: ComplaintState): void {
  if (!state.exists) refuse('COMPLAINT_NOT_FOUND', 'There is no such complaint');
}

/** A complaint judged unfounded takes no further handling until the judgement is overturned. */
export function requireNotRejected(state: ComplaintState, step: string): void {
  if (state.status === 'rejected') {
    refuse('COMPLAINT_REJECTED', `The complaint was rejected as unfounded; validate it first to ${step}`);
  }
}

/** Once resolved, handling continues only through the customer's answer, a reopening or closure. */
export function requireNotResolved(state: ComplaintState, step: string): void {
  if (state.status === 'resolved' || state.status === 'disputed') {
    refuse('COMPLAINT_ALREADY_RESOLVED', `The complaint is ${state.status}; reopen it to ${step}`, {
      status: state.status,
    });
  }
}

/** A required text must say something: a reason of blanks is no reason. */
export function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '')
    refuse('MISSING_FIELD', `${field} must not be empty`, { field });
}

export function requireTimestamp(value: unknown, field: string): Date {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) refuse('INVALID_TIMESTAMP', `${field} must be an ISO-8601 timestamp`, { field });
  return new Date(time);
}

/** Who and when, as every event records them. */
export function stamp(context: DecisionContext): { by: string; at: string } {
  return { by: context.actor.id, at: context.now.toISOString() };
}

/**
 * A step that ends a wait for the customer (resolve, reject, close, validate) first records the
 * resumption, so SLA projections see the pause end without knowing which steps end it.
 */
export function resumeIfWaiting(state: ComplaintState, context: DecisionContext, step: string): ComplaintResumed[] {
  if (state.status !== 'waiting_on_customer') return [];
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintResumed',
      data: { complaintId: state.complaintId, reason: `ended by ${step}`, automatic: true, by, resumedAt: at },
    },
  ];
}

/** Drops keys whose value is undefined: an event body must survive a JSON round trip unchanged. */
export function compact<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[name];
    if (member !== undefined) kept[name] = member;
  }
  return kept as T;
}
