/**
 * The raw baselines of the import bench: the importer's own event rows, replayed through the domain,
 * written without the event store (no revision check, no hash chain, no sealing) by plain INSERTs or
 * by COPY, as the store writes a batch of new streams.
 */
import pg from 'pg';
import {
  type CsvRecord,
  planCfpbRecord,
  readCsvFile,
  type ReplayedHistory,
  replayHistory,
  WriterPool,
} from '../../libs/import/src/index.js';
import { copyIn, copyText } from '../../libs/event-store/src/postgres/copy-new-streams.js';
import { timeOrderedUuid } from '../../libs/platform/src/ids/time-ordered-uuid.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';

/** The events table's shape without the store: same columns and indexes, no chain, no revision check. */
const RAW_TABLE = `CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY,
  UNIQUE (event_id), UNIQUE (stream_name, stream_revision), PRIMARY KEY (global_position));
  CREATE INDEX raw_events_feed ON raw_events (transaction_id, global_position)`;
const RAW_INSERT = `INSERT INTO raw_events (event_id, stream_name, stream_revision, event_type, schema_version, data,
  metadata, recorded_at, previous_hash, hash)
  SELECT e.id, e.stream, e.revision, e.type, e.version, d.value, m.value, now(), $6, $6
    FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $7::int[])
           WITH ORDINALITY AS e(stream, id, type, version, revision, n)
    JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS d(value, n) ON d.n = e.n
    JOIN jsonb_array_elements($8::jsonb) WITH ORDINALITY AS m(value, n) ON m.n = e.n`;
const RAW_COPY = `COPY raw_events (event_id, stream_name, stream_revision, event_type, schema_version, data, metadata,
  recorded_at, previous_hash, hash) FROM STDIN`;
const HASH = 'a'.repeat(64);
export const RAW_BATCH = 250;

/** One write of a batch of rows: a multi-row INSERT, or a COPY in a transaction of its own. */
export type RawWriteMode = 'insert' | 'copy';

interface RawRow {
  stream: string;
  revision: number;
  event: ReplayedHistory['events'][number];
}

export interface RawWriteOptions {
  /** Complaints per INSERT or COPY (one transaction each). */
  perWrite: number;
  /** Writes in flight, as many as the import phase it is the baseline of. */
  writers: number;
  mode: RawWriteMode;
}

/** The importer's event rows, as `options` says, into a table of the events table's shape. */
export async function rawWrite(
  file: string,
  fresh: () => Promise<string>,
  { perWrite, writers: writerCount, mode }: RawWriteOptions,
): Promise<{ complaints: number; events: number }> {
  const pool = new pg.Pool({ connectionString: await fresh(), max: writerCount });
  const writers = new WriterPool(writerCount);
  const counts = { complaints: 0, events: 0 };
  let batch: RawRow[] = [];
  let inBatch = 0;
  const flush = async () => {
    const rows = batch;
    const complaints = inBatch;
    [batch, inBatch] = [[], 0];
    await writers.submit(async () => {
      await (mode === 'copy'
        ? copyRows(pool, rows)
        : pool.query({ name: 'raw_insert', text: RAW_INSERT, values: insertValues(rows) }));
      counts.complaints += complaints;
      counts.events += rows.length;
    });
  };
  try {
    await runMigrations(pool.options.connectionString!, productMigrations);
    await pool.query(RAW_TABLE);
    for await (const history of replayedHistories(file)) {
      batch.push(...history.events.map((event, revision) => ({ stream: history.stream, revision, event })));
      if (++inBatch === perWrite) await flush();
    }
    if (inBatch > 0) await flush();
    await writers.drain();
  } finally {
    await pool.end();
  }
  return counts;
}

function insertValues(rows: RawRow[]): unknown[] {
  return [
    rows.map((row) => row.stream),
    rows.map((row) => row.event.id),
    rows.map((row) => row.event.type),
    rows.map((row) => row.event.schemaVersion),
    JSON.stringify(rows.map((row) => row.event.data)),
    HASH,
    rows.map((row) => row.revision),
    JSON.stringify(rows.map((row) => row.event.metadata)),
  ];
}

/** The rows by COPY in their own transaction; JSON escaped for COPY's text format as the store does. */
async function copyRows(pool: pg.Pool, rows: RawRow[]): Promise<void> {
  const now = new Date().toISOString();
  const text = rows
    .map(({ stream, revision, event }) =>
      [
        event.id,
        stream,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        now,
        HASH,
        HASH,
      ]
        .map((value) => copyText(String(value)))
        .join('\t'),
    )
    .join('\n');
  const client = await pool.connect();
  try {
    await copyIn(client, `${text}\n`, RAW_COPY);
  } finally {
    client.release();
  }
}

/** The file's records replayed through the domain, as the importer does before it appends. */
async function* replayedHistories(file: string): AsyncGenerator<ReplayedHistory> {
  let index: Map<string, number> | undefined;
  for await (const item of readCsvFile(file)) {
    if (item.kind !== 'record') continue;
    if (!index) index = new Map(item.fields.map((column, at) => [column, at]));
    else yield replayHistory('cfpb', planCfpbRecord(rowOf(item, index)), { newId: () => timeOrderedUuid() });
  }
}

function rowOf(record: CsvRecord, index: Map<string, number>) {
  return { line: record.line, get: (column: string) => record.fields[index.get(column) ?? -1] ?? '' };
}
