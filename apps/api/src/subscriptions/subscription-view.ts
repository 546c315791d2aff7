import type { DeadLetter, Subscription, SubscriptionLag } from '#subscriptions';

/** A subscription as the API shows it: state and counters, never the secret. */
export function subscriptionView(subscription: Subscription, extra: { deadLetters: number; lag?: SubscriptionLag }) {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    status: subscription.status,
    position: subscription.position,
    ...(extra.lag ? { lag: extra.lag } : {}),
    delivered: subscription.deliveredCount,
    failedAttempts: subscription.failedAttempts,
    consecutiveFailures: subscription.consecutiveFailures,
    deadLettered: subscription.deadLetteredCount,
    deadLetters: extra.deadLetters,
    nextAttemptAt: subscription.nextAttemptAt?.toISOString() ?? null,
    lastError: subscription.lastError
      ? { message: subscription.lastError, at: subscription.lastErrorAt?.toISOString() ?? null }
      : null,
    lastDeliveredAt: subscription.lastDeliveredAt?.toISOString() ?? null,
    ownerId: subscription.ownerId,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export function deadLetterView(letter: DeadLetter) {
  return {
    eventId: letter.eventId,
    eventType: letter.eventType,
    streamName: letter.streamName,
    revision: letter.revision,
    position: letter.position,
    state: letter.state,
    attempts: letter.attempts,
    lastError: letter.lastError,
    deadLetteredAt: letter.deadLetteredAt.toISOString(),
    nextAttemptAt: letter.nextAttemptAt?.toISOString() ?? null,
  };
}
