import { DEFAULT_SLA_POLICIES } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { rebuildProjection } from '../../libs/read-models/src/index.js';
import { createSlaClockProjection } from '../../libs/read-models/src/sla/index.js';
import type { TestDatabase } from '../support/database.js';
import { projectAll } from './sla-fixtures.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { readModelDatabase, tableChecksum } from './support/read-model-database.js';

const projection = createSlaClockProjection(() => DEFAULT_SLA_POLICIES);
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

const checksums = async () => [
  await tableChecksum(store.pool, 'sla_clock', 'complaint_id, target, handling'),
  await tableChecksum(store.pool, 'sla_complaint', 'complaint_id'),
];
const indexNames = async () =>
  (
    await store.pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename IN ('sla_clock', 'sla_complaint') ORDER BY indexname`,
    )
  ).rows.map((row) => row.indexname);

test('a blue/green rebuild of the SLA clocks gives the rows the live projection built, under the same index names', async () => {
  for (const complaint of randomComplaints(71, 150, 10)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
  await projectAll(store, projection, 29);
  const live = await checksums();
  const names = await indexNames();
  expect(names).toEqual([
    'sla_clock_ended',
    'sla_clock_open_breach',
    'sla_clock_pkey',
    'sla_clock_running_due',
    'sla_clock_running_warning',
    'sla_complaint_pkey',
  ]);
  const result = await rebuildProjection({ store, pool: store.pool, projection, batchSize: 400 });
  expect(result.events).toBeGreaterThan(1000);
  expect(await checksums()).toEqual(live);
  expect(await indexNames()).toEqual(names);
});
