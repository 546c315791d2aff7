/** The subscription routes' answers and the creation body's example, for the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLAINT_EVENT_TYPES } from '#domain';
import { SUBSCRIPTION_STATUSES } from '#subscriptions';
import {
  EXAMPLE_EVENT_ID,
  EXAMPLE_POSITION,
  EXAMPLE_STREAM,
  EXAMPLE_SUBSCRIPTION_ID,
} from '../openapi/example-values.js';
import type { CreateSubscriptionDto } from './create-subscription.dto.js';
import type { deadLetterView, subscriptionView } from './subscription-view.js';

type SubscriptionView = ReturnType<typeof subscriptionView>;
type DeadLetterView = ReturnType<typeof deadLetterView>;

const instant = { type: String, format: 'date-time' } as const;
const nullableInstant = { ...instant, nullable: true } as const;
const LAST_ERROR = {
  message: { type: 'string' },
  at: { type: 'string', format: 'date-time', nullable: true },
} as const;

class LagDoc {
  @ApiProperty({ description: 'Matching events after the checkpoint (a lower bound unless exact)' }) events!: number;
  @ApiProperty() exact!: boolean;
  @ApiProperty({ description: 'Age of the oldest event not yet delivered; 0 when caught up' }) seconds!: number;
}

export class SubscriptionDoc implements SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Where events are POSTed' }) url!: string;
  @ApiProperty({ type: [String], description: 'Empty: every complaint event type' }) eventTypes!: string[];
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES }) status!: SubscriptionView['status'];
  @ApiProperty({ description: 'The feed position delivered up to' }) position!: string;
  @ApiPropertyOptional({ type: LagDoc, description: 'GET /subscriptions/{id} only' }) lag?: LagDoc;
  @ApiProperty() delivered!: number;
  @ApiProperty() failedAttempts!: number;
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty({ description: 'Events given up on so far' }) deadLettered!: number;
  @ApiProperty({ description: 'Dead letters held now' }) deadLetters!: number;
  @ApiPropertyOptional(nullableInstant) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, properties: LAST_ERROR, description: 'The latest failure' })
  lastError!: SubscriptionView['lastError'];
  @ApiPropertyOptional(nullableInstant) lastDeliveredAt!: string | null;
  @ApiProperty({ description: 'The service that created it' }) ownerId!: string;
  @ApiProperty(instant) createdAt!: string;
  @ApiProperty(instant) updatedAt!: string;
}

export class CreatedSubscriptionDoc extends SubscriptionDoc {
  @ApiPropertyOptional({ description: 'Only when the server generated it: the one time it is shown' })
  secret?: string;
}

export class SubscriptionListDoc {
  @ApiProperty({ type: [SubscriptionDoc] }) subscriptions!: SubscriptionDoc[];
}

class DeadLetterDoc implements DeadLetterView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: COMPLAINT_EVENT_TYPES }) eventType!: string;
  @ApiProperty() streamName!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: string;
  @ApiProperty({ enum: ['dead', 'redriving'] }) state!: DeadLetterView['state'];
  @ApiProperty() attempts!: number;
  @ApiProperty() lastError!: string;
  @ApiProperty(instant) deadLetteredAt!: string;
  @ApiPropertyOptional(nullableInstant) nextAttemptAt!: string | null;
}

export class DeadLettersDoc {
  @ApiProperty({ type: [DeadLetterDoc] }) deadLetters!: DeadLetterDoc[];
}

export const CREATE_SUBSCRIPTION_BODY: CreateSubscriptionDto = {
  url: 'https://crm.example.com/hooks/complaints',
  eventTypes: ['ComplaintReceived', 'ComplaintResolved'],
  from: 'now',
};

export const SUBSCRIPTION_EXAMPLE: SubscriptionView = {
  id: EXAMPLE_SUBSCRIPTION_ID,
  url: 'https://crm.example.com/hooks/complaints',
  eventTypes: ['ComplaintReceived', 'ComplaintResolved'],
  status: 'active',
  position: EXAMPLE_POSITION,
  delivered: 128,
  failedAttempts: 3,
  consecutiveFailures: 0,
  deadLettered: 1,
  deadLetters: 1,
  nextAttemptAt: null,
  lastError: { message: 'HTTP 503 from the receiver', at: '2026-11-08T11:02:13.500Z' },
  lastDeliveredAt: '2026-11-08T15:00:01.250Z',
  ownerId: 'svc-crm',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-08T15:00:01.250Z',
};

export const SUBSCRIPTION_WITH_LAG_EXAMPLE = { ...SUBSCRIPTION_EXAMPLE, lag: { events: 2, exact: true, seconds: 1.4 } };

export const CREATED_SUBSCRIPTION_EXAMPLE = {
  ...SUBSCRIPTION_EXAMPLE,
  delivered: 0,
  failedAttempts: 0,
  deadLettered: 0,
  deadLetters: 0,
  lastError: null,
  lastDeliveredAt: null,
  updatedAt: SUBSCRIPTION_EXAMPLE.createdAt,
  secret: 'whsec_xDZvD2isrT4T9mcge53GvIN1_1DZKORLwrvXSMsf1B0',
};

export const DEAD_LETTERS_EXAMPLE: { deadLetters: DeadLetterView[] } = {
  deadLetters: [
    {
      eventId: EXAMPLE_EVENT_ID,
      eventType: 'ComplaintResolved',
      streamName: EXAMPLE_STREAM,
      revision: 12,
      position: '83012/40',
      state: 'dead',
      attempts: 8,
      lastError: 'HTTP 500 from the receiver',
      deadLetteredAt: '2026-11-08T11:02:13.500Z',
      nextAttemptAt: null,
    },
  ],
};
