/** The outcome: resolution, the customer's answer to it, reopening, closure. */
import type { DecisionContext } from './actor.js';
import type { CloseComplaint, RecordCustomerResponse, ReopenComplaint, ResolveComplaint } from './commands.js';
import { refuse } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { compact, requireNotRejected, requireNotResolved, requireText, resumeIfWaiting, stamp } from './guards.js';
import { withinReopenWindow } from './policy.js';
import type { ComplaintState } from './state.js';
import { MAX_SATISFACTION, MIN_SATISFACTION } from './vocabulary.js';

/**
 * A resolution needs to know what the complaint is about and who answers for it. Validation is not
 * required: first-contact resolution (resolved while still received/acknowledged) is a goal, not a fault.
 */
export function resolve({ data }: ResolveComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  requireNotResolved(state, 'resolve it again');
  requireNotRejected(state, 'resolve it');
  if (state.category === null)
    refuse('COMPLAINT_NOT_CATEGORIZED', 'A complaint must be categorized before it is resolved');
  if (state.ownerId === null) refuse('COMPLAINT_NOT_ASSIGNED', 'A complaint must be assigned before it is resolved');
  requireText(data.summary, 'summary');
  const planSteps = Array.isArray(data.planSteps) ? [...data.planSteps] : [];
  const { by, at } = stamp(context);
  return [
    ...resumeIfWaiting(state, context, 'ResolveComplaint'),
    {
      type: 'ComplaintResolved',
      data: { complaintId: state.complaintId, summary: data.summary, planSteps, by, resolvedAt: at },
    },
  ];
}

/**
 * The customer answers a resolution once. Recording the same answer again is a retry (no-op); a
 * different answer is a conflict — a customer who changes their mind after confirming is a new
 * contact, and after disputing the way forward is a reopening.
 */
export function recordCustomerResponse(
  { data }: RecordCustomerResponse,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (state.status !== 'resolved' && state.status !== 'disputed') {
    refuse('COMPLAINT_NOT_RESOLVED', 'The customer can answer only a resolved complaint', { status: state.status });
  }
  const { outcome, satisfaction, comment } = data;
  if (!Number.isInteger(satisfaction) || satisfaction < MIN_SATISFACTION || satisfaction > MAX_SATISFACTION) {
    refuse('INVALID_SATISFACTION', `satisfaction must be an integer from ${MIN_SATISFACTION} to ${MAX_SATISFACTION}`);
  }
  if (state.customerOutcome !== null) {
    if (state.customerOutcome === outcome && state.satisfaction === satisfaction) return [];
    refuse('CUSTOMER_ALREADY_RESPONDED', `The customer already ${state.customerOutcome} the resolution`, {
      outcome: state.customerOutcome,
    });
  }
  const type = outcome === 'confirmed' ? 'CustomerConfirmedResolution' : 'CustomerDisputedResolution';
  const { by, at } = stamp(context);
  return [{ type, data: compact({ complaintId: state.complaintId, satisfaction, comment, by, respondedAt: at }) }];
}

/**
 * A reopening is the "second handling" 二次处理: after the customer disputes the resolution, or
 * after closure within the policy's reopen window. Any other status still has a way forward.
 */
export function reopen({ data }: ReopenComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (state.status !== 'disputed' && state.status !== 'closed') {
    refuse('COMPLAINT_NOT_REOPENABLE', 'Only a disputed or a closed complaint can be reopened', {
      status: state.status,
    });
  }
  if (state.status === 'closed' && !withinReopenWindow(context.policy, state.closedAt ?? '', context.now)) {
    refuse(
      'REOPEN_WINDOW_EXPIRED',
      `A closed complaint can be reopened within ${context.policy.reopenWindowDays} days`,
      {
        closedAt: state.closedAt,
        reopenWindowDays: context.policy.reopenWindowDays,
      },
    );
  }
  requireText(data.reason, 'reason');
  const { by, at } = stamp(context);
  const reopenedFrom = state.status;
  const handling = state.reopenCount + 2;
  return [
    {
      type: 'ComplaintReopened',
      data: { complaintId: state.complaintId, reason: data.reason, reopenedFrom, handling, by, reopenedAt: at },
    },
  ];
}

/**
 * Closing a resolved complaint defaults to the code `resolved`. Any other complaint — including a
 * disputed one, whose resolution the customer does not accept — needs an explicit other code.
 */
export function close({ data }: CloseComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  const closureCode = data.closureCode ?? (state.status === 'resolved' ? 'resolved' : undefined);
  if (closureCode === undefined || (closureCode === 'resolved' && state.status !== 'resolved')) {
    refuse(
      'CLOSURE_CODE_REQUIRED',
      'Closing an unresolved complaint needs a closure code such as withdrawn or duplicate',
      {
        status: state.status,
      },
    );
  }
  const { by, at } = stamp(context);
  const lessons = data.lessons === undefined ? undefined : { ...data.lessons };
  return [
    ...resumeIfWaiting(state, context, 'CloseComplaint'),
    {
      type: 'ComplaintClosed',
      data: compact({ complaintId: state.complaintId, closureCode, lessons, by, closedAt: at }),
    },
  ];
}
