/**
 * The facts in a complaint's stream, past tense and immutable. Every event carries the complaint id
 * (so a subscriber needs no stream-name parsing), who acted (`by`, an actor id; the SLA facts come
 * from the monitor and carry none) and when (`…At`, ISO-8601 UTC strings stamped from the decision
 * time). Optional fields are omitted, never `undefined`, so an event survives a JSON round trip
 * unchanged — the hash chain is computed before storage.
 *
 * A stored type string is never renamed; a change of shape bumps EVENT_SCHEMA_VERSION and comes with
 * an upcaster.
 */
import type { Impact, Priority, Severity } from '../priority/priority.js';
import type { SlaTarget } from '../priority/sla-targets.js';
import type { Category } from '../taxonomy/categories.js';
import type { Channel, Intensity, Purpose } from '../taxonomy/intake.js';
import type { FishboneClass } from '../taxonomy/root-cause.js';
import type { CustomerRef, LessonsLearned } from './commands.js';
import type {
  ClosureCode,
  CompensationKind,
  ContactDirection,
  CustomerMood,
  EscalationTier,
  RecordedEscalationReason,
} from './vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: { complaintId: string } & Data };

export type ComplaintReceived = Event<
  'ComplaintReceived',
  {
    channel: Channel;
    /** Personal data: see PERSONAL_DATA_FIELDS. */
    customer: CustomerRef;
    subject: string;
    description: string;
    productRef?: string;
    orderRef?: string;
    occurredAt?: string;
    remedySought?: string;
    intensity: Intensity;
    purpose: Purpose;
    by: string;
    receivedAt: string;
  }
>;
export type ComplaintAcknowledged = Event<
  'ComplaintAcknowledged',
  { how: Channel; message?: string; by: string; acknowledgedAt: string }
>;
export interface Classification {
  category: Category;
  subcategory: string;
  severity: Severity;
  impact: Impact;
  priority: Priority;
}
/** A second categorization is a recategorization: `previous` holds what it replaces. */
export type ComplaintCategorized = Event<
  'ComplaintCategorized',
  Classification & { previous?: Classification; by: string; categorizedAt: string }
>;
export type ComplaintAssigned = Event<
  'ComplaintAssigned',
  { team: string; ownerId: string; previousTeam?: string; previousOwnerId?: string; by: string; assignedAt: string }
>;
export type ComplaintValidated = Event<'ComplaintValidated', { reason: string; by: string; validatedAt: string }>;
export type ComplaintRejected = Event<'ComplaintRejected', { reason: string; by: string; rejectedAt: string }>;
export type CustomerContacted = Event<
  'CustomerContacted',
  {
    direction: ContactDirection;
    channel: Channel;
    summary: string;
    mood?: CustomerMood;
    by: string;
    contactedAt: string;
  }
>;
export type ComplaintAwaitingCustomer = Event<
  'ComplaintAwaitingCustomer',
  { reason: string; by: string; pausedAt: string }
>;
/** `automatic` when another step (resolve, reject, close, validate) ended the wait. */
export type ComplaintResumed = Event<
  'ComplaintResumed',
  { reason?: string; automatic: boolean; by: string; resumedAt: string }
>;
export type RootCauseIdentified = Event<
  'RootCauseIdentified',
  {
    fishboneClass: FishboneClass;
    whys: string[];
    correctiveAction: string;
    preventiveAction: string;
    by: string;
    identifiedAt: string;
  }
>;
export type ComplaintEscalated = Event<
  'ComplaintEscalated',
  {
    tier: EscalationTier;
    previousTier: 0 | EscalationTier;
    reason: RecordedEscalationReason;
    note?: string;
    by: string;
    escalatedAt: string;
  }
>;
export type CompensationOffered = Event<
  'CompensationOffered',
  {
    compensationId: string;
    kind: CompensationKind;
    amount: number;
    currency: string;
    /** The limit that applied (team at the time of the offer, currency), kept for auditors. */
    approvalLimit: number;
    requiresApproval: boolean;
    by: string;
    offeredAt: string;
  }
>;
export type CompensationApproved = Event<
  'CompensationApproved',
  { compensationId: string; approvedAmount: number; currency: string; approver: string; approvedAt: string }
>;
export type CompensationDeclined = Event<
  'CompensationDeclined',
  { compensationId: string; reason: string; by: string; declinedAt: string }
>;
export type CompensationPaid = Event<
  'CompensationPaid',
  {
    compensationId: string;
    amount: number;
    currency: string;
    paymentRef?: string;
    /** Paid for this compensation so far, this payment included. */
    totalPaid: number;
    by: string;
    paidAt: string;
  }
>;
export type ComplaintResolved = Event<
  'ComplaintResolved',
  { summary: string; planSteps: string[]; by: string; resolvedAt: string }
>;
export type CustomerConfirmedResolution = Event<
  'CustomerConfirmedResolution',
  { satisfaction: number; comment?: string; by: string; respondedAt: string }
>;
export type CustomerDisputedResolution = Event<
  'CustomerDisputedResolution',
  { satisfaction: number; comment?: string; by: string; respondedAt: string }
>;
/** `handling` counts handlings: 2 is the first reopening, the "second handling" 二次处理. */
export type ComplaintReopened = Event<
  'ComplaintReopened',
  { reason: string; reopenedFrom: 'disputed' | 'closed'; handling: number; by: string; reopenedAt: string }
>;
export type ComplaintClosed = Event<
  'ComplaintClosed',
  { closureCode: ClosureCode; lessons?: LessonsLearned; by: string; closedAt: string }
>;
export type SlaWarningRaised = Event<'SlaWarningRaised', { target: SlaTarget; dueAt: string; raisedAt: string }>;
export type SlaBreached = Event<'SlaBreached', { target: SlaTarget; dueAt: string; breachedAt: string }>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | ComplaintCategorized
  | ComplaintAssigned
  | ComplaintValidated
  | ComplaintRejected
  | CustomerContacted
  | ComplaintAwaitingCustomer
  | ComplaintResumed
  | RootCauseIdentified
  | ComplaintEscalated
  | CompensationOffered
  | CompensationApproved
  | CompensationDeclined
  | CompensationPaid
  | ComplaintResolved
  | CustomerConfirmedResolution
  | CustomerDisputedResolution
  | ComplaintReopened
  | ComplaintClosed
  | SlaWarningRaised
  | SlaBreached;

export type ComplaintEventType = ComplaintEvent['type'];
export type EventOfType<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;
