import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  complaintSummaryProjection,
  listComplaintSummaries,
  ProjectionRunner,
  readCheckpoint,
  rebuildProjection,
  RebuildInProgressError,
  ProjectionLease,
  connectionOf,
} from '../../libs/read-models/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { eventually, readModelDatabase, tableChecksum } from './support/read-model-database.js';

const projection = complaintSummaryProjection;
let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 16 });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const checksum = () => tableChecksum(store.pool, 'complaint_summary', 'complaint_id');
const indexNames = async () =>
  (
    await store.pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'complaint_summary' ORDER BY indexname`,
    )
  ).rows.map((row) => row.indexname);

async function seed(complaints: number, eventsEach: number, seedValue: number): Promise<void> {
  for (const complaint of randomComplaints(seedValue, complaints, eventsEach)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
}

describe('projections rebuild', () => {
  it('builds beside the live table and swaps while queries and the live projector run: queries never see a half-built table', async () => {
    await seed(400, 10, 21);
    await new ProjectionRunner({ store, pool: store.pool, projection }).catchUp();
    const before = await checksum();
    const indexesBefore = await indexNames();
    const stopLive = new AbortController();
    const live = new ProjectionRunner({ store, pool: store.pool, projection, idleMs: 5 }).run(stopLive.signal);
    const stopQueries = new AbortController();
    const seen: number[] = [];
    const errors: unknown[] = [];
    const queries = Array.from({ length: 3 }, async () => {
      while (!stopQueries.signal.aborted) {
        try {
          const { rows } = await store.pool.query('SELECT count(*)::int AS n FROM complaint_summary');
          seen.push(rows[0].n);
          const page = await listComplaintSummaries(store.pool, { sort: 'priority', order: 'asc', limit: 50 });
          seen.push(page.items.length === 50 ? 400 : page.items.length);
        } catch (error) {
          errors.push(error);
        }
      }
    });
    let progress = 0;
    try {
      const result = await rebuildProjection({
        store,
        pool: store.pool,
        projection,
        batchSize: 100,
        onProgress: (events) => (progress += events),
      });
      expect(result.events).toBe(4000);
      expect(progress).toBe(4000);
    } finally {
      stopQueries.abort();
      await Promise.all(queries);
      stopLive.abort();
      await live;
    }
    expect(errors).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen)).toEqual(new Set([400]));
    expect(await checksum()).toBe(before);
    expect(await indexNames()).toEqual(indexesBefore);
    expect(await readCheckpoint(store.pool, `${projection.name}:rebuild`)).toBeUndefined();
    expect(await readCheckpoint(store.pool, projection.name)).toMatchObject({ eventsApplied: 4000, version: 1 });
  });

  it('events appended during the rebuild end up in the swapped table, and the live runner continues from there', async () => {
    await store.pool.query('TRUNCATE events, complaint_summary, projection_checkpoints');
    await seed(200, 10, 31);
    const stopLive = new AbortController();
    const live = new ProjectionRunner({ store, pool: store.pool, projection, idleMs: 5 }).run(stopLive.signal);
    const writing = seed(100, 5, 32);
    await rebuildProjection({ store, pool: store.pool, projection, batchSize: 50 });
    await writing;
    await seed(10, 3, 33);
    await eventually(
      async () => (await readCheckpoint(store.pool, projection.name))?.eventsApplied === 2530,
      'the live runner to apply the events after the swap',
    );
    stopLive.abort();
    await live;
    const { rows } = await store.pool.query('SELECT count(*)::int AS n FROM complaint_summary');
    expect(rows[0].n).toBe(310);
    const afterLive = await checksum();
    await rebuildProjection({ store, pool: store.pool, projection });
    expect(await checksum()).toBe(afterLive);
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    const lease = new ProjectionLease(connectionOf(store.pool), `${projection.name}:rebuild`);
    expect(await lease.tryAcquire()).toBe(true);
    try {
      await expect(rebuildProjection({ store, pool: store.pool, projection })).rejects.toBeInstanceOf(
        RebuildInProgressError,
      );
    } finally {
      await lease.release();
    }
  });
});
