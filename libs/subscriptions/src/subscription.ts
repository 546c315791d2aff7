import type { Position } from '#event-store';

/**
 * - active: delivering (or caught up)
 * - failing: the event at the head of the subscription failed and waits for its next attempt
 * - paused: an operator stopped delivery; the checkpoint stays where it is
 */
export const SUBSCRIPTION_STATUSES = ['active', 'paused', 'failing'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A webhook subscription and its delivery state, without its secret. */
export interface Subscription {
  id: string;
  url: string;
  /** Empty: every complaint event type. */
  eventTypes: string[];
  status: SubscriptionStatus;
  /** Checkpoint: every event up to here was delivered or dead-lettered. */
  position: Position;
  deliveredCount: number;
  /** Every failed attempt, including those later retried successfully. */
  failedAttempts: number;
  deadLetteredCount: number;
  /** Failed attempts of the event at the head; 0 when the last attempt succeeded. */
  consecutiveFailures: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastDeliveredAt: Date | null;
  /** Who created it (a token's subject); null for subscriptions older than owners. */
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the delivery worker needs: the subscription with its secret. */
export interface SubscriptionWithSecret extends Subscription {
  secret: string;
}

export type DeadLetterState = 'dead' | 'redriving';

/** An event given up on after the last attempt; `redriving` when an operator queued it again. */
export interface DeadLetter {
  subscriptionId: string;
  eventId: string;
  eventType: string;
  streamName: string;
  revision: number;
  position: Position;
  state: DeadLetterState;
  attempts: number;
  lastError: string;
  deadLetteredAt: Date;
  nextAttemptAt: Date | null;
}
