/**
 * The real projector (apps/projector/src/main.ts) in a child process, killed with SIGKILL after its
 * SLA monitor found a breach and while it is writing it: the restarted projector writes the breach
 * (and its escalation) once.
 *
 * To stop the monitor between "found" and "written" deterministically, the test holds an EXCLUSIVE
 * lock on the events table (reads go on, appends wait), kills the process once its append waits,
 * and terminates that orphaned statement before releasing the lock — as if the process had died
 * before its append reached the server (otherwise the server would finish the statement on its own).
 */
import pg from 'pg';
import { streamNameFor } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { type AppProcess, startAppProcess } from '../support/app-process.js';
import type { TestDatabase } from '../support/database.js';
import { parsePrometheus, valueOf } from '../support/prometheus.js';
import { append, eventsOf } from '../read-models/sla-fixtures.js';
import { eventually, readModelDatabase } from '../read-models/support/read-model-database.js';

const ID = '9e5b1a72-4d6f-4a21-9ca3-000000000001';
const HOUR = 3_600_000;

let database: TestDatabase;
let store: PostgresEventStore;
const processes: AppProcess[] = [];

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
  // A P1 complaint received two hours ago (the projector runs on the system clock) whose acknowledge
  // warning an earlier pass recorded: its acknowledge breach is the one thing due.
  const received = new Date(Date.now() - 2 * HOUR).toISOString();
  const on = eventsOf(ID);
  const warning = {
    type: 'SlaWarningRaised' as const,
    data: { complaintId: ID, target: 'acknowledge' as const, dueAt: received, raisedAt: received },
  };
  await append(store, ID, [on.received(received), on.categorized(received, 'P1'), warning]);
});
afterAll(async () => {
  for (const app of processes) app.child.kill('SIGKILL');
  await store.close();
  await database.drop();
});

function startProjector(): AppProcess {
  const app = startAppProcess('apps/projector/src/main.ts', {
    DATABASE_URL: database.url,
    SLA_MONITOR_ENABLED: 'true',
    SLA_MONITOR_INTERVAL_MS: '50',
    PROJECTOR_METRICS_PORT: '0',
  });
  processes.push(app);
  return app;
}

const types = async () => (await store.readStream(streamNameFor(ID))).map((event) => event.type);

/** The server process of a statement from this database waiting for a lock (the monitor's append). */
async function waitingAppend(): Promise<number | undefined> {
  const { rows } = await store.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO events%'`,
  );
  return rows[0]?.pid;
}

async function completedPasses(app: AppProcess): Promise<number> {
  const base = /metrics on (http:\/\/[\d.:]+)\/metrics/.exec(app.output())![1]!;
  const samples = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
  return valueOf(samples, 'sla_monitor_passes_total', { outcome: 'completed' }) ?? 0;
}

it('a monitor killed between finding a breach and writing it writes it once after the restart', async () => {
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE events IN EXCLUSIVE MODE');
    const first = startProjector();
    let orphan: number | undefined;
    await eventually(async () => (orphan = await waitingAppend()) !== undefined, 'the monitor to write the breach');
    first.child.kill('SIGKILL');
    expect((await first.exited()).signal).toBe('SIGKILL');
    await store.pool.query('SELECT pg_terminate_backend($1)', [orphan]);
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
  expect(await types()).toEqual(['ComplaintReceived', 'ComplaintCategorized', 'SlaWarningRaised']);

  const restarted = startProjector();
  await restarted.waitFor(/metrics on http/);
  await eventually(async () => (await types()).includes('SlaBreached'), 'the restarted monitor to write the breach');
  const passes = await completedPasses(restarted);
  await eventually(async () => (await completedPasses(restarted)) >= passes + 3, 'three more passes');
  expect(await types()).toEqual([
    'ComplaintReceived',
    'ComplaintCategorized',
    'SlaWarningRaised',
    'SlaBreached',
    'ComplaintEscalated',
  ]);
  restarted.child.kill('SIGTERM');
  expect(await restarted.exited()).toMatchObject({ code: 0 });
}, 120_000);
