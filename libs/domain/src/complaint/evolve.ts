/**
 * evolve: the state after one more event. Pure and total — it never throws, because a stored
 * history is a fact: whatever is in the stream must fold, even if today's rules would refuse it.
 */
import type {
  CompensationApproved,
  CompensationDeclined,
  CompensationOffered,
  CompensationPaid,
  ComplaintEvent,
  ComplaintEventType,
  ComplaintReceived,
  CustomerContacted,
  EventOfType,
} from './events.js';
import { evolveSlaHistory } from '../sla/history.js';
import { evolveCompensation } from './evolve-compensation.js';
import { type ComplaintState, type ComplaintStatus, initialState, type SlaFactKey, slaFactKey } from './state.js';
import type { RecordedEscalationReason } from './vocabulary.js';

type Evolver<T extends ComplaintEventType> = (state: ComplaintState, event: EventOfType<T>) => ComplaintState;

/** One function per event type; a missing type does not compile, like an exhaustive switch. */
const EVOLVERS: { [T in ComplaintEventType]: Evolver<T> } = {
  ComplaintReceived: (_state, event) => received(event),
  ComplaintAcknowledged: (state, { data }) => ({
    ...state,
    acknowledgedAt: state.acknowledgedAt ?? data.acknowledgedAt,
    status: state.status === 'received' ? 'acknowledged' : state.status,
  }),
  ComplaintCategorized: (state, { data: { category, subcategory, severity, impact, priority } }) => ({
    ...state,
    ...{ category, subcategory, severity, impact, priority },
  }),
  ComplaintAssigned: (state, { data }) => ({ ...state, team: data.team, ownerId: data.ownerId }),
  ComplaintValidated: (state) => ({ ...state, validity: 'valid', status: afterValidation(state.status) }),
  ComplaintRejected: (state) => ({ ...leaveWaiting(state), validity: 'rejected', status: 'rejected' }),
  CustomerContacted: contacted,
  ComplaintAwaitingCustomer: (state, { data }) => ({
    ...state,
    statusBeforeWaiting: state.status === 'waiting_on_customer' ? state.statusBeforeWaiting : state.status,
    status: 'waiting_on_customer',
    awaitingSince: data.pausedAt,
  }),
  ComplaintResumed: (state) => ({ ...leaveWaiting(state), status: state.statusBeforeWaiting ?? state.status }),
  RootCauseIdentified: (state, { data }) => ({
    ...state,
    rootCauseCount: state.rootCauseCount + 1,
    lastRootCause: rootCauseFingerprint(data),
  }),
  ComplaintEscalated: (state, { data }) => escalated(state, data.tier, data.reason),
  CompensationOffered: compensation,
  CompensationApproved: compensation,
  CompensationDeclined: compensation,
  CompensationPaid: compensation,
  ComplaintResolved: (state, { data }) => ({
    ...leaveWaiting(state),
    status: 'resolved',
    resolvedAt: data.resolvedAt,
    ...noCustomerResponse,
  }),
  CustomerConfirmedResolution: (state, { data }) => ({
    ...state,
    customerOutcome: 'confirmed',
    satisfaction: data.satisfaction,
  }),
  CustomerDisputedResolution: (state, { data }) => ({
    ...state,
    status: 'disputed',
    customerOutcome: 'disputed',
    satisfaction: data.satisfaction,
  }),
  ComplaintReopened: reopened,
  ComplaintClosed: (state, { data }) => ({
    ...leaveWaiting(state),
    status: 'closed',
    closedAt: data.closedAt,
    closureCode: data.closureCode,
  }),
  SlaWarningRaised: (state, { data }) => withSlaFact(state, slaFactKey('warning', data.target)),
  SlaBreached: (state, { data }) => withSlaFact(state, slaFactKey('breach', data.target)),
};

