import type { DeadLetter, DeadLetterState, SubscriptionStatus, SubscriptionWithSecret } from './subscription.js';

/** Column lists and row mapping shared by the repositories. */
export interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  secret: string;
  status: SubscriptionStatus;
  position: string;
  delivered_count: string;
  failed_attempts: string;
  dead_lettered_count: string;
  consecutive_failures: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  last_delivered_at: Date | null;
  owner_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeadLetterRow {
  subscription_id: string;
  event_id: string;
  event_type: string;
  stream_name: string;
  stream_revision: string;
  position: string;
  state: DeadLetterState;
  attempts: number;
  last_error: string;
  dead_lettered_at: Date;
  next_attempt_at: Date | null;
}

export const SUBSCRIPTION_COLUMNS = `id, url, event_types, secret, status, position, delivered_count, failed_attempts,
  dead_lettered_count, consecutive_failures, next_attempt_at, last_error, last_error_at, last_delivered_at,
  owner_id, created_at, updated_at`;

export function toSubscription(row: SubscriptionRow): SubscriptionWithSecret {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    secret: row.secret,
    status: row.status,
    position: row.position,
    deliveredCount: Number(row.delivered_count),
    failedAttempts: Number(row.failed_attempts),
    deadLetteredCount: Number(row.dead_lettered_count),
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    lastDeliveredAt: row.last_delivered_at,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    streamName: row.stream_name,
    revision: Number(row.stream_revision),
    position: row.position,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    deadLetteredAt: row.dead_lettered_at,
    nextAttemptAt: row.next_attempt_at,
  };
}

/** Errors from receivers can be long HTML pages; keep what helps an operator. */
export function truncateError(message: string): string {
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
