/**
 * Tamper evidence: every field of a stored event altered by SQL, at the first, a middle and the last
 * revision of a stream, is detected by GET /complaints/:id/verify at that revision, with the reason;
 * `events verify` over the whole store prints every broken stream and exits 1, and 0 on a clean store.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventsVerifyCommand } from '../../apps/cli/src/commands/events-verify.command.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, auditor, intake } from '../support/complaint-requests.js';
import { createTestDatabase } from '../support/database.js';
import { contactEvent, receivedEvent, runCli, untilFeedShows } from './audit-support.js';

const LAST = 5; // each tampered stream has revisions 0..5

/** How to alter one row (`$1` stream, `$2` revision), and what verify must say. */
const TAMPERINGS: Record<string, { sql: string; reason: string; notAtLast?: true }> = {
  'data: a field added': { sql: `SET data = data || '{"x":1}'`, reason: 'hash_mismatch' },
  'data: one character of a value': {
    sql: `SET data = jsonb_set(data, '{by}', to_jsonb('agent-8'::text))`,
    reason: 'hash_mismatch',
  },
  'metadata: the actor': {
    sql: `SET metadata = jsonb_set(metadata, '{actor,id}', '"mallory"')`,
    reason: 'hash_mismatch',
  },
  'metadata: a field removed': { sql: `SET metadata = metadata - 'causationId'`, reason: 'hash_mismatch' },
  type: { sql: `SET event_type = event_type || 'x'`, reason: 'hash_mismatch' },
  'schema version': { sql: `SET schema_version = schema_version + 1`, reason: 'hash_mismatch' },
  'recorded at (1 ms)': { sql: `SET recorded_at = recorded_at + interval '1 millisecond'`, reason: 'hash_mismatch' },
  'event id': { sql: `SET event_id = gen_random_uuid()`, reason: 'hash_mismatch' },
  'hash (one hex digit)': {
    sql: `SET hash = overlay(hash placing (CASE WHEN substr(hash, 9, 1) = 'a' THEN 'b' ELSE 'a' END) from 9 for 1)`,
    reason: 'hash_mismatch',
  },
  'previous hash (one hex digit)': {
    sql: `SET previous_hash = overlay(previous_hash placing (CASE WHEN substr(previous_hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) from 1 for 1)`,
    reason: 'previous_hash_mismatch',
  },
  'revision moved': { sql: `SET stream_revision = stream_revision + 1000`, reason: 'revision_gap' },
  // Removing the LAST events of a stream leaves a valid shorter chain: a hash chain cannot see a
  // truncated tail without an anchor kept elsewhere; these two are checked inside the stream.
  'stream renamed': { sql: `SET stream_name = stream_name || '-x'`, reason: 'revision_gap', notAtLast: true },
  deleted: { sql: 'DELETE', reason: 'revision_gap', notAtLast: true },
};

const CASES = Object.entries(TAMPERINGS).flatMap(([field, tampering]) =>
  [0, 2, LAST]
    .filter((revision) => !(tampering.notAtLast && revision === LAST))
    .map((revision) => ({ field, revision, ...tampering, complaintId: randomUUID() })),
);

let api: TestApi;
let http: ReturnType<typeof httpClient>;
let sql: pg.Pool;
let untouched: string;
let viaApi: string;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
  sql = new pg.Pool({ connectionString: api.database.url, max: 2 });
  const store = new PostgresEventStore({ pool: sql });
  untouched = randomUUID();
  for (const complaintId of [untouched, ...CASES.map((c) => c.complaintId)]) {
    const stream = `complaint-${complaintId}`;
    await store.append(stream, [receivedEvent(complaintId), contactEvent(complaintId, 1)], 'no_stream');
    for (let n = 2; n <= LAST; n++) await store.append(stream, [contactEvent(complaintId, n)], n - 1);
  }
  viaApi = (await http.post('/complaints', intake())).body.complaintId;
  await http.post(`/complaints/${viaApi}/acknowledge`, { how: 'email' });
  await untilFeedShows(store, (CASES.length + 1) * (LAST + 1) + 2);
  for (const { complaintId, revision, sql: change } of CASES) {
    const target = `FROM events WHERE stream_name = $1 AND stream_revision = $2`;
    const statement =
      change === 'DELETE'
        ? `DELETE ${target}`
        : `UPDATE events ${change} WHERE stream_name = $1 AND stream_revision = $2`;
    const { rowCount } = await sql.query(statement, [`complaint-${complaintId}`, revision]);
    if (rowCount !== 1) throw new Error(`tampering ${change} touched ${rowCount} rows`);
  }
});

afterAll(async () => {
  await sql.end();
  await api.close();
});

test('untouched streams verify, whether written by the API or directly', async () => {
  expect((await http.get(`/complaints/${untouched}/verify`, auditor)).body).toEqual({ ok: true, revision: LAST });
  expect((await http.get(`/complaints/${viaApi}/verify`, auditor)).body).toEqual({ ok: true, revision: 1 });
});

test.each(CASES.map((c) => [c.field, c.revision, c] as const))(
  '%s altered at revision %i is detected there',
  async (_field, revision, { complaintId, reason }) => {
    const answer = await http.get(`/complaints/${complaintId}/verify`, auditor);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: false, brokenAtRevision: revision, reason });
  },
);

test('verify of an unknown complaint is a 404, of a bad id a 400', async () => {
  expect((await http.get(`/complaints/${randomUUID()}/verify`, auditor)).body.code).toBe('COMPLAINT_NOT_FOUND');
  expect((await http.get('/complaints/nope/verify', auditor)).body.code).toBe('INVALID_ID');
});

test('events verify prints every broken stream at its revision and exits 1', async () => {
  const run = await runCli(eventsVerifyCommand, ['--page-size', '7'], api.database.url);
  expect(run.code).toBe(1);
  expect(run.err).toMatch(/verify .*100\.0%/); // the progress bar, on stderr
  const reported = run.out.split('\n').filter((line) => line.startsWith('broken: '));
  for (const { complaintId, revision, reason } of CASES) {
    const line = reported.find((candidate) => candidate.startsWith(`broken: complaint-${complaintId} `));
    expect({ complaintId, line }).toEqual({
      complaintId,
      line: expect.stringContaining(`at revision ${revision}: ${reason}`),
    });
  }
  expect(run.out).not.toContain(untouched);
  expect(run.out).not.toContain(`complaint-${viaApi} `);
  // A renamed event also shows up as a stream of its own that does not start at revision 0.
  const renamed = CASES.filter((c) => c.field === 'stream renamed').length;
  expect(reported).toHaveLength(CASES.length + renamed);
  expect(run.out).toMatch(/BROKEN: \d+ of \d+ events in \d+ streams/);
});

test('events verify on a clean store says ok and exits 0', async () => {
  const clean = await createTestDatabase('verify_clean');
  try {
    await runMigrations(clean.url, productMigrations);
    const store = new PostgresEventStore({ connectionString: clean.url, poolSize: 2 });
    const id = randomUUID();
    await store.append(`complaint-${id}`, [receivedEvent(id), contactEvent(id, 1)], 'no_stream');
    await untilFeedShows(store, 2);
    await store.close();
    const run = await runCli(eventsVerifyCommand, [], clean.url);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining('ok: 2 events in 1 streams') });
    expect(run.err).toMatch(/verify .*100\.0% 2\/2 events/);
  } finally {
    await clean.drop();
  }
});

test('a mistaken argument is a usage error', async () => {
  await expect(runCli(eventsVerifyCommand, ['--pages', '3'], api.database.url)).rejects.toThrow('unknown argument');
});
