import { type AppendResult, DuplicateEventIdError, type NewEvent, type NewStream, type StreamName } from './port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects what no adapter can store, before anything is written, so every adapter fails the same way. */
export function validateAppend(events: readonly NewEvent[]): void {
  if (events.length === 0) throw new TypeError('append needs at least one event');
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new TypeError(`Event id ${event.id} is not a uuid`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new DuplicateEventIdError(event.id);
    seen.add(id);
  }
}

/**
 * The same for a batch of new streams (appendNewStreams): every stream once, every event id once
 * in the whole batch, so that no adapter has to decide which of two copies wins.
 */
export function validateNewStreams(streams: readonly NewStream[]): void {
  const names = new Set<StreamName>();
  const ids = new Set<string>();
  for (const { stream, events } of streams) {
    if (names.has(stream)) throw new TypeError(`Stream ${stream} appears twice in one batch`);
    names.add(stream);
    validateAppend(events);
    for (const event of events) {
      const id = event.id.toLowerCase();
      if (ids.has(id)) throw new DuplicateEventIdError(event.id);
      ids.add(id);
    }
  }
}

/** An already stored event, as far as the idempotency check needs it. */
export interface StoredIdentity {
  id: string;
  streamName: StreamName;
  revision: number;
  position: string;
  /** Which append wrote it (PostgreSQL: the transaction id). */
  appendId: string;
  /** How many events that append wrote to the stream. */
  appendSize: number;
}

/**
 * Decides what a re-append means. The same ids, in the same order, forming exactly one earlier append
 * to the same stream: a retry, answered with the original result. Any other overlap: a duplicate id.
 * No overlap at all: undefined (the caller reports its original failure).
 */
export function resolveReappend(
  stream: StreamName,
  events: readonly NewEvent[],
  stored: readonly StoredIdentity[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((row) => [row.id.toLowerCase(), row]));
  const rows = events.map((event) => byId.get(event.id.toLowerCase()));
  const first = rows[0];
  const sameAppend =
    first !== undefined &&
    rows.every(
      (row, index) =>
        row !== undefined &&
        row.streamName === stream &&
        row.appendId === first.appendId &&
        row.revision === first.revision + index &&
        row.appendSize === events.length,
    );
  if (!sameAppend) {
    const clash = events.find((event) => byId.has(event.id.toLowerCase())) ?? events[0];
    throw new DuplicateEventIdError(clash.id);
  }
  const last = rows[rows.length - 1]!;
  return { nextRevision: last.revision, position: last.position };
}
