import type { SchemaObject } from '@nestjs/swagger';
import type { QueuePage } from '#read-models';
import { commandAnswerExample } from '../../complaints/http/command-answer.doc.js';
import { EXAMPLE_COMPLAINT_ID } from '../../openapi/example-values.js';
import type { ClaimedComplaint } from './queue-claim.service.js';

const text = { type: 'string' } as const;
const nullableText = { type: 'string', nullable: true } as const;

/** The answers of the queue routes, for /docs (the views are interfaces, which Swagger cannot read). */
export const QUEUE_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          complaintId: { type: 'string', format: 'uuid' },
          status: text,
          team: text,
          ownerId: nullableText,
          category: nullableText,
          priority: nullableText,
          escalationTier: { type: 'integer' },
          sla: {
            type: 'object',
            properties: {
              target: { ...nullableText, enum: ['acknowledge', 'first_response', 'resolve', null] },
              dueAt: { ...nullableText, format: 'date-time', description: 'Null while paused or when no clock runs' },
              overdue: { type: 'boolean' },
              paused: { type: 'boolean', description: 'Waiting on the customer: sorts after running complaints' },
              remainingMsWhenPaused: { type: 'integer', nullable: true },
            },
          },
          receivedAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          revision: { type: 'integer' },
        },
      },
    },
    nextCursor: { ...nullableText, description: 'Pass back as `cursor` for the next page; null on the last page' },
  },
};

export const CLAIM_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    complaintId: { type: 'string', format: 'uuid' },
    team: text,
    ownerId: text,
    revision: { type: 'integer', description: "The complaint's revision after the assignment (also the ETag)" },
    events: { type: 'array', items: { type: 'object', properties: { id: text, type: text } } },
  },
};

export const QUEUE_PAGE_EXAMPLE: QueuePage = {
  items: [
    {
      complaintId: EXAMPLE_COMPLAINT_ID,
      status: 'acknowledged',
      team: 'quality',
      ownerId: null,
      category: 'product_quality',
      priority: 'P2',
      escalationTier: 0,
      sla: {
        target: 'first_response',
        dueAt: '2026-11-09T09:12:44.120Z',
        overdue: false,
        paused: false,
        remainingMsWhenPaused: null,
      },
      receivedAt: '2026-11-08T09:12:44.120Z',
      updatedAt: '2026-11-08T09:40:02.310Z',
      revision: 2,
    },
  ],
  nextCursor: null,
};

export const CLAIM_EXAMPLE: ClaimedComplaint = {
  ...commandAnswerExample('ComplaintAssigned', 3),
  team: 'quality',
  ownerId: 'agent-7',
};