export function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  // A type this code does not know comes from a newer writer; ignoring it keeps an old reader replaying.
  if (!Object.hasOwn(EVOLVERS, event.type)) return state;
  const evolver = EVOLVERS[event.type] as Evolver<typeof event.type>;
  const next = evolver(state, event);
  // The SLA history has its own fold (shared with the SLA projections); it follows every event.
  const slaHistory = evolveSlaHistory(state.slaHistory, event);
  return slaHistory === next.slaHistory ? next : { ...next, slaHistory };
}

/** Replays a history; `state` lets a caller continue from a snapshot. */
export function fold(events: readonly ComplaintEvent[], state: ComplaintState = initialState): ComplaintState {
  return events.reduce(evolve, state);
}

function received({ data }: ComplaintReceived): ComplaintState {
  return {
    ...initialState,
    exists: true,
    complaintId: data.complaintId,
    status: 'received',
    channel: data.channel,
    customerId: data.customer.id,
    intensity: data.intensity,
    receivedAt: data.receivedAt,
  };
}

/** Validation starts the investigation; it does not move a complaint that is further along. */
function afterValidation(status: ComplaintStatus | null): ComplaintStatus | null {
  return status === 'received' || status === 'acknowledged' || status === 'rejected' ? 'investigating' : status;
}

function leaveWaiting(state: ComplaintState): ComplaintState {
  return { ...state, statusBeforeWaiting: null, awaitingSince: null };
}

const noCustomerResponse = { customerOutcome: null, satisfaction: null } as const;

function contacted(state: ComplaintState, { data }: CustomerContacted): ComplaintState {
  const inbound = data.direction === 'inbound';
  return {
    ...state,
    contactCount: state.contactCount + 1,
    lastContactAt: data.contactedAt,
    inboundContactTimes: inbound ? [...state.inboundContactTimes, data.contactedAt] : state.inboundContactTimes,
    firstResponseAt: state.firstResponseAt ?? (inbound ? null : data.contactedAt),
    lastOutboundAt: inbound ? state.lastOutboundAt : data.contactedAt,
  };
}

function compensation(
  state: ComplaintState,
  event: CompensationOffered | CompensationApproved | CompensationDeclined | CompensationPaid,
): ComplaintState {
  return { ...state, compensations: evolveCompensation(state.compensations, event) };
}

/** Kept as a set: a duplicate stored fact (two racing monitors before the check) counts once. */
function withSlaFact(state: ComplaintState, fact: SlaFactKey): ComplaintState {
  return state.slaFacts.includes(fact) ? state : { ...state, slaFacts: [...state.slaFacts, fact] };
}

function escalated(
  state: ComplaintState,
  tier: ComplaintState['escalationTier'],
  reason: RecordedEscalationReason,
): ComplaintState {
  const escalatedFor = state.escalatedFor.includes(reason) ? state.escalatedFor : [...state.escalatedFor, reason];
  if (tier < state.escalationTier) return { ...state, escalatedFor };
  const sameTier = tier === state.escalationTier;
  const reasons = sameTier ? [...state.escalationReasons, reason] : [reason];
  return { ...state, escalationTier: tier, escalationReasons: reasons, escalatedFor };
}

/**
 * A reopening starts a second handling: the resolution, the closure and the customer's answer no
 * longer stand, an earlier rejection is no longer the verdict, and the resolve clock starts again
 * (so its SLA facts may be recorded anew). Acknowledgement and first response stay met.
 */
function reopened(state: ComplaintState): ComplaintState {
  return {
    ...leaveWaiting(state),
    status: 'investigating',
    validity: state.validity === 'rejected' ? 'pending' : state.validity,
    reopenCount: state.reopenCount + 1,
    resolvedAt: null,
    ...noCustomerResponse,
    closedAt: null,
    closureCode: null,
    slaFacts: state.slaFacts.filter((fact) => !fact.endsWith(':resolve')),
  };
}

/** Identity of a root-cause analysis, to recognise a retried identical one. */
export function rootCauseFingerprint(data: {
  fishboneClass: string;
  whys: readonly string[];
  correctiveAction: string;
  preventiveAction: string;
}): string {
  return JSON.stringify([data.fishboneClass, data.whys, data.correctiveAction, data.preventiveAction]);
}
