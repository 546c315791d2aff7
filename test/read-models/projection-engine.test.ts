import { randomUUID } from 'node:crypto';
import { streamNameFor } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  complaintSummaryProjection,
  measureLag,
  postgresFeedCounter,
  ProjectionRunner,
  readCheckpoint,
  rebuildProjection,
} from '../../libs/read-models/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { randomComplaints, randomHistory, seededRandom, toNewEvents } from './support/histories.js';
import { eventually, feedShowsAllCommitted, readModelDatabase, tableChecksum } from './support/read-model-database.js';

const projection = complaintSummaryProjection;
let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 12, pollIntervalMs: 50 });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});
beforeEach(async () => {
  await store.pool.query('TRUNCATE events, complaint_summary, projection_checkpoints');
});

const checksum = () => tableChecksum(store.pool, 'complaint_summary', 'complaint_id');
const eventCount = async () => Number((await store.pool.query('SELECT count(*) FROM events')).rows[0].count);
const applied = async () => (await readCheckpoint(store.pool, projection.name))?.eventsApplied ?? 0;

async function seed(complaints: number, eventsEach: number, seedValue: number): Promise<void> {
  for (const complaint of randomComplaints(seedValue, complaints, eventsEach)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
}

/** The live table's checksum equals the one a clean rebuild from the start of the feed produces. */
async function expectSameAsCleanRebuild(): Promise<void> {
  const live = await checksum();
  await rebuildProjection({ store, pool: store.pool, projection });
  expect(await checksum()).toBe(live);
}

describe('projection runner', () => {
  it('two runners without a lease on one checkpoint still apply every event exactly once (compare-and-set)', async () => {
    await seed(80, 10, 3);
    const runners = [1, 2].map(() => new ProjectionRunner({ store, pool: store.pool, projection, batchSize: 17 }));
    const [a, b] = await Promise.all(runners.map((runner) => runner.catchUp()));
    expect(a! + b!).toBeGreaterThanOrEqual(800); // each may stop early when the other is ahead
    await new ProjectionRunner({ store, pool: store.pool, projection }).catchUp();
    expect(await applied()).toBe(800);
    await expectSameAsCleanRebuild();
  });

  it('two projector instances at once: one holds the lease and works, the other takes over when it dies', async () => {
    const batches = { a: 0, b: 0 };
    const instance = (key: 'a' | 'b', signal: AbortSignal) =>
      new ProjectionRunner({
        store,
        pool: store.pool,
        projection,
        batchSize: 50,
        idleMs: 10,
        leaseRetryMs: 25,
        onBatch: () => (batches[key] += 1),
      }).run(signal);
    const stopA = new AbortController();
    const stopB = new AbortController();
    const runA = instance('a', stopA.signal);
    await eventually(async () => (await leaseHolders()) === 1, 'instance a to take the lease');
    const runB = instance('b', stopB.signal);
    await seed(50, 6, 5);
    await eventually(async () => (await applied()) === 300, 'the first 300 events');
    expect(batches).toEqual({ a: expect.any(Number), b: 0 });
    // Instance a's session dies (as when its process is killed): the server frees its lock.
    await store.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ${THIS_DATABASE}`,
    );
    stopA.abort();
    await runA;
    await seed(50, 6, 6);
    await eventually(async () => (await applied()) === 600, 'instance b to take over and apply the rest');
    expect(batches.b).toBeGreaterThan(0);
    stopB.abort();
    await runB;
    await expectSameAsCleanRebuild();
  });

  it('concurrent writers with out-of-order commits while projecting lose nothing', async () => {
    const random = seededRandom(99);
    // Every append sleeps 0-40 ms inside its transaction: commits land out of sequence order.
    const writers = new PostgresEventStore({
      connectionString: database.url,
      poolSize: 16,
      transactionHook: async (client) => void (await client.query('SELECT pg_sleep($1)', [random() * 0.04])),
    });
    const stop = new AbortController();
    const running = new ProjectionRunner({ store, pool: store.pool, projection, batchSize: 25, idleMs: 5 }).run(
      stop.signal,
    );
    const complaints = Array.from({ length: 40 }, () => randomUUID());
    const lastRevision = new Map<string, number>();
    try {
      await Promise.all(
        complaints.map(async (id) => {
          const history = toNewEvents(randomHistory(seededRandom(id.charCodeAt(0)), id, 8, new Date('2026-01-01')));
          for (const [revision, event] of history.entries()) {
            await writers.append(streamNameFor(id), [event], revision - 1 < 0 ? 'no_stream' : revision - 1);
            lastRevision.set(id, revision);
          }
        }),
      );
      await eventually(async () => (await applied()) === 320, 'every appended event to be projected');
    } finally {
      stop.abort();
      await running;
      await writers.close();
    }
    const { rows } = await store.pool.query<{ complaint_id: string; last_revision: string }>(
      'SELECT complaint_id, last_revision FROM complaint_summary',
    );
    expect(new Map(rows.map((row) => [row.complaint_id, Number(row.last_revision)]))).toEqual(lastRevision);
    expect(await eventCount()).toBe(320);
    await expectSameAsCleanRebuild();
  });

  it('catching up waits for events committed behind an older open transaction, then applies them', async () => {
    const older = await store.pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // holds the feed's horizon until it ends
      await seed(5, 4, 11);
      const caughtUp = new ProjectionRunner({ store, pool: store.pool, projection, idleMs: 20 }).catchUp();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await applied()).toBe(0);
      await older.query('COMMIT');
      expect(await caughtUp).toBe(20);
    } finally {
      older.release();
    }
  });

  it('a catch-up held back longer than its wait fails instead of reporting itself caught up', async () => {
    const older = await store.pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await seed(2, 3, 12);
      const runner = new ProjectionRunner({ store, pool: store.pool, projection, idleMs: 20 });
      await expect(runner.catchUp(undefined, { maxWaitMs: 200 })).rejects.toThrow(/did not reach .* in time/);
    } finally {
      await older.query('ROLLBACK');
      older.release();
    }
  });

  it('reports lag in events and seconds behind the head', async () => {
    await seed(10, 5, 8);
    await feedShowsAllCommitted(store);
    const now = () => new Date(Date.now() + 60_000);
    const counter = postgresFeedCounter(store.pool);
    const behind = await measureLag({ store, db: store.pool, projection, counter, now });
    expect(behind).toMatchObject({ eventsBehind: 50, eventsBehindExact: true, builtVersion: null, codeVersion: 1 });
    expect(behind.secondsBehind).toBeGreaterThanOrEqual(60);
    await new ProjectionRunner({ store, pool: store.pool, projection }).catchUp();
    const caughtUp = await measureLag({ store, db: store.pool, projection, now });
    expect(caughtUp).toMatchObject({ eventsBehind: 0, secondsBehind: 0, builtVersion: 1, head: caughtUp.position });
  });
});

/** pg_locks is cluster-wide; other test files hold leases in their own databases. */
const THIS_DATABASE = `database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

async function leaseHolders(): Promise<number> {
  const { rows } = await store.pool.query(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND ${THIS_DATABASE}`,
  );
  return rows[0].n;
}
