import type pg from 'pg';
import type { StoredIdentity } from '../append-rules.js';
import { canonicalJson } from '../canonical-json.js';
import { chainHash, digestOfCanonical, GENESIS_HASH } from '../hash-chain.js';
import {
  type AppendResult,
  DuplicateEventIdError,
  type NewEvent,
  type NewStream,
  type NewStreamOutcome,
  type StreamName,
  WrongExpectedRevisionError,
} from '../port.js';
import { encodePosition } from './position.js';

/**
 * Many new streams in ONE statement (appendNewStreams, see port.ts). A new stream's whole chain is
 * known in Node (revision 0 links to the genesis hash), so the server only has to find which streams
 * exist already: `fresh` keeps the others, and only their rows reach the INSERT, so a stream found
 * there draws no global_position (trap 2). Rows are inserted in the order given ($2.. per event, the
 * stream by its index into $1), so the batch's feed positions follow it. A concurrent writer of one
 * of the streams makes the statement fail on events_stream_revision_unique (after that writer
 * commits): nothing of the batch is written, and the caller runs it again, when the stream shows up
 * in `existing`.
 */
export const APPEND_NEW_STREAMS_SQL = `
  WITH fresh AS (
    SELECT s.name, s.n FROM unnest($1::text[]) WITH ORDINALITY AS s(name, n)
     WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_name = s.name)
  )
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, schema_version, data, metadata,
                      recorded_at, previous_hash, hash)
  SELECT e.id, f.name, e.revision, e.type, e.schema_version, d.value, m.value, $9::timestamptz, e.previous_hash,
         e.hash
    FROM unnest($2::integer[], $3::uuid[], $4::bigint[], $5::text[], $6::integer[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(stream_n, id, revision, type, schema_version, previous_hash, hash, n)
    JOIN fresh f ON f.n = e.stream_n
    JOIN jsonb_array_elements($10::jsonb) WITH ORDINALITY AS d(value, n) ON d.n = e.n
    JOIN jsonb_array_elements($11::jsonb) WITH ORDINALITY AS m(value, n) ON m.n = e.n
   ORDER BY e.n
  RETURNING stream_name, stream_revision, transaction_id::text AS transaction_id, global_position`;

/** What writeNewStreams needs from the adapter. */
export interface NewStreamsWriter {
  /** One statement in a transaction of its own. */
  run(query: pg.QueryConfig): Promise<pg.QueryResult>;
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
  const query = newStreamsQuery(streams, recordedAt);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    try {
      return newStreamOutcomes(streams, await writer.run(query));
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

interface InsertedRow {
  stream_name: string;
  stream_revision: string;
  transaction_id: string;
  global_position: string;
}

/** The statement for a validated, non-empty batch. */
export function newStreamsQuery(streams: readonly NewStream[], recordedAt: Date): pg.QueryConfig {
  const rows = streams.flatMap((stream, index) => chainedRows(stream, index + 1, recordedAt));
  const column = <T>(pick: (row: ChainedRow) => T): T[] => rows.map(pick);
  return {
    name: 'event_store_append_new_streams',
    text: APPEND_NEW_STREAMS_SQL,
    values: [
      streams.map(({ stream }) => stream),
      column((row) => row.streamIndex),
      column((row) => row.event.id),
      column((row) => row.revision),
      column((row) => row.event.type),
      column((row) => row.event.schemaVersion),
      column((row) => row.previousHash),
      column((row) => row.hash),
      recordedAt,
      `[${column((row) => row.data).join(',')}]`,
      `[${column((row) => row.metadata).join(',')}]`,
    ],
  };
}

interface ChainedRow {
  streamIndex: number;
  event: NewEvent;
  revision: number;
  /** Canonical JSON, sent as the jsonb values too, so each is serialised once. */
  data: string;
  metadata: string;
  previousHash: string;
  hash: string;
}

/** A new stream's rows, linked from the genesis hash exactly as hash-chain.ts links them. */
function chainedRows({ stream, events }: NewStream, streamIndex: number, recordedAt: Date): ChainedRow[] {
  let previousHash = GENESIS_HASH;
  return events.map((event, revision) => {
    const data = canonicalJson(event.data ?? null);
    const metadata = canonicalJson(event.metadata);
    const content = { ...event, id: event.id.toLowerCase(), streamName: stream, recordedAt };
    const hash = chainHash(previousHash, revision, digestOfCanonical(content, data, metadata));
    const row = { streamIndex, event, revision, data, metadata, previousHash, hash };
    previousHash = hash;
    return row;
  });
}

/** Each stream's outcome, in the batch's order: its last inserted row, or 'exists' when none was. */
export function newStreamOutcomes(streams: readonly NewStream[], inserted: pg.QueryResult): NewStreamOutcome[] {
  const last = new Map<string, InsertedRow>();
  for (const row of inserted.rows as InsertedRow[]) {
    const seen = last.get(row.stream_name);
    if (!seen || Number(row.stream_revision) > Number(seen.stream_revision)) last.set(row.stream_name, row);
  }
  return streams.map(({ stream }) => {
    const row = last.get(stream);
    if (!row) return { stream, result: 'exists' };
    const position = encodePosition(row.transaction_id, row.global_position);
    return { stream, result: { nextRevision: Number(row.stream_revision), position } };
  });
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
