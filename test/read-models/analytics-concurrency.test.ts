import { PostgresEventStore, type RecordedEvent } from '../../libs/event-store/src/index.js';
import { complaintAnalyticsProjection } from '../../libs/read-models/src/analytics/complaint-analytics.projection.js';
import type { TestDatabase } from '../support/database.js';
import { appendScripts, ComplaintScript } from './analytics-fixtures.js';
import { toNewEvents } from './support/histories.js';
import { readModelDatabase } from './support/read-model-database.js';

const projection = complaintAnalyticsProjection;
const tables = Object.fromEntries(projection.tables.map((table) => [table, `"${table}"`]));
let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

/**
 * Two writers apply the same events in overlapping transactions, without the checkpoint's
 * compare-and-set that would normally roll one of them back: the second must add nothing.
 */
async function applyTwiceAtOnce(events: readonly RecordedEvent[]): Promise<void> {
  const [first, second] = [await store.pool.connect(), await store.pool.connect()];
  try {
    await first.query('BEGIN');
    await second.query('BEGIN');
    await projection.apply(events, { tx: first, tables });
    // The second blocks on the first's row locks and new keys until the first commits.
    const racing = projection.apply(events, { tx: second, tables });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.query('COMMIT');
    await racing;
    await second.query('COMMIT');
  } finally {
    first.release();
    second.release();
  }
}

const dailyCounts = async () =>
  (await store.pool.query(`SELECT dimension, key, complaints FROM complaint_daily_counts ORDER BY dimension, key`))
    .rows;

it('two writers applying the same batch at once count each complaint once, also when it is recategorized', async () => {
  const id = '0b9c7a52-2f1e-4c3a-9d7e-1a2b3c4d5e6f';
  const script = new ComplaintScript(id, '2026-01-05T10:00:00.000Z', { channel: 'phone', productRef: 'KT-200' })
    .categorize('service', 'attitude', '2026-01-05T11:00:00.000Z')
    .assign('customer-service', '2026-01-05T11:01:00.000Z');
  await appendScripts(store, [script]);
  const stream = `complaint-${id}`;
  const intake = await store.readStream(stream);
  expect(intake).toHaveLength(3);
  await applyTwiceAtOnce(intake);
  expect(await dailyCounts()).toEqual([
    { dimension: 'category', key: 'service', complaints: 1 },
    { dimension: 'channel', key: 'phone', complaints: 1 },
    { dimension: 'fishbone', key: '', complaints: 1 },
    { dimension: 'product', key: 'KT-200', complaints: 1 },
    { dimension: 'subcategory', key: 'attitude', complaints: 1 },
    { dimension: 'team', key: 'customer-service', complaints: 1 },
  ]);

  const later = new ComplaintScript(id, '2026-01-05T10:00:00.000Z')
    .categorize('product_quality', 'packaging', '2026-01-06T09:00:00.000Z')
    .rootCause('material', '2026-01-06T10:00:00.000Z');
  await store.append(stream, toNewEvents(later.events.slice(1)), 2);
  const recategorized = await store.readStream(stream, { fromRevision: 3 });
  expect(recategorized).toHaveLength(2);
  await applyTwiceAtOnce(recategorized);
  expect(await dailyCounts()).toEqual([
    { dimension: 'category', key: 'product_quality', complaints: 1 },
    { dimension: 'channel', key: 'phone', complaints: 1 },
    { dimension: 'fishbone', key: 'material', complaints: 1 },
    { dimension: 'product', key: 'KT-200', complaints: 1 },
    { dimension: 'subcategory', key: 'packaging', complaints: 1 },
    { dimension: 'team', key: 'customer-service', complaints: 1 },
  ]);
});
