import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { chainHash, GENESIS_HASH } from '../hash-chain.js';
import type { NewStream, NewStreamOutcome } from '../port.js';
import { encodePosition } from './position.js';
import { preparedEvent } from './prepared-event.js';

/**
 * Claims a batch's new streams inside the caller's transaction: which of them exist already (those
 * answer 'exists' and draw nothing: trap 2, the check comes before the sequence), and one
 * global_position for every event of the others, drawn from the events table's own identity
 * sequence. The transaction id is the one the rows will carry (the column's default).
 */
const CLAIM_SQL = `
  WITH fresh AS (
    SELECT s.n, s.size FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS s(name, size, n)
     WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_name = s.name)
  )
  SELECT pg_current_xact_id()::text AS transaction_id,
         ARRAY(SELECT n::integer FROM fresh ORDER BY n) AS fresh,
         ARRAY(SELECT nextval(pg_get_serial_sequence('events', 'global_position'))
                 FROM fresh, generate_series(1, fresh.size)) AS positions`;

/** transaction_id is left to its default, pg_current_xact_id(): the same value as CLAIM_SQL's. */
const COPY_SQL = `COPY events (global_position, event_id, stream_name, stream_revision, event_type, schema_version,
  data, metadata, recorded_at, previous_hash, hash) FROM STDIN`;

interface Claim {
  transaction_id: string;
  /** 1-based indexes into the batch of the streams not found in the store. */
  fresh: number[];
  positions: string[];
}

/**
 * A batch of new streams ready for COPY: each event's row in COPY's text format except its
 * global_position, which is drawn when the batch is written (and drawn again if it is run again).
 * Canonical JSON and the hash chain are computed once here, however often the batch is retried.
 */
export class NewStreamsCopy {
  private readonly rowsByStream: string[][];
  private readonly names: string[];
  private readonly sizes: number[];

  constructor(
    private readonly streams: readonly NewStream[],
    recordedAt: Date,
  ) {
    const recordedAtText = recordedAt.toISOString();
    this.rowsByStream = streams.map((stream) => copyRows(stream, recordedAt, recordedAtText));
    this.names = streams.map(({ stream }) => stream);
    this.sizes = streams.map(({ events }) => events.length);
  }

  /** Inside an open transaction on `client`: claims, copies the new streams' rows, answers per stream. */
  async write(client: pg.ClientBase): Promise<NewStreamOutcome[]> {
    const { rows } = await client.query<Claim>({
      name: 'event_store_claim_new_streams',
      text: CLAIM_SQL,
      values: [this.names, this.sizes],
    });
    const claim = rows[0]!;
    const lastPositions = claim.fresh.length > 0 ? await this.copy(client, claim) : new Map<number, string>();
    return this.streams.map(({ stream, events }, index) => {
      const last = lastPositions.get(index + 1);
      if (last === undefined) return { stream, result: 'exists' };
      const position = encodePosition(claim.transaction_id, last);
      return { stream, result: { nextRevision: events.length - 1, position } };
    });
  }

  /** COPYs the fresh streams' rows in batch order; answers each one's last global_position. */
  private async copy(client: pg.ClientBase, claim: Claim): Promise<Map<number, string>> {
    const positions = claim.positions.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const lastPositions = new Map<number, string>();
    let text = '';
    let drawn = 0;
    for (const n of claim.fresh) {
      for (const row of this.rowsByStream[n - 1]!) text += `${positions[drawn++]!}\t${row}\n`;
      lastPositions.set(n, String(positions[drawn - 1]));
    }
    await copyIn(client, text);
    return lastPositions;
  }
}

/** Sends `text` (rows in COPY's text format) through `COPY … FROM STDIN`; resolves when the server took it. */
export function copyIn(client: pg.ClientBase, text: string, copySql: string = COPY_SQL): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyStreams.from(copySql));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
}

/** A new stream's rows, linked from the genesis hash exactly as hash-chain.ts links them. */
function copyRows({ stream, events }: NewStream, recordedAt: Date, recordedAtText: string): string[] {
  let previousHash = GENESIS_HASH;
  const streamText = copyText(stream);
  return events.map((event, revision) => {
    const { data, metadata, digest } = preparedEvent(stream, event, recordedAt);
    const hash = chainHash(previousHash, revision, digest);
    const row =
      `${copyText(event.id)}\t${streamText}\t${revision}\t${copyText(event.type)}\t${event.schemaVersion}\t` +
      `${copyJson(data)}\t${copyJson(metadata)}\t${recordedAtText}\t${previousHash}\t${hash}`;
    previousHash = hash;
    return row;
  });
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** JSON text in COPY's text format: JSON has no raw tab or line break, only backslashes need doubling. */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (special) => COPY_ESCAPES[special]!) : value;
}
