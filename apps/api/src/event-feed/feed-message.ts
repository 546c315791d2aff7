import type { RecordedEvent } from '#event-store';

/**
 * The JSON of one delivered event: the envelope published at GET /events/schemas. Hashes stay with
 * the auditors' history view: an upcast event no longer hashes to its stored hash.
 */
export function feedMessageOf(event: RecordedEvent): string {
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
