/**
 * Upcasters: stored events of an older schema version lifted to the current one on read
 * (DESIGN.md, "Schema evolution"). A stored event is never rewritten — its bytes are covered by the
 * hash chain — so every reader (history, time travel, the command path, the feed, projections) sees
 * the current shape through these pure functions instead.
 *
 * Each step lifts one version to the next; `upcast` chains them up to EVENT_SCHEMA_VERSION.
 */
import type { Channel } from '../taxonomy/intake.js';
import type { CustomerRef } from './commands.js';
import { EVENT_SCHEMA_VERSION, isComplaintEventType } from './event-catalog.js';
import type { ComplaintEscalated, ComplaintEventType, ComplaintReceived } from './events.js';
import type { EscalationReason } from './vocabulary.js';

/**
 * ComplaintReceived v1, as the first intake wrote it: the customer flattened into four fields and
 * the channel from the first, shorter list (`web`, `chat`, `social`, `store`, `letter`, `regulator`).
 * v2 (today's shape) nests the customer in `customer` and uses the taxonomy's channel codes.
 */
export interface ComplaintReceivedV1Data {
  complaintId: string;
  channel: ChannelV1;
  customerId: string;
  customerName: string;
  customerEmail?: string;
  customerPhone?: string;
  subject: string;
  description: string;
  productRef?: string;
  orderRef?: string;
  occurredAt?: string;
  remedySought?: string;
  intensity: ComplaintReceived['data']['intensity'];
  purpose: ComplaintReceived['data']['purpose'];
  by: string;
  receivedAt: string;
}

/** The v1 channel list; the codes v2 kept are unchanged. */
export const CHANNELS_V1 = [
  'phone',
  'email',
  'web',
  'chat',
  'social',
  'app',
  'store',
  'letter',
  'fax',
  'regulator',
] as const;
export type ChannelV1 = (typeof CHANNELS_V1)[number];

const CHANNEL_V1_TO_V2: Readonly<Record<ChannelV1, Channel>> = {
  phone: 'phone',
  email: 'email',
  web: 'web_form',
  chat: 'online_chat',
  social: 'social_media',
  app: 'app',
  store: 'in_store',
  letter: 'postal_mail',
  fax: 'fax',
  regulator: 'regulator_referral',
};

/** v1 → v2: nest the customer, map the channel; every other field is kept as it was. */
export function complaintReceivedV1ToV2(v1: ComplaintReceivedV1Data): ComplaintReceived['data'] {
  const { customerId, customerName, customerEmail, customerPhone, channel, ...rest } = v1;
  const customer: CustomerRef = { id: customerId, name: customerName };
  // Optional fields are omitted, never undefined (events.ts): the upcast form survives JSON as is.
  if (customerEmail !== undefined) customer.email = customerEmail;
  if (customerPhone !== undefined) customer.phone = customerPhone;
  // A label outside the v1 list cannot have been stored by v1 code; it is kept rather than lost.
  const mapped = Object.hasOwn(CHANNEL_V1_TO_V2, channel) ? CHANNEL_V1_TO_V2[channel] : (channel as Channel);
  return { ...rest, channel: mapped, customer };
}

/**
 * ComplaintEscalated v1 → v2: v2 only widened the reasons (sla-breach:<target>), so a v1 body is a
 * valid v2 body as it is.
 */
export function complaintEscalatedV1ToV2(v1: ComplaintEscalatedV1Data): ComplaintEscalated['data'] {
  return v1;
}

/** ComplaintEscalated v1: any reason but the per-target `sla-breach:<target>` of v2. */
export type ComplaintEscalatedV1Data = Omit<ComplaintEscalated['data'], 'reason'> & { reason: EscalationReason };

/** One step: the data of `version` → the data of `version + 1`. */
export type UpcastStep = (data: never) => unknown;

/** Per type, per FROM version, the step to the next one. A spec checks there is no hole below the current version. */
export const UPCASTERS: { readonly [T in ComplaintEventType]?: Readonly<Record<number, UpcastStep>> } = {
  ComplaintReceived: { 1: complaintReceivedV1ToV2 },
  ComplaintEscalated: { 1: complaintEscalatedV1ToV2 },
};

/** What upcasting looks at and changes; any envelope with these fields (a stored event) fits. */
export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/**
 * The event at its type's current schema version. Already current, newer than this code knows,
 * or of a type that is not a complaint event: returned as is (the same object).
 */
export function upcast<E extends VersionedEvent>(event: E): E {
  if (!isComplaintEventType(event.type)) return event;
  const target = EVENT_SCHEMA_VERSION[event.type];
  const steps = UPCASTERS[event.type];
  let { schemaVersion, data } = event;
  while (schemaVersion < target) {
    const step = steps?.[schemaVersion];
    // Reading must not throw on a stored fact (evolve.ts): data that is not even an object stays as is.
    if (!step || typeof data !== 'object' || data === null) break;
    data = step(data as never);
    schemaVersion += 1;
  }
  return schemaVersion === event.schemaVersion ? event : { ...event, schemaVersion, data };
}
