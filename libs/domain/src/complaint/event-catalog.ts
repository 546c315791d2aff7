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
 * Dotted paths inside `data` that hold personal data (DESIGN.md, Security), at each type's current
 * schema version. The store adapter encrypts these with a per-customer key, so that erasing the key
 * forgets the person while the history stays intact. The customer id is a reference, not personal
 * data, and stays in clear.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Partial<Record<ComplaintEventType, readonly string[]>>> = {
  ComplaintReceived: ['customer.name', 'customer.email', 'customer.phone'],
};

/** Where one stored version of an event keeps its customer's reference and that customer's personal data. */
export interface PersonalDataLocation {
  /** Dotted path of the customer id (in clear): whose key seals the fields. */
  customerIdPath: string;
  /** Dotted paths of the personal fields; an absent field is simply not there to seal. */
  fields: readonly string[];
}

/**
 * Per type and STORED schema version: encryption and decryption work on the stored form, before any
 * upcaster runs, so every version that may be in a store is listed (a spec checks this against every
 * field the published schemas mark as personal data).
 */
export const PERSONAL_DATA_LOCATIONS: {
  readonly [T in ComplaintEventType]?: Readonly<Record<number, PersonalDataLocation>>;
} = {
  ComplaintReceived: {
    1: { customerIdPath: 'customerId', fields: ['customerName', 'customerEmail', 'customerPhone'] },
    2: { customerIdPath: 'customer.id', fields: PERSONAL_DATA_FIELDS.ComplaintReceived! },
  },
};

/** Where an event of this type and stored version keeps personal data; undefined when it keeps none. */
export function personalDataLocationOf(type: string, schemaVersion: number): PersonalDataLocation | undefined {
  if (!isComplaintEventType(type)) return undefined;
  return PERSONAL_DATA_LOCATIONS[type]?.[schemaVersion];
}
