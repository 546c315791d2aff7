/**
 * The data of every complaint event at its current schema version, defined once as JSON Schema with
 * the builder in event-schemas-builder.ts. `CURRENT_SCHEMAS_MATCH_EVENT_TYPES` below makes the
 * compiler compare each schema with the event's TypeScript type (events.ts), so the contracts
 * published at GET /events/schemas cannot drift from the code. Older versions are frozen in
 * event-schemas-history.ts.
 */
import { IMPACTS, PRIORITIES, SEVERITIES } from '../priority/priority.js';
import { SLA_TARGETS } from '../priority/sla-targets.js';
import { CATEGORIES } from '../taxonomy/categories.js';
import { CHANNELS, INTENSITIES, PURPOSES } from '../taxonomy/intake.js';
import { FISHBONE_CLASSES } from '../taxonomy/root-cause.js';
import {
  array,
  boolean,
  described,
  type Exact,
  type Infer,
  instant,
  integer,
  object,
  oneOf,
  type Schema,
  string,
} from './event-schemas-builder.js';
import type { ComplaintEventType, EventOfType } from './events.js';
import {
  CLOSURE_CODES,
  COMPENSATION_KINDS,
  CONTACT_DIRECTIONS,
  CUSTOMER_MOODS,
  ESCALATION_TIERS,
  MAX_SATISFACTION,
  MIN_SATISFACTION,
  RECORDED_ESCALATION_REASONS,
} from './vocabulary.js';

const complaintId = string({ format: 'uuid' });
const actorId = described(string({ minLength: 1 }), 'Id of the actor who took the step');
const text = () => string();
/** Amounts are integers in the currency's minor unit (cents). */
const amount = () => described(integer({ minimum: 0 }), 'Integer amount in the minor unit of the currency');
const currency = () => described(string({ minLength: 3, maxLength: 3 }), 'ISO 4217 currency code');
const satisfaction = () => integer({ minimum: MIN_SATISFACTION, maximum: MAX_SATISFACTION });

/** Sealed with the customer's key in the store; readers get the text, or a marker once the key is gone. */
const personal = () =>
  described(
    text(),
    'Personal data: "[erased]" once the customer is forgotten, "[unreadable]" if its key is not in this database',
  );

export const customerRefSchema = object(
  { id: described(text(), 'Customer reference (not personal data)'), name: personal() },
  { email: personal(), phone: personal() },
);

const classification = {
  category: oneOf(CATEGORIES),
  subcategory: described(text(), 'A subcategory of the category in the taxonomy'),
  severity: oneOf(SEVERITIES),
  impact: oneOf(IMPACTS),
  priority: oneOf(PRIORITIES),
};

const customerResponse = object(
  { complaintId, satisfaction: satisfaction(), by: actorId, respondedAt: instant() },
  { comment: text() },
);

