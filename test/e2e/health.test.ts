import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { allProjections, complaintSummaryProjection, ProjectionRunner } from '../../libs/read-models/src/index.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { untilFeedShows } from './audit-support.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake } from '../support/complaint-requests.js';

const SUMMARY = complaintSummaryProjection.name;

/** Applies everything visible to every projection, as the projector would. */
async function project(api: TestApi): Promise<void> {
  const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 2 });
  try {
    for (const projection of allProjections)
      await new ProjectionRunner({ store, pool: store.pool, projection }).catchUp();
  } finally {
    await store.close();
  }
}

const summaryLagOf = (body: { projections?: { name: string }[]; details?: { projections: { name: string }[] } }) =>
  (body.projections ?? body.details?.projections ?? []).find((lag) => lag.name === SUMMARY);

describe('health with a lag limit in events', () => {
  let api: TestApi;
  let http: ReturnType<typeof httpClient>;
  beforeAll(async () => {
    api = await startTestApi({ env: { HEALTH_MAX_PROJECTION_LAG_EVENTS: '3' } });
    http = httpClient(api.url, agent);
  });
  afterAll(() => api.close());

  it('GET /health/live answers 200 without asking any dependency', async () => {
    const answer = await http.get('/health/live');
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /health/ready is 200 while caught up, 503 NOT_READY once a projection is more events behind than the limit, 200 again when projected', async () => {
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'up', eventStore: 'up', projections: 'up' });
    expect(summaryLagOf(ready.body)).toMatchObject({ eventsBehind: 0, withinLimits: true });

    for (let n = 0; n < 2; n++) {
      const received = await http.post('/complaints', intake());
      expect((await http.post(`/complaints/${received.body.complaintId}/acknowledge`, { how: 'email' })).status).toBe(
        200,
      );
    }
    // Four events behind, the limit is three.
    await eventually(async () => (await http.get('/health/ready')).status === 503, 'readiness to fail');
    const lagging = await http.get('/health/ready');
    expect(lagging.body).toMatchObject({
      statusCode: 503,
      code: 'NOT_READY',
      details: { checks: { database: 'up', eventStore: 'up', projections: 'down' } },
    });
    expect(summaryLagOf(lagging.body)).toMatchObject({ eventsBehind: 4, withinLimits: false });

    await eventually(async () => {
      await project(api);
      return (await http.get('/health/ready')).status === 200;
    }, 'readiness to recover once projected');
    expect(summaryLagOf((await http.get('/health/ready')).body)).toMatchObject({ eventsBehind: 0, withinLimits: true });
  });
});

describe('health with a lag limit in seconds', () => {
  let now = new Date('2026-12-01T09:00:00.000Z');
  let api: TestApi;
  let http: ReturnType<typeof httpClient>;
  beforeAll(async () => {
    api = await startTestApi({ clock: { now: () => now }, env: { HEALTH_MAX_PROJECTION_LAG_SECONDS: '30' } });
    http = httpClient(api.url, agent);
  });
  afterAll(() => api.close());

  it('GET /health/ready turns 503 when the oldest unprojected event is older than the limit, though few events are behind', async () => {
    expect((await http.post('/complaints', intake())).status).toBe(201);
    // The feed shows an event once every older transaction on the server has ended (other test files').
    const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 1 });
    await untilFeedShows(store, 1).finally(() => store.close());
    expect((await http.get('/health/ready')).status).toBe(200); // one event behind, not yet 30 s old

    now = new Date(now.getTime() + 31_000);
    const stale = await http.get('/health/ready');
    expect(stale.status).toBe(503);
    expect(summaryLagOf(stale.body)).toMatchObject({ eventsBehind: 1, secondsBehind: 31, withinLimits: false });

    await eventually(async () => {
      await project(api);
      return (await http.get('/health/ready')).status === 200;
    }, 'readiness to recover once projected');
  });
});
