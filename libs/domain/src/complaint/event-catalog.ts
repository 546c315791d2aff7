/**
 * Facts about the event types that infrastructure needs: the list of types, their schema versions,
 * the stream they live in, and which fields hold personal data (for crypto-shredding).
 */
import type { ComplaintEventType } from './events.js';

/** A record over every type: the compiler refuses it if a type is missing, so the list below is complete. */
export const EVENT_SCHEMA_VERSION: Readonly<Record<ComplaintEventType, number>> = {
  // v2: the customer nested in `customer`, channel codes of the taxonomy (upcasters.ts lifts v1).
  ComplaintReceived: 2,
  ComplaintAcknowledged: 1,
  ComplaintCategorized: 1,
  ComplaintAssigned: 1,
  ComplaintValidated: 1,
  ComplaintRejected: 1,
  CustomerContacted: 1,
  ComplaintAwaitingCustomer: 1,
  ComplaintResumed: 1,
  RootCauseIdentified: 1,
  // v2: the reason may also be sla-breach:<target> (upcasters.ts: v1 data is valid v2 data as it is).
  ComplaintEscalated: 2,
  CompensationOffered: 1,
  CompensationApproved: 1,
  CompensationDeclined: 1,
  CompensationPaid: 1,
  ComplaintResolved: 1,
  CustomerConfirmedResolution: 1,
  CustomerDisputedResolution: 1,
  ComplaintReopened: 1,
  ComplaintClosed: 1,
  SlaWarningRaised: 1,
  SlaBreached: 1,
};

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = Object.freeze(
  Object.keys(EVENT_SCHEMA_VERSION) as ComplaintEventType[],
);

export function isComplaintEventType(type: string): type is ComplaintEventType {
  return Object.hasOwn(EVENT_SCHEMA_VERSION, type);
}

export const STREAM_CATEGORY = 'complaint';

export function streamNameFor(complaintId: string): string {
  return `${STREAM_CATEGORY}-${complaintId}`;
}

/**
 * Dotted paths inside `data` that hold personal data (DESIGN.md, Security). The store adapter
 * encrypts these with a per-customer key, so that erasing the key forgets the person while the
 * history stays intact. The customer id is a reference, not personal data, and stays in clear.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Partial<Record<ComplaintEventType, readonly string[]>>> = {
  ComplaintReceived: ['customer.name', 'customer.email', 'customer.phone'],
};
