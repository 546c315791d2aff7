import type { FeedFilter, RecordedEvent } from '#event-store';

/** Webhooks carry complaint events only. */
export const WEBHOOK_STREAM_PREFIX = 'complaint-';

/**
 * The body of one delivery: the same envelope as the SSE feed and the schemas at GET /events/schemas,
 * so one parser serves both. Hashes stay with the auditors' history (an upcast event no longer
 * hashes to its stored hash).
 */
export function webhookPayloadOf(event: RecordedEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamName: event.streamName,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  });
}

/** What a subscription follows in the global feed; an empty type list means every type. */
export function feedFilterFor(subscription: { eventTypes: readonly string[] }): FeedFilter {
  return subscription.eventTypes.length > 0
    ? { streamPrefixes: [WEBHOOK_STREAM_PREFIX], eventTypes: [...subscription.eventTypes] }
    : { streamPrefixes: [WEBHOOK_STREAM_PREFIX] };
}