export const CURRENT_EVENT_DATA_SCHEMAS = {
  ComplaintReceived: object(
    {
      complaintId,
      channel: oneOf(CHANNELS),
      customer: customerRefSchema,
      subject: text(),
      description: text(),
      intensity: oneOf(INTENSITIES),
      purpose: oneOf(PURPOSES),
      by: actorId,
      receivedAt: instant(),
    },
    { productRef: text(), orderRef: text(), occurredAt: instant(), remedySought: text() },
  ),
  ComplaintAcknowledged: object(
    { complaintId, how: oneOf(CHANNELS), by: actorId, acknowledgedAt: instant() },
    { message: text() },
  ),
  ComplaintCategorized: object(
    { complaintId, ...classification, by: actorId, categorizedAt: instant() },
    { previous: described(object(classification), 'The classification this recategorization replaces') },
  ),
  ComplaintAssigned: object(
    { complaintId, team: text(), ownerId: text(), by: actorId, assignedAt: instant() },
    { previousTeam: text(), previousOwnerId: text() },
  ),
  ComplaintValidated: object({ complaintId, reason: text(), by: actorId, validatedAt: instant() }),
  ComplaintRejected: object({ complaintId, reason: text(), by: actorId, rejectedAt: instant() }),
  CustomerContacted: object(
    {
      complaintId,
      direction: oneOf(CONTACT_DIRECTIONS),
      channel: oneOf(CHANNELS),
      summary: text(),
      by: actorId,
      contactedAt: instant(),
    },
    { mood: oneOf(CUSTOMER_MOODS) },
  ),
  ComplaintAwaitingCustomer: object({ complaintId, reason: text(), by: actorId, pausedAt: instant() }),
  ComplaintResumed: object(
    {
      complaintId,
      automatic: described(boolean(), 'True when another step (resolve, reject, close, validate) ended the wait'),
      by: actorId,
      resumedAt: instant(),
    },
    { reason: text() },
  ),
  RootCauseIdentified: object({
    complaintId,
    fishboneClass: oneOf(FISHBONE_CLASSES),
    whys: array(text()),
    correctiveAction: text(),
    preventiveAction: text(),
    by: actorId,
    identifiedAt: instant(),
  }),
  ComplaintEscalated: object(
    {
      complaintId,
      tier: oneOf(ESCALATION_TIERS),
      previousTier: described(oneOf([0, ...ESCALATION_TIERS]), '0 when the complaint was not escalated before'),
      reason: described(
        oneOf(RECORDED_ESCALATION_REASONS),
        'Why; sla-breach:<target> is the automatic escalation of that target breached (v2)',
      ),
      by: actorId,
      escalatedAt: instant(),
    },
    { note: text() },
  ),
  CompensationOffered: object({
    complaintId,
    compensationId: text(),
    kind: oneOf(COMPENSATION_KINDS),
    amount: amount(),
    currency: currency(),
    approvalLimit: described(amount(), 'The approval limit that applied to this offer'),
    requiresApproval: boolean(),
    by: actorId,
    offeredAt: instant(),
  }),
  CompensationApproved: object({
    complaintId,
    compensationId: text(),
    approvedAmount: amount(),
    currency: currency(),
    approver: actorId,
    approvedAt: instant(),
  }),
  CompensationDeclined: object({
    complaintId,
    compensationId: text(),
    reason: text(),
    by: actorId,
    declinedAt: instant(),
  }),
  CompensationPaid: object(
    {
      complaintId,
      compensationId: text(),
      amount: amount(),
      currency: currency(),
      totalPaid: described(amount(), 'Paid for this compensation so far, this payment included'),
      by: actorId,
      paidAt: instant(),
    },
    { paymentRef: text() },
  ),
  ComplaintResolved: object({
    complaintId,
    summary: text(),
    planSteps: array(text()),
    by: actorId,
    resolvedAt: instant(),
  }),
  CustomerConfirmedResolution: customerResponse,
  CustomerDisputedResolution: customerResponse,
  ComplaintReopened: object({
    complaintId,
    reason: text(),
    reopenedFrom: oneOf(['disputed', 'closed']),
    handling: described(integer({ minimum: 2 }), 'Which handling this is: 2 is the first reopening'),
    by: actorId,
    reopenedAt: instant(),
  }),
  ComplaintClosed: object(
    { complaintId, closureCode: oneOf(CLOSURE_CODES), by: actorId, closedAt: instant() },
    {
      lessons: object({ situation: text(), task: text(), action: text(), result: text(), lesson: text() }),
    },
  ),
  SlaWarningRaised: object({ complaintId, target: oneOf(SLA_TARGETS), dueAt: instant(), raisedAt: instant() }),
  SlaBreached: object({ complaintId, target: oneOf(SLA_TARGETS), dueAt: instant(), breachedAt: instant() }),
} satisfies { [T in ComplaintEventType]: Schema<unknown> };

/** The types whose schema and TypeScript type disagree; must be none. */
type Drifted = {
  [T in ComplaintEventType]: Exact<Infer<(typeof CURRENT_EVENT_DATA_SCHEMAS)[T]>, EventOfType<T>['data']> extends true
    ? never
    : T;
}[ComplaintEventType];

/**
 * Fails to compile, naming the event type, when a schema above and the event type in events.ts
 * disagree (or EVENT_SCHEMA_VERSION moved without the schema following).
 */
export const CURRENT_SCHEMAS_MATCH_EVENT_TYPES: [Drifted] extends [never] ? true : Drifted = true;
