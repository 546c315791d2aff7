/**
 * The event contracts as subscribers see them: one JSON Schema document per event type and schema
 * version, each describing the whole envelope (id, type, version, stream, revision, position,
 * recorded-at, metadata) around that version's data. Built from CURRENT_EVENT_DATA_SCHEMAS (checked
 * against the TypeScript types) and EVENT_SCHEMA_HISTORY (frozen older versions).
 */
import type { JsonSchema, Schema } from './event-schemas-builder.js';
import { CURRENT_EVENT_DATA_SCHEMAS } from './event-schemas.js';
import { COMPLAINT_EVENT_TYPES, EVENT_SCHEMA_VERSION, isComplaintEventType, STREAM_CATEGORY } from './event-catalog.js';
import type { ComplaintEventType } from './events.js';
import { COMPLAINT_ESCALATED_V1_SCHEMA, COMPLAINT_RECEIVED_V1_SCHEMA } from './upcasters-schemas.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The data schemas of versions older than the current one, as they were when they were current.
 * When a type's version is bumped, its previous schema moves here unchanged (and an upcaster lifts
 * stored events of that version to the current one on read).
 */
export const EVENT_SCHEMA_HISTORY: { readonly [T in ComplaintEventType]?: Readonly<Record<number, Schema<unknown>>> } =
  { ComplaintReceived: { 1: COMPLAINT_RECEIVED_V1_SCHEMA }, ComplaintEscalated: { 1: COMPLAINT_ESCALATED_V1_SCHEMA } };

export interface PublishedEventSchema {
  type: ComplaintEventType;
  version: number;
  /** Whether this is the version the feed delivers (older stored versions are upcast to it). */
  current: boolean;
  schema: JsonSchema;
}

/** The metadata every stored event carries; writers may add fields (e.g. `command`), so it is open. */
export const EVENT_METADATA_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    actor: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'A user id, or system:<component> for automated work' },
        role: { type: 'string' },
      },
      required: ['id', 'role'],
    },
    correlationId: { type: 'string', description: 'The request or job the event belongs to' },
    causationId: { type: 'string', description: 'The command or event that caused this one' },
    command: { type: 'string', description: 'The command type that decided the event, when there was one' },
  },
  required: ['actor', 'correlationId', 'causationId'],
};

/** The envelope of every delivered event; `data` is described by the per-type schemas. */
export function envelopeSchema(type: JsonSchema, version: JsonSchema, data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Unique in the whole store: deduplicate by it' },
      type,
      schemaVersion: version,
      streamName: { type: 'string', pattern: `^${STREAM_CATEGORY}-` },
      revision: { type: 'integer', minimum: 0, description: 'Place in the stream, from 0, without gaps' },
      position: { type: 'string', description: 'Opaque place in the global feed; resume after it' },
      recordedAt: { type: 'string', format: 'date-time' },
      data,
      metadata: EVENT_METADATA_SCHEMA,
    },
    required: ['id', 'type', 'schemaVersion', 'streamName', 'revision', 'position', 'recordedAt', 'data', 'metadata'],
    additionalProperties: false,
  };
}

/** The envelope with any event type and data, for consumers that route before validating. */
export const EVENT_ENVELOPE_SCHEMA: JsonSchema = {
  $schema: JSON_SCHEMA_DIALECT,
  $id: 'urn:complaint-desk:events:envelope',
  title: 'Complaint event envelope',
  ...envelopeSchema(
    { enum: [...COMPLAINT_EVENT_TYPES] },
    { type: 'integer', minimum: 1 },
    { type: 'object', properties: { complaintId: { type: 'string' } }, required: ['complaintId'] },
  ),
};

function dataSchemaOf(type: ComplaintEventType, version: number): Schema<unknown> | undefined {
  if (version === EVENT_SCHEMA_VERSION[type]) return CURRENT_EVENT_DATA_SCHEMAS[type];
  return EVENT_SCHEMA_HISTORY[type]?.[version];
}

/** The full schema of one event type at one version, or undefined when there is no such contract. */
export function eventSchema(type: string, version: number): JsonSchema | undefined {
  if (!isComplaintEventType(type) || !Number.isInteger(version)) return undefined;
  const data = dataSchemaOf(type, version);
  if (!data) return undefined;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:complaint-desk:events:${type}:v${version}`,
    title: `${type} v${version}`,
    ...envelopeSchema({ const: type }, { const: version }, data.json),
  };
}

/** Every type at every version from 1 to its current one. */
export function publishedEventSchemas(): PublishedEventSchema[] {
  return COMPLAINT_EVENT_TYPES.flatMap((type) =>
    Array.from({ length: EVENT_SCHEMA_VERSION[type] }, (_, index) => index + 1).flatMap((version) => {
      const schema = eventSchema(type, version);
      return schema ? [{ type, version, current: version === EVENT_SCHEMA_VERSION[type], schema }] : [];
    }),
  );
}
