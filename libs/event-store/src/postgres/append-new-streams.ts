import type pg from 'pg';
import type { StoredIdentity } from '../append-rules.js';
import {
  type AppendResult,
  DuplicateEventIdError,
  type NewEvent,
  type NewStream,
  type NewStreamOutcome,
  type StreamName,
  WrongExpectedRevisionError,
} from '../port.js';
import { NewStreamsCopy } from './copy-new-streams.js';

/**
 * Many new streams in one transaction (appendNewStreams, see port.ts): a new stream's whole chain is
 * known in Node (revision 0 links to the genesis hash), so the server only has to find which streams
 * exist already and take the others' rows by COPY (copy-new-streams.ts). A concurrent writer of one
 * of the streams makes the COPY fail on events_stream_revision_unique (after that writer commits):
 * nothing of the batch is written, and it is run again, when that stream shows up as existing.
 */

/** What writeNewStreams needs from the adapter. */
export interface NewStreamsWriter {
  /** BEGIN; work(client); COMMIT on a client of the pool (ROLLBACK when work throws). */
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  identities(events: readonly NewEvent[]): Promise<StoredIdentity[]>;
  /** append(stream, events, 'no_stream'). */
  appendOne(stream: StreamName, events: NewEvent[]): Promise<AppendResult>;
}

/** Batches that lose this many races in a row are written stream by stream. */
const MAX_ATTEMPTS = 10;

/**
 * A validated, non-empty batch. A batch that lost a race for one of its streams is run again (that
 * stream then answers 'exists'); after MAX_ATTEMPTS lost races in a row, each stream is appended on
 * its own, so a busy stream never fails the others.
 */
export async function writeNewStreams(
  streams: readonly NewStream[],
  recordedAt: Date,
  writer: NewStreamsWriter,
): Promise<NewStreamOutcome[]> {
  const batch = new NewStreamsCopy(streams, recordedAt);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    try {
      return await writer.transaction((client) => batch.write(client));
    } catch (error) {
      if (!lostRace(error)) throw error;
      if (isEventIdConflict(error)) {
        refuseIdsStoredElsewhere(streams, await writer.identities(streams.flatMap(({ events }) => events)));
      }
    }
  }
  const outcomes: NewStreamOutcome[] = [];
  for (const { stream, events } of streams) {
    try {
      outcomes.push({ stream, result: await writer.appendOne(stream, events) });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      outcomes.push({ stream, result: 'exists' });
    }
  }
  return outcomes;
}

const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';

/**
 * A batch that lost a race to a concurrent writer: another batch or append created one of its
 * streams (unique violation once that one committed), or two batches holding each other's new
 * streams (deadlock: the server aborts one). Running it again finds those streams there.
 */
export function lostRace(error: unknown): boolean {
  const code = (error as pg.DatabaseError).code;
  return code === UNIQUE_VIOLATION || code === DEADLOCK_DETECTED;
}

export function isEventIdConflict(error: unknown): boolean {
  return (error as pg.DatabaseError).constraint === 'events_event_id_unique';
}

/**
 * After an event id conflict: an id of the batch stored in ANOTHER stream is a DuplicateEventIdError
 * (running again would fail the same way). Ids stored in their own stream mean that stream was
 * written meanwhile (the same batch, retried): running again answers it 'exists'.
 */
export function refuseIdsStoredElsewhere(streams: readonly NewStream[], stored: readonly StoredIdentity[]): void {
  const streamOf = new Map<string, string>();
  for (const { stream, events } of streams) for (const event of events) streamOf.set(event.id.toLowerCase(), stream);
  const clash = stored.find((row) => streamOf.get(row.id.toLowerCase()) !== row.streamName);
  if (clash) throw new DuplicateEventIdError(clash.id);
}
