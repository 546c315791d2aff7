import pg from 'pg';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { type AppProcess, freePort, startAppProcess } from '../support/app-process.js';
import { TEST_AUTH_ENV } from '../support/auth.js';
import { agent, intake } from '../support/complaint-requests.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let admin: pg.Client;
/** Holds the lock; `admin` watches (pg_stat_activity is a snapshot taken once per transaction). */
let locker: pg.Client;
let api: AppProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase('shutdown');
  await runMigrations(database.url, productMigrations);
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
});
afterAll(async () => {
  api?.child.kill('SIGKILL');
  await Promise.all([admin.end(), locker.end()]);
  await database.drop();
});

/** Backends of this database waiting for a lock: the request we hold up. */
async function waitingOnLock(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

describe('API graceful shutdown', () => {
  it('on SIGTERM stops taking connections, lets the request in flight finish and store its events, then exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    api = startAppProcess('apps/api/src/main.ts', { DATABASE_URL: database.url, PORT: String(port), ...TEST_AUTH_ENV });
    await api.waitFor(/listening on/);

    // Hold the events table so the next command stays in flight until we let it go.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE events IN EXCLUSIVE MODE');
    let settled = false;
    const inFlight = fetch(`${url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...agent },
      body: JSON.stringify(intake()),
    }).finally(() => (settled = true));
    await eventually(async () => (await waitingOnLock()) > 0, 'the command to wait for the events table');

    api.child.kill('SIGTERM');
    await eventually(
      () =>
        fetch(`${url}/health/live`).then(
          () => false,
          () => true,
        ),
      'new connections to be refused',
    );
    expect(settled).toBe(false);
    expect(api.child.exitCode).toBeNull();

    await locker.query('COMMIT');
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    const { complaintId } = (await answer.json()) as { complaintId: string };
    expect(await api.exited()).toEqual({ code: 0, signal: null });
    expect(api.output()).toContain('shut down cleanly');
    const { rows } = await admin.query('SELECT event_type FROM events WHERE stream_name = $1', [
      `complaint-${complaintId}`,
    ]);
    expect(rows).toEqual([{ event_type: 'ComplaintReceived' }]);
  }, 60_000);
});
