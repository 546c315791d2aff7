/**
 * Export and import: GET /audit/export and `events export` write the same NDJSON (every stored event
 * with its metadata and hashes, in feed order); `events import` rebuilds identical streams,
 * revisions, ids, metadata, recordedAt and hashes in an empty store — PostgreSQL → HTTP body →
 * PostgreSQL and PostgreSQL → file → PostgreSQL (and → in-memory) — on a store of > 10,000 events.
 * Refusals: a non-empty target, bad lines (reported by number), bad query parameters.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventsExportCommand } from '../../apps/cli/src/commands/events-export.command.js';
import { eventsImportCommand } from '../../apps/cli/src/commands/events-import.command.js';
import { eventsVerifyCommand } from '../../apps/cli/src/commands/events-verify.command.js';
import { InMemoryEventStore, PostgresEventStore } from '../../libs/event-store/src/index.js';
import { importExportFile } from '../../libs/event-store/src/audit/import-events.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, auditor, intake } from '../support/complaint-requests.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contactEvent, receivedEvent, runCli, untilFeedShows } from './audit-support.js';

const STREAMS = 1020;
const EVENTS_PER_STREAM = 10; // 10,200 seeded events, plus one complaint through the API
const T0 = Date.parse('2025-01-01T00:00:00.000Z');

let api: TestApi;
let source: PostgresEventStore;
let dir: string;
let total: number;
let body: string;
const targets: TestDatabase[] = [];

/** Every stored column but the positions, in a stable order: what "identical" means here. */
async function dump(url: string): Promise<unknown[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query(`SELECT event_id, stream_name, stream_revision, event_type, schema_version,
        data, metadata, recorded_at, previous_hash, hash FROM events ORDER BY stream_name, stream_revision`);
    return rows;
  } finally {
    await pool.end();
  }
}

async function emptyTarget(): Promise<TestDatabase> {
  const database = await createTestDatabase('import');
  targets.push(database);
  await runMigrations(database.url, productMigrations);
  return database;
}

beforeAll(async () => {
  api = await startTestApi();
  dir = await mkdtemp(join(tmpdir(), 'audit-export-'));
  // A clock one second per append, so that time windows select whole appends.
  let tick = 0;
  source = new PostgresEventStore({
    connectionString: api.database.url,
    poolSize: 8,
    clock: () => new Date(T0 + 1000 * tick++),
  });
  const ids = Array.from({ length: STREAMS }, () => randomUUID());
  const write = async (id: string) => {
    const events = [
      receivedEvent(id),
      ...Array.from({ length: EVENTS_PER_STREAM - 1 }, (_, n) => contactEvent(id, n + 1)),
    ];
    await source.append(`complaint-${id}`, events.slice(0, 4), 'no_stream');
    await source.append(`complaint-${id}`, events.slice(4), 3);
  };
  for (let start = 0; start < ids.length; start += 8) await Promise.all(ids.slice(start, start + 8).map(write));
  const http = httpClient(api.url, agent);
  const viaApi = (await http.post('/complaints', intake())).body.complaintId;
  await http.post(`/complaints/${viaApi}/acknowledge`, { how: 'email' });
  total = STREAMS * EVENTS_PER_STREAM + 2;
  await untilFeedShows(source, total);
  body = await (await fetch(`${api.url}/audit/export`, { headers: auditor })).text();
}, 120_000);

afterAll(async () => {
  await source.close();
  await api.close();
  for (const target of targets) await target.drop();
  await rm(dir, { recursive: true, force: true });
});

test('the HTTP export is NDJSON: one stored event per line, in feed order, with metadata and hashes', async () => {
  const lines = body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines).toHaveLength(total);
  const feed = (await source.readAll({ after: 'start', limit: total + 1 })).events;
  expect(lines.map((line) => line.id)).toEqual(feed.map((event) => event.id));
  expect(lines[0]).toEqual({
    id: feed[0]!.id,
    streamName: feed[0]!.streamName,
    revision: 0,
    type: 'ComplaintReceived',
    schemaVersion: 2,
    recordedAt: feed[0]!.recordedAt.toISOString(),
    data: feed[0]!.data,
    metadata: feed[0]!.metadata,
    previousHash: '0'.repeat(64),
    hash: feed[0]!.hash,
    position: feed[0]!.position,
  });
});

test('PostgreSQL → HTTP body → PostgreSQL: identical streams, revisions, ids, metadata, times and hashes', async () => {
  const target = await emptyTarget();
  const file = join(dir, 'http.ndjson');
  await writeFile(file, body);
  const run = await runCli(eventsImportCommand, ['--in', file], target.url);
  expect(run).toMatchObject({
    code: 0,
    out: expect.stringContaining(`imported ${total} events in ${STREAMS + 1} streams`),
  });
  expect(await dump(target.url)).toEqual(await dump(api.database.url));
  expect((await runCli(eventsVerifyCommand, [], target.url)).code).toBe(0);
}, 60_000);

