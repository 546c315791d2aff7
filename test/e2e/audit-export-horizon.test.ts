/**
 * An export holds every event committed before it started, whatever the transaction ids and
 * whatever other transactions on the server do: the PostgreSQL feed shows an event only once every
 * older transaction has ended, so the export waits (bounded) for the events an older open
 * transaction still hides, and fails with a clear error rather than leave them out.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventsExportCommand } from '../../apps/cli/src/commands/events-export.command.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { auditor } from '../support/complaint-requests.js';
import { receivedEvent, runCli, untilFeedShows } from './audit-support.js';

let api: TestApi;
let store: PostgresEventStore;
let dir: string;

beforeAll(async () => {
  api = await startTestApi();
  store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 4 });
  dir = await mkdtemp(join(tmpdir(), 'audit-export-horizon-'));
});

afterAll(async () => {
  await store.close();
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

async function appendComplaints(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const complaintId = randomUUID();
    const event = receivedEvent(complaintId);
    await store.append(`complaint-${complaintId}`, [event], 'no_stream');
    ids.push(event.id);
  }
  return ids;
}

async function exportedIds(): Promise<string[]> {
  const response = await fetch(`${api.url}/audit/export`, { headers: auditor });
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** A transaction that has written (so holds an xid) and stays open: the feed hides everything after it. */
async function openOlderTransaction(): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: api.database.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_current_xact_id()');
  return holder;
}

test('an export holds every event when transaction ids cross a power of ten (95 to 124)', async () => {
  const ids = await appendComplaints(30);
  // Long-finished transaction ids, one per append, in the same order: as text '99' sorts after '124'.
  await store.pool.query('UPDATE events SET transaction_id = (94 + global_position)::text::xid8');
  expect(await exportedIds()).toEqual(ids);
});

test('an export waits for events an older open transaction hides, then holds all of them', async () => {
  const before = await exportedIds();
  const holder = await openOlderTransaction();
  let hidden: string[];
  let answered = false;
  let exported: Promise<string[]>;
  try {
    hidden = await appendComplaints(3);
    expect(await store.headPosition()).not.toBe(await store.committedHeadPosition());
    exported = exportedIds().finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(answered).toBe(false);
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  expect(await exported).toEqual([...before, ...hidden]);
});

test('events export gives up after --max-wait with a clear error, and writes no file', async () => {
  await untilFeedShows(store, (await exportedIds()).length);
  const holder = await openOlderTransaction();
  const file = join(dir, 'held.ndjson');
  try {
    await appendComplaints(1);
    const started = Date.now();
    await expect(runCli(eventsExportCommand, ['--out', file, '--max-wait', '0.3'], api.database.url)).rejects.toThrow(
      /after 300 ms: an older transaction on the database server is still open/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  await expect(access(file)).rejects.toThrow();
  await expect(access(`${file}.partial`)).rejects.toThrow();
});
