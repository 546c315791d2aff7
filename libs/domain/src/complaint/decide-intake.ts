/** Intake and triage: receive, acknowledge, categorize, assign, validate, reject. */
import { derivePriority } from '../priority/priority.js';
import { isSubcategoryOf } from '../taxonomy/categories.js';
import type { DecisionContext } from './actor.js';
import type {
  AcknowledgeComplaint,
  AssignComplaint,
  CategorizeComplaint,
  ReceiveComplaint,
  RejectComplaint,
  ValidateComplaint,
} from './commands.js';
import { refuse } from './errors.js';
import type { Classification, ComplaintEvent } from './events.js';
import { compact, requireNotResolved, requireText, requireTimestamp, resumeIfWaiting, stamp } from './guards.js';
import type { ComplaintState } from './state.js';

export function receive({ data }: ReceiveComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (state.exists) refuse('COMPLAINT_ALREADY_EXISTS', 'A complaint with this id already exists');
  for (const field of ['complaintId', 'subject', 'description'] as const) requireText(data[field], field);
  requireText(data.customer?.id, 'customer.id');
  requireText(data.customer?.name, 'customer.name');
  if (data.occurredAt !== undefined && requireTimestamp(data.occurredAt, 'occurredAt') > context.now) {
    refuse('OCCURRED_AT_IN_FUTURE', 'occurredAt cannot be later than the time the complaint is received');
  }
  const { by, at } = stamp(context);
  // Fields are picked one by one: whatever else a caller sent must not end up in the history.
  const { id, name, email, phone } = data.customer;
  const { complaintId, channel, subject, description, productRef, orderRef, occurredAt, remedySought } = data;
  const body = { complaintId, channel, customer: compact({ id, name, email, phone }), subject, description };
  const optional = { productRef, orderRef, occurredAt, remedySought };
  const { intensity, purpose } = data;
  return [
    { type: 'ComplaintReceived', data: compact({ ...body, ...optional, intensity, purpose, by, receivedAt: at }) },
  ];
}

/** A repeated acknowledgement is a no-op: the first one is what the customer and the SLA saw. */
export function acknowledge(
  { data }: AcknowledgeComplaint,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (state.acknowledgedAt !== null) return [];
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintAcknowledged',
      data: compact({ complaintId: state.complaintId, how: data.how, message: data.message, by, acknowledgedAt: at }),
    },
  ];
}

/** Categorizing again is a recategorization (a correction); repeating the same one is a no-op. */
export function categorize(
  { data }: CategorizeComplaint,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const { category, subcategory, severity, impact } = data;
  if (!isSubcategoryOf(category, subcategory)) {
    refuse('SUBCATEGORY_NOT_IN_CATEGORY', `${subcategory} is not a subcategory of ${category}`, {
      category,
      subcategory,
    });
  }
  const next: Classification = { category, subcategory, severity, impact, priority: derivePriority(data) };
  const previous = classificationOf(state);
  if (previous !== undefined && sameClassification(previous, next)) return [];
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintCategorized',
      data: compact({ complaintId: state.complaintId, ...next, previous, by, categorizedAt: at }),
    },
  ];
}

function classificationOf(state: ComplaintState): Classification | undefined {
  const { category, subcategory, severity, impact, priority } = state;
  if (category === null || subcategory === null || severity === null || impact === null || priority === null) {
    return undefined;
  }
  return { category, subcategory, severity, impact, priority };
}

function sameClassification(a: Classification, b: Classification): boolean {
  return (Object.keys(a) as (keyof Classification)[]).every((key) => a[key] === b[key]);
}

/** Exactly one named owner; handing over to another team or owner records where it came from. */
export function assign({ data }: AssignComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  requireText(data.team, 'team');
  requireText(data.ownerId, 'ownerId');
  if (data.team === state.team && data.ownerId === state.ownerId) return [];
  const { by, at } = stamp(context);
  const previous = { previousTeam: state.team ?? undefined, previousOwnerId: state.ownerId ?? undefined };
  return [
    {
      type: 'ComplaintAssigned',
      data: compact({
        complaintId: state.complaintId,
        team: data.team,
        ownerId: data.ownerId,
        ...previous,
        by,
        assignedAt: at,
      }),
    },
  ];
}

/** Validating also overturns an earlier rejection; validating a valid complaint again is a no-op. */
export function validate(
  { data }: ValidateComplaint,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (state.validity === 'valid') return [];
  requireNotResolved(state, 'validate it');
  requireText(data.reason, 'reason');
  const { by, at } = stamp(context);
  return [
    ...resumeIfWaiting(state, context, 'ValidateComplaint'),
    { type: 'ComplaintValidated', data: { complaintId: state.complaintId, reason: data.reason, by, validatedAt: at } },
  ];
}

/** Rejection as unfounded may come at triage or from the investigation, but not after a resolution. */
export function reject({ data }: RejectComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (state.status === 'rejected') return [];
  requireNotResolved(state, 'reject it');
  requireText(data.reason, 'reason');
  const { by, at } = stamp(context);
  return [
    ...resumeIfWaiting(state, context, 'RejectComplaint'),
    { type: 'ComplaintRejected', data: { complaintId: state.complaintId, reason: data.reason, by, rejectedAt: at } },
  ];
}