describe('PostgreSQL → file → PostgreSQL with the CLI', () => {
  let file: string;
  let target: TestDatabase;

  test('events export writes the same bytes as the HTTP export, with a progress bar', async () => {
    file = join(dir, 'cli.ndjson');
    const run = await runCli(eventsExportCommand, ['--out', file], api.database.url);
    expect(run).toMatchObject({ code: 0, out: `exported ${total} events to ${file}\n` });
    expect(run.err).toMatch(/export .*100\.0%/);
    expect(await readFile(file, 'utf8')).toBe(body);
  });

  test('events import rebuilds the store identically', async () => {
    target = await emptyTarget();
    const run = await runCli(eventsImportCommand, ['--in', file], target.url);
    expect(run.code).toBe(0);
    expect(await dump(target.url)).toEqual(await dump(api.database.url));
  }, 60_000);

  test('a second import into the now non-empty store is refused; with --resume it adds nothing', async () => {
    const again = await runCli(eventsImportCommand, ['--in', file], target.url);
    expect(again).toMatchObject({ code: 1, out: expect.stringContaining('not empty') });
    const resumed = await runCli(eventsImportCommand, ['--in', file, '--resume', 'yes'], target.url);
    expect(resumed).toMatchObject({ code: 0, out: expect.stringContaining(`imported 0 events`) });
    expect(resumed.out).toContain(`(${total} already there)`);
  }, 60_000);
});

test('an interrupted import resumes with the same file and ends identical', async () => {
  const target = await emptyTarget();
  const half = join(dir, 'half.ndjson');
  const lines = body.split('\n');
  await writeFile(half, `${lines.slice(0, 4003).join('\n')}\n`);
  expect((await runCli(eventsImportCommand, ['--in', half], target.url)).code).toBe(0);
  const full = join(dir, 'full.ndjson');
  await writeFile(full, body);
  const resumed = await runCli(eventsImportCommand, ['--in', full, '--resume', 'yes'], target.url);
  expect(resumed).toMatchObject({ code: 0, out: expect.stringContaining(`imported ${total - 4003} events`) });
  expect(await dump(target.url)).toEqual(await dump(api.database.url));
}, 60_000);

test('resuming over a store with other events is refused', async () => {
  const target = await emptyTarget();
  const other = new PostgresEventStore({ connectionString: target.url, poolSize: 1 });
  const first = JSON.parse(body.slice(0, body.indexOf('\n')));
  await other.append(first.streamName, [receivedEvent(first.data.complaintId)], 'no_stream');
  await other.close();
  const file = join(dir, 'resume-other.ndjson');
  await writeFile(file, body);
  const run = await runCli(eventsImportCommand, ['--in', file, '--resume', 'yes'], target.url);
  expect(run).toMatchObject({ code: 1, out: expect.stringContaining('line 1: the store holds another event') });
});

test('the same file imports into the in-memory adapter with the same hashes', async () => {
  const memory = new InMemoryEventStore();
  const lines = body.trimEnd().split('\n');
  const result = await importExportFile(memory, async function* () {
    yield* lines;
  });
  expect(result).toEqual({ imported: total, skipped: 0 });
  const copied = (await memory.readAll({ limit: total + 1 })).events;
  expect(copied.map((event) => event.hash).sort()).toEqual(lines.map((line) => JSON.parse(line).hash).sort());
});

test('a file with bad lines is refused with their numbers, and nothing is written', async () => {
  const target = await emptyTarget();
  const lines = body.trimEnd().split('\n').slice(0, 30);
  const altered = JSON.parse(lines[4]!);
  altered.data.summary = 'changed';
  lines[4] = JSON.stringify(altered);
  lines[7] = '{"id": "not json';
  lines[11] = JSON.stringify({ ...JSON.parse(lines[11]!), hash: 'abc' });
  const file = join(dir, 'bad.ndjson');
  await writeFile(file, `${lines.join('\n')}\n`);
  const run = await runCli(eventsImportCommand, ['--in', file], target.url);
  expect(run.code).toBe(1);
  expect(run.out).toContain('bad line 5: complaint-');
  expect(run.out).toContain('hash_mismatch');
  expect(run.out).toContain('bad line 8: not valid JSON');
  expect(run.out).toContain('bad line 12: missing or invalid: hash');
  expect(run.out).toContain('nothing was imported');
  expect(await dump(target.url)).toEqual([]);
});

describe('selections', () => {
  const lines = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));

  test('?stream= (a complaint id or its stream name) gives that stream in revision order', async () => {
    const first = lines(body)[0];
    for (const stream of [first.data.complaintId, first.streamName]) {
      const response = await fetch(`${api.url}/audit/export?stream=${stream}`, { headers: auditor });
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      const selected = lines(await response.text());
      expect(selected.map((line) => [line.streamName, line.revision])).toEqual(
        Array.from({ length: EVENTS_PER_STREAM }, (_, revision) => [first.streamName, revision]),
      );
    }
  });

  test('?from=&to= selects recordedAt in [from, to)', async () => {
    const from = new Date(T0 + 10_000).toISOString();
    const to = new Date(T0 + 20_000).toISOString();
    const selected = lines(
      await (await fetch(`${api.url}/audit/export?from=${from}&to=${to}`, { headers: auditor })).text(),
    );
    const expected = lines(body).filter((line) => line.recordedAt >= from && line.recordedAt < to);
    expect(expected.length).toBeGreaterThan(10);
    expect(selected).toEqual(expected);
  });

  test('an unknown stream gives an empty export', async () => {
    const response = await fetch(`${api.url}/audit/export?stream=${randomUUID()}`, { headers: auditor });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  test.each([
    ['from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z', 'INVALID_TIME_RANGE'],
    ['from=yesterday', 'VALIDATION_FAILED'],
    ['to=2025-02-30T00:00:00Z', 'VALIDATION_FAILED'],
    ['stream=../../etc', 'INVALID_STREAM'],
    ['limit=5', 'VALIDATION_FAILED'],
  ])('?%s is a 400 %s', async (query, code) => {
    const response = await fetch(`${api.url}/audit/export?${query}`, { headers: auditor });
    expect({ status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({
      status: 400,
      code,
    });
  });
});
