/**
 * What the decider needs to know about a complaint: the fold of its events. Not a read model —
 * only what some rule looks at (plus the few fields the API asked for) is kept.
 */
import type { Impact, Priority, Severity } from '../priority/priority.js';
import type { SlaTarget } from '../priority/sla-targets.js';
import type { SlaHistory } from '../sla/history.js';
import type { Category } from '../taxonomy/categories.js';
import type { Channel, Intensity } from '../taxonomy/intake.js';
import type {
  ClosureCode,
  CompensationKind,
  CustomerOutcome,
  EscalationTier,
  RecordedEscalationReason,
  SlaFactKind,
} from './vocabulary.js';

/**
 * - received: taken in, nobody has answered yet
 * - acknowledged: the customer was told we have it
 * - investigating: judged valid (or reopened) and being worked on
 * - waiting_on_customer: paused for the customer (SLA clocks stop)
 * - rejected: judged unfounded; can be closed, or overturned by validating
 * - resolved: a resolution was given (the customer may have confirmed it)
 * - disputed: the customer disputes the resolution; reopen or close with a reason
 * - closed: final, except for a reopen within the window
 */
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'waiting_on_customer',
  'rejected',
  'resolved',
  'disputed',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type Validity = 'pending' | 'valid' | 'rejected';

export type CompensationStatus = 'offered' | 'approved' | 'partially_paid' | 'paid' | 'declined';

export interface CompensationState {
  compensationId: string;
  kind: CompensationKind;
  currency: string;
  offeredAmount: number;
  requiresApproval: boolean;
  /** null until approved; an offer that needs no approval may be paid up to the offered amount. */
  approvedAmount: number | null;
  paidAmount: number;
  paymentRefs: string[];
  status: CompensationStatus;
}

export interface ComplaintState {
  exists: boolean;
  complaintId: string;
  /** null only before ComplaintReceived. */
  status: ComplaintStatus | null;
  channel: Channel | null;
  customerId: string | null;
  intensity: Intensity | null;
  receivedAt: string | null;
  acknowledgedAt: string | null;
  category: Category | null;
  subcategory: string | null;
  severity: Severity | null;
  impact: Impact | null;
  priority: Priority | null;
  team: string | null;
  ownerId: string | null;
  validity: Validity;
  /** Where ResumeComplaint returns to; set while waiting_on_customer. */
  statusBeforeWaiting: ComplaintStatus | null;
  awaitingSince: string | null;
  /** 0 = never escalated. */
  escalationTier: 0 | EscalationTier;
  /** Reasons recorded at the current tier (a repeat of one of them is a no-op). */
  escalationReasons: RecordedEscalationReason[];
  /** Every reason any escalation of this complaint recorded, at any tier: a signal escalates once. */
  escalatedFor: RecordedEscalationReason[];
  compensations: Record<string, CompensationState>;
  rootCauseCount: number;
  /** The latest root-cause analysis, to recognise an identical repeat. */
  lastRootCause: string | null;
  contactCount: number;
  /** Times of inbound contacts, for the repeat-contact escalation signal. */
  inboundContactTimes: string[];
  firstResponseAt: string | null;
  lastContactAt: string | null;
  /** The last time we told the customer something (an outbound contact), for the no-update signal. */
  lastOutboundAt: string | null;
  resolvedAt: string | null;
  customerOutcome: CustomerOutcome | null;
  satisfaction: number | null;
  closedAt: string | null;
  closureCode: ClosureCode | null;
  reopenCount: number;
  /** SLA facts already recorded in this handling, as `${kind}:${target}`. */
  slaFacts: SlaFactKey[];
  /** What the SLA clocks are measured from (sla/history.ts); null only before ComplaintReceived. */
  slaHistory: SlaHistory | null;
}

export type SlaFactKey = `${SlaFactKind}:${SlaTarget}`;

export function slaFactKey(kind: SlaFactKind, target: SlaTarget): SlaFactKey {
  return `${kind}:${target}`;
}

export const initialState: ComplaintState = Object.freeze({
  exists: false,
  complaintId: '',
  status: null,
  channel: null,
  customerId: null,
  intensity: null,
  receivedAt: null,
  acknowledgedAt: null,
  category: null,
  subcategory: null,
  severity: null,
  impact: null,
  priority: null,
  team: null,
  ownerId: null,
  validity: 'pending',
  statusBeforeWaiting: null,
  awaitingSince: null,
  escalationTier: 0,
  escalationReasons: [],
  escalatedFor: [],
  compensations: {},
  rootCauseCount: 0,
  lastRootCause: null,
  contactCount: 0,
  inboundContactTimes: [],
  firstResponseAt: null,
  lastContactAt: null,
  lastOutboundAt: null,
  resolvedAt: null,
  customerOutcome: null,
  satisfaction: null,
  closedAt: null,
  closureCode: null,
  reopenCount: 0,
  slaFacts: [],
  slaHistory: null,
}) as ComplaintState;
