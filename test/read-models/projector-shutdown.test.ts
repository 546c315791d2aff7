import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { complaintSummaryProjection, readCheckpoint, rebuildProjection } from '../../libs/read-models/src/index.js';
import { type AppProcess, startAppProcess } from '../support/app-process.js';
import type { TestDatabase } from '../support/database.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { eventually, readModelDatabase, tableChecksum } from './support/read-model-database.js';

const COMPLAINTS = 1500;
const EVENTS_EACH = 8;
const TOTAL = COMPLAINTS * EVENTS_EACH; // 12,000
const SUMMARY = complaintSummaryProjection.name;

let database: TestDatabase;
let store: PostgresEventStore;
const processes: AppProcess[] = [];

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
  const complaints = randomComplaints(1515, COMPLAINTS, EVENTS_EACH);
  for (let index = 0; index < complaints.length; index += 8) {
    await Promise.all(
      complaints.slice(index, index + 8).map((c) => store.append(c.stream, toNewEvents(c.events), 'no_stream')),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const app of processes) app.child.kill('SIGKILL');
  await store.close();
  await database.drop();
});

beforeEach(async () => {
  await store.pool.query(`TRUNCATE complaint_summary; DELETE FROM projection_checkpoints`);
});

/** The real projector (apps/projector/src/main.ts) in a child process, run from the sources. */
function startProjector(env: Record<string, string> = {}): AppProcess {
  const app = startAppProcess('apps/projector/src/main.ts', {
    DATABASE_URL: database.url,
    PROJECTOR_METRICS_PORT: '0',
    // The histories are months old: an SLA monitor would add facts to the very streams being counted.
    SLA_MONITOR_ENABLED: 'false',
    ...env,
  });
  processes.push(app);
  return app;
}

const applied = async () => (await readCheckpoint(store.pool, SUMMARY))?.eventsApplied ?? 0;

/**
 * Every summary row carries the revision of the last event folded into it, and every stored event
 * moves it: the events the rows reflect are sum(last_revision + 1).
 */
async function eventsInRows(): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>(
    'SELECT coalesce(sum(last_revision + 1), 0)::int AS n FROM complaint_summary',
  );
  return rows[0]!.n;
}

/** A tight poll: the projector gets through a batch in a few ms. */
async function progressBeyond(events: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await applied()) <= events) {
    if (Date.now() > deadline) throw new Error('the projector made no progress');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Restarted, it finishes the run; the rows then equal a clean rebuild's. */
async function finishAndCompareWithRebuild(): Promise<void> {
  const projector = startProjector();
  await eventually(async () => (await applied()) === TOTAL, 'the restarted projector to catch up', 60_000);
  projector.child.kill('SIGTERM');
  expect((await projector.exited()).code).toBe(0);
  expect(await eventsInRows()).toBe(TOTAL);
  const afterRestart = await tableChecksum(store.pool, SUMMARY, 'complaint_id');
  await rebuildProjection({ store, pool: store.pool, projection: complaintSummaryProjection });
  expect(await tableChecksum(store.pool, SUMMARY, 'complaint_id')).toBe(afterRestart);
}

describe('projector graceful shutdown', () => {
  it('on SIGTERM mid-run commits the batch in flight, releases its leases and exits 0: the checkpoint equals the rows applied', async () => {
    const projector = startProjector();
    await progressBeyond(0);
    projector.child.kill('SIGTERM');
    expect(await projector.exited()).toEqual({ code: 0, signal: null });
    expect(projector.output()).toContain('leases released');

    const checkpoint = await applied();
    expect(checkpoint).toBeGreaterThan(0);
    expect(checkpoint).toBeLessThan(TOTAL); // stopped mid-run
    expect(await eventsInRows()).toBe(checkpoint);
    await finishAndCompareWithRebuild();
  }, 120_000);

  it('abandons a batch that cannot finish within SHUTDOWN_TIMEOUT_MS: exits 1, the batch rolls back with its checkpoint', async () => {
    const projector = startProjector({ SHUTDOWN_TIMEOUT_MS: '1000' });
    await progressBeyond(0);
    // Block the summary's next write: its batch is then stuck inside its transaction.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE complaint_summary IN EXCLUSIVE MODE`);
      const before = await applied();
      await eventually(async () => (await waitingOnLock()) > 0, 'a summary batch to wait for the table');
      projector.child.kill('SIGTERM');
      expect(await projector.exited()).toEqual({ code: 1, signal: null });
      expect(projector.output()).toContain('work in flight is abandoned');
      await blocker.query('COMMIT');
      await eventually(async () => (await openTransactions()) === 0, 'the abandoned batch to roll back');
      expect(await applied()).toBe(before);
      expect(await eventsInRows()).toBe(before);
    } finally {
      await blocker.end();
    }
    await finishAndCompareWithRebuild();
  }, 120_000);
});

async function waitingOnLock(): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

/** Transactions still open in this database other than the one asking. */
async function openTransactions(): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
  );
  return rows[0]!.n;
}
