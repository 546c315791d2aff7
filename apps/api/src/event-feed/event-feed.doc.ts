/** The event feed's answers for the OpenAPI document, written by the feed's own message format. */
import type { SchemaObject } from '@nestjs/swagger';
import { COMPLAINT_EVENT_TYPES, EVENT_ENVELOPE_SCHEMA, eventSchema, publishedEventSchemas } from '#domain';
import type { RecordedEvent } from '#event-store';
import { STORED_EVENTS_EXAMPLE } from '../complaints/history/complaint-history.doc.js';
import { EXAMPLE_STREAM } from '../openapi/example-values.js';
import { feedMessageOf } from './feed-message.js';

const messages = STORED_EVENTS_EXAMPLE.map((event) => {
  const recorded = { ...event, streamName: EXAMPLE_STREAM, recordedAt: new Date(event.recordedAt) };
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${feedMessageOf(recorded as RecordedEvent)}\n\n`;
});

/** The start of a stream: the reconnect delay, two events, a heartbeat while nothing happens. */
export const EVENT_STREAM_EXAMPLE = ['retry: 2000\n\n', ...messages, ': heartbeat\n\n'].join('');

/** The published contracts themselves: the envelope, and one event type's schema. */
export const SCHEMA_EXAMPLE = eventSchema('ComplaintAcknowledged', 1);
export const SCHEMAS_EXAMPLE = { envelope: EVENT_ENVELOPE_SCHEMA, events: publishedEventSchemas().slice(0, 1) };

const JSON_SCHEMA = { type: 'object', additionalProperties: true, description: 'A JSON Schema (draft 2020-12)' };

export const SCHEMAS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['envelope', 'events'],
  properties: {
    envelope: JSON_SCHEMA,
    events: {
      type: 'array',
      description: 'Every event type at every published version',
      items: {
        type: 'object',
        required: ['type', 'version', 'current', 'schema'],
        properties: {
          type: { type: 'string', enum: [...COMPLAINT_EVENT_TYPES] },
          version: { type: 'integer', minimum: 1 },
          current: { type: 'boolean', description: 'The version the feed delivers (older ones are upcast to it)' },
          schema: JSON_SCHEMA,
        },
      },
    },
  },
};

export const SCHEMA_SCHEMA: SchemaObject = JSON_SCHEMA;
