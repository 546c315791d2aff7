/**
 * What callers ask of a complaint. Commands carry plain JSON data (they arrive over HTTP); the
 * complaint id of every command but ReceiveComplaint is the stream being acted on, not a field.
 * Times in commands are ISO-8601 strings, like in events.
 */
import type { Impact, Severity } from '../priority/priority.js';
import type { SlaTarget } from '../priority/sla-targets.js';
import type { Category } from '../taxonomy/categories.js';
import type { Channel, Intensity, Purpose } from '../taxonomy/intake.js';
import type { FishboneClass } from '../taxonomy/root-cause.js';
import type { EscalatingSignal } from './escalation-policy.js';
import type {
  ClosureCode,
  CompensationKind,
  ContactDirection,
  CustomerMood,
  CustomerOutcome,
  EscalationReason,
  EscalationTier,
} from './vocabulary.js';

export interface CustomerRef {
  id: string;
  name: string;
  email?: string;
  phone?: string;
}

/** STAR-L: situation, task, action, result, lesson — what the desk learned from the case. */
export interface LessonsLearned {
  situation: string;
  task: string;
  action: string;
  result: string;
  lesson: string;
}

type Command<Type extends string, Data> = { type: Type; data: Data };

export type ReceiveComplaint = Command<
  'ReceiveComplaint',
  {
    complaintId: string;
    channel: Channel;
    customer: CustomerRef;
    subject: string;
    description: string;
    productRef?: string;
    orderRef?: string;
    occurredAt?: string;
    remedySought?: string;
    intensity: Intensity;
    purpose: Purpose;
  }
>;
export type AcknowledgeComplaint = Command<'AcknowledgeComplaint', { how: Channel; message?: string }>;
export type CategorizeComplaint = Command<
  'CategorizeComplaint',
  { category: Category; subcategory: string; severity: Severity; impact: Impact }
>;
export type AssignComplaint = Command<'AssignComplaint', { team: string; ownerId: string }>;
export type ValidateComplaint = Command<'ValidateComplaint', { reason: string }>;
export type RejectComplaint = Command<'RejectComplaint', { reason: string }>;
export type LogCustomerContact = Command<
  'LogCustomerContact',
  { direction: ContactDirection; channel: Channel; summary: string; mood?: CustomerMood }
>;
export type AwaitCustomer = Command<'AwaitCustomer', { reason: string }>;
export type ResumeComplaint = Command<'ResumeComplaint', { reason?: string }>;
export type IdentifyRootCause = Command<
  'IdentifyRootCause',
  { fishboneClass: FishboneClass; whys: string[]; correctiveAction: string; preventiveAction: string }
>;
export type EscalateComplaint = Command<
  'EscalateComplaint',
  { tier: EscalationTier; reason: EscalationReason; note?: string }
>;
export type OfferCompensation = Command<
  'OfferCompensation',
  { compensationId: string; kind: CompensationKind; amount: number; currency: string }
>;
export type ApproveCompensation = Command<'ApproveCompensation', { compensationId: string; approvedAmount?: number }>;
export type DeclineCompensation = Command<'DeclineCompensation', { compensationId: string; reason: string }>;
export type PayCompensation = Command<
  'PayCompensation',
  { compensationId: string; amount: number; paymentRef?: string }
>;
export type ResolveComplaint = Command<'ResolveComplaint', { summary: string; planSteps: string[] }>;
export type RecordCustomerResponse = Command<
  'RecordCustomerResponse',
  { outcome: CustomerOutcome; satisfaction: number; comment?: string }
>;
export type ReopenComplaint = Command<'ReopenComplaint', { reason: string }>;
export type CloseComplaint = Command<'CloseComplaint', { closureCode?: ClosureCode; lessons?: LessonsLearned }>;
/**
 * SLA facts and critical-point escalations, sent by the SLA monitor: the decider checks them against
 * the stream (decide-sla.ts). `dueAt`, when given, is the due instant the sender measured.
 */
export type RaiseSlaWarning = Command<'RaiseSlaWarning', { target: SlaTarget; dueAt?: string }>;
export type RecordSlaBreach = Command<'RecordSlaBreach', { target: SlaTarget; dueAt?: string }>;
export type EscalateOnSignal = Command<'EscalateOnSignal', { signal: EscalatingSignal }>;

export type ComplaintCommand =
  | ReceiveComplaint
  | AcknowledgeComplaint
  | CategorizeComplaint
  | AssignComplaint
  | ValidateComplaint
  | RejectComplaint
  | LogCustomerContact
  | AwaitCustomer
  | ResumeComplaint
  | IdentifyRootCause
  | EscalateComplaint
  | OfferCompensation
  | ApproveCompensation
  | DeclineCompensation
  | PayCompensation
  | ResolveComplaint
  | RecordCustomerResponse
  | ReopenComplaint
  | CloseComplaint
  | RaiseSlaWarning
  | RecordSlaBreach
  | EscalateOnSignal;

export type ComplaintCommandType = ComplaintCommand['type'];

export const COMPLAINT_COMMAND_TYPES = [
  'ReceiveComplaint',
  'AcknowledgeComplaint',
  'CategorizeComplaint',
  'AssignComplaint',
  'ValidateComplaint',
  'RejectComplaint',
  'LogCustomerContact',
  'AwaitCustomer',
  'ResumeComplaint',
  'IdentifyRootCause',
  'EscalateComplaint',
  'OfferCompensation',
  'ApproveCompensation',
  'DeclineCompensation',
  'PayCompensation',
  'ResolveComplaint',
  'RecordCustomerResponse',
  'ReopenComplaint',
  'CloseComplaint',
  'RaiseSlaWarning',
  'RecordSlaBreach',
  'EscalateOnSignal',
] as const satisfies readonly ComplaintCommandType[];
