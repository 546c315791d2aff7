import { benchQueuePage } from '../bench/queue-page.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('queue_bench');
});
afterAll(() => database.drop());

test('the queue page benchmark loads its rows, times every kind of page and finds the pages served by an index', async () => {
  const result = await benchQueuePage({ databaseUrl: database.url, complaints: 20_000, samples: 50 });
  expect(result.complaints).toBe(20_000);
  // 15 % open, give or take the draw.
  expect(result.queued).toBeGreaterThan(2_400);
  expect(result.queued).toBeLessThan(3_600);
  for (const latency of [result.teamFirstPage, result.teamLaterPage, result.unownedPage, result.agentPage]) {
    expect(latency.p50Ms).toBeGreaterThan(0);
    expect(latency.p99Ms).toBeGreaterThanOrEqual(latency.p50Ms);
  }
  expect(result.plan).toMatch(/Index Scan using complaint_queue_team/);
});
