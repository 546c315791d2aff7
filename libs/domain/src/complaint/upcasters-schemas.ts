/**
 * The JSON Schemas of older event versions, frozen as they were when current, for the published
 * contracts (EVENT_SCHEMA_HISTORY). The compiler checks each against its TypeScript type.
 *
 * ComplaintReceived v1 (the shape upcasters.ts lifts to v2), frozen as it was
 * when v1 was current, for the published contracts (EVENT_SCHEMA_HISTORY). The compiler checks it
 * against ComplaintReceivedV1Data, like the current schemas against events.ts.
 */
import { INTENSITIES, PURPOSES } from '../taxonomy/intake.js';
import { described, type Exact, type Infer, instant, object, oneOf, string } from './event-schemas-builder.js';
import { CHANNELS_V1, type ComplaintEscalatedV1Data, type ComplaintReceivedV1Data } from './upcasters.js';
import { ESCALATION_REASONS, ESCALATION_TIERS } from './vocabulary.js';

const personal = () => described(string(), 'Personal data');

export const COMPLAINT_RECEIVED_V1_SCHEMA = object(
  {
    complaintId: string({ format: 'uuid' }),
    channel: oneOf(CHANNELS_V1),
    customerId: described(string(), 'Customer reference (not personal data)'),
    customerName: personal(),
    subject: string(),
    description: string(),
    intensity: oneOf(INTENSITIES),
    purpose: oneOf(PURPOSES),
    by: described(string({ minLength: 1 }), 'Id of the actor who took the step'),
    receivedAt: instant(),
  },
  {
    customerEmail: personal(),
    customerPhone: personal(),
    productRef: string(),
    orderRef: string(),
    occurredAt: instant(),
    remedySought: string(),
  },
);

/** Fails to compile when the schema above and ComplaintReceivedV1Data disagree. */
export const V1_SCHEMA_MATCHES_V1_TYPE: Exact<
  Infer<typeof COMPLAINT_RECEIVED_V1_SCHEMA>,
  ComplaintReceivedV1Data
> = true;

/** ComplaintEscalated v1: the reasons before sla-breach:<target>. */
export const COMPLAINT_ESCALATED_V1_SCHEMA = object(
  {
    complaintId: string({ format: 'uuid' }),
    tier: oneOf(ESCALATION_TIERS),
    previousTier: described(oneOf([0, ...ESCALATION_TIERS]), '0 when the complaint was not escalated before'),
    reason: oneOf(ESCALATION_REASONS),
    by: described(string({ minLength: 1 }), 'Id of the actor who took the step'),
    escalatedAt: instant(),
  },
  { note: string() },
);

/** Fails to compile when the schema above and ComplaintEscalatedV1Data disagree. */
export const ESCALATED_V1_SCHEMA_MATCHES_V1_TYPE: Exact<
  Infer<typeof COMPLAINT_ESCALATED_V1_SCHEMA>,
  ComplaintEscalatedV1Data
> = true;
