import type pg from 'pg';
import { canonicalJson } from '../canonical-json.js';
import { checkRecordedContinuation, EMPTY_TAIL } from '../copy/recorded-chain.js';
import {
  type AppendResult,
  DuplicateEventIdError,
  type RecordedEvent,
  type StreamName,
  WrongExpectedRevisionError,
} from '../port.js';
import { encodePosition } from './position.js';

const TAIL_SQL = `SELECT stream_revision, hash FROM events WHERE stream_name = $1 ORDER BY stream_revision DESC LIMIT 1`;

/** One multi-row INSERT; recordedAt and both hashes are stored as given (checked beforehand). */
const INSERT_SQL = `
  INSERT INTO events (event_id, stream_name, stream_revision, event_type, schema_version, data, metadata,
                      recorded_at, previous_hash, hash)
  SELECT e.id, $1, e.revision, e.type, e.schema_version, d.value, m.value, e.recorded_at, e.previous_hash, e.hash
    FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::integer[], $6::timestamptz[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(id, revision, type, schema_version, recorded_at, previous_hash, hash, n)
    JOIN jsonb_array_elements($9::jsonb) WITH ORDINALITY AS d(value, n) ON d.n = e.n
    JOIN jsonb_array_elements($10::jsonb) WITH ORDINALITY AS m(value, n) ON m.n = e.n
   ORDER BY e.n
  RETURNING transaction_id::text AS transaction_id, global_position, stream_revision`;

const UNIQUE_VIOLATION = '23505';

/**
 * The copy capability (see port.ts) for PostgreSQL. The tail check and the insert share a
 * transaction; UNIQUE(stream_name, stream_revision) still turns a concurrent writer into a conflict.
 */
export async function appendRecordedEvents(
  pool: pg.Pool,
  stream: StreamName,
  events: readonly RecordedEvent[],
): Promise<AppendResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ stream_revision: string; hash: string }>(TAIL_SQL, [stream]);
    const tail = rows[0] ? { revision: Number(rows[0].stream_revision), hash: rows[0].hash } : EMPTY_TAIL;
    checkRecordedContinuation(stream, events, tail);
    const inserted = await client.query<{ transaction_id: string; global_position: string }>(
      INSERT_SQL,
      insertParams(stream, events),
    );
    await client.query('COMMIT');
    const last = inserted.rows.at(-1)!;
    return {
      nextRevision: events.at(-1)!.revision,
      position: encodePosition(last.transaction_id, last.global_position),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw translate(error, stream, events);
  } finally {
    client.release();
  }
}

function insertParams(stream: StreamName, events: readonly RecordedEvent[]): unknown[] {
  return [
    stream,
    events.map((event) => event.id),
    events.map((event) => event.revision),
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion),
    events.map((event) => event.recordedAt),
    events.map((event) => event.previousHash),
    events.map((event) => event.hash),
    `[${events.map((event) => canonicalJson(event.data ?? null)).join(',')}]`,
    `[${events.map((event) => canonicalJson(event.metadata)).join(',')}]`,
  ];
}

function translate(error: unknown, stream: StreamName, events: readonly RecordedEvent[]): unknown {
  const database = error as pg.DatabaseError;
  if (database.code !== UNIQUE_VIOLATION) return error;
  if (database.constraint === 'events_event_id_unique') return new DuplicateEventIdError(events[0]!.id);
  return new WrongExpectedRevisionError(stream, events[0]!.revision - 1, -1);
}
