import type { EventStore } from '#event-store';
import { feedFilterFor } from './payload.js';
import type { Subscription } from './subscription.js';

export interface SubscriptionLag {
  /** Matching events after the checkpoint (a lower bound when `exact` is false). */
  events: number;
  exact: boolean;
  /** Age of the oldest event not yet delivered; 0 when caught up. */
  seconds: number;
}

/**
 * How far a subscription is behind, through the port only (works on every adapter): pages through
 * the matching events after the checkpoint, up to `cap`, and dates the oldest of them.
 */
export async function measureSubscriptionLag(
  store: EventStore,
  subscription: Pick<Subscription, 'position' | 'eventTypes'>,
  now: Date,
  cap = 10_000,
): Promise<SubscriptionLag> {
  const filter = feedFilterFor(subscription);
  let events = 0;
  let oldest: Date | undefined;
  let position = subscription.position;
  while (events < cap) {
    const page = await store.readAll({ after: position, limit: Math.min(1_000, cap - events), filter });
    oldest ??= page.events[0]?.recordedAt;
    events += page.events.length;
    if (page.events.length === 0 || store.comparePositions(page.position, position) <= 0) break;
    position = page.position;
  }
  const seconds = oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0;
  return { events, exact: events < cap, seconds: Math.round(seconds * 1000) / 1000 };
}
