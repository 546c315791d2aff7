import pg from 'pg';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { intake, supervisor } from '../support/complaint-requests.js';
import {
  type Baseline,
  type HostileRequest,
  hostileRequest,
  KIND_WEIGHTS,
  type Kind,
} from './fuzz/hostile-requests.js';
import { callerFor, type DocumentedRoute, documentedRoutes, type OpenApiDocument } from './fuzz/openapi-routes.js';
import { Random } from './fuzz/random.js';
import { pathValuesFor, seedWorld, type SeededWorld } from './fuzz/seed.js';
import { type Outcome, sendAll } from './fuzz/send.js';
import { validBody } from './fuzz/valid-bodies.js';

/** Change the seed to explore; a failure replays with the seed it happened with. */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eedf022);
const REQUESTS = 10_240;
const CONCURRENCY = 16;

let api: TestApi;
let pool: pg.Pool;
let routes: DocumentedRoute[];
let world: SeededWorld;
let outcomes: Outcome[];

function hostileRequests(document: OpenApiDocument, random: Random): HostileRequest[] {
  return Array.from({ length: REQUESTS }, (_, index) => {
    const route = routes[index % routes.length]!; // round robin: every POST route gets its share
    const baseline: Baseline = {
      route,
      pathValues: pathValuesFor(route, world, random),
      body: route.bodySchema ? validBody(document, route.bodySchema, random) : undefined,
      caller: callerFor(route) ?? supervisor,
    };
    const request = hostileRequest(random, random.weighted(KIND_WEIGHTS), baseline);
    request.headers = { 'x-correlation-id': `fuzz-${index}`, ...request.headers };
    return request;
  });
}

beforeAll(async () => {
  // No projector runs here, so projections fall behind by design: readiness is asked about the
  // API's own dependencies (database, event store), not about projection lag.
  api = await startTestApi({
    env: { HEALTH_MAX_PROJECTION_LAG_EVENTS: '1000000000', HEALTH_MAX_PROJECTION_LAG_SECONDS: '86400' },
  });
  pool = new pg.Pool({ connectionString: api.database.url, max: 2 });
  const http = httpClient(api.url);
  const document: OpenApiDocument = (await http.get('/docs-json')).body;
  routes = documentedRoutes(document, 'post');
  world = await seedWorld(http, routes, 20);
  const started = performance.now();
  outcomes = await sendAll(api.url, hostileRequests(document, new Random(SEED)), CONCURRENCY);
  report((performance.now() - started) / 1000);
}, 240_000);

afterAll(async () => {
  await pool?.end();
  await api?.close();
});

function countBy<T>(items: T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function describeOutcome(outcome: Outcome) {
  const { kind, path, headers, body } = outcome.request;
  return {
    kind,
    path: path.slice(0, 120),
    status: outcome.status,
    code: outcome.code,
    failure: outcome.failure,
    headers,
    body: body?.slice(0, 200),
  };
}

function report(seconds: number): void {
  const lines = [
    `fuzz: ${outcomes.length} hostile requests across ${routes.length} POST routes in ${seconds.toFixed(1)} s (seed ${SEED})`,
    `status histogram: ${JSON.stringify(countBy(outcomes, (outcome) => outcome.status))}`,
    `kinds: ${JSON.stringify(countBy(outcomes, (outcome) => outcome.request.kind))}`,
  ];
  console.log(lines.join('\n'));
}

test('at least 10,000 hostile requests reached every POST route of the running app, of every kind', () => {
  expect(outcomes.length).toBeGreaterThanOrEqual(10_000);
  const perRoute = countBy(outcomes, (outcome) => outcome.request.route.template);
  expect(Object.keys(perRoute).sort()).toEqual(routes.map((route) => route.template).sort());
  expect(Math.min(...Object.values(perRoute))).toBeGreaterThanOrEqual(Math.floor(REQUESTS / routes.length));
  const perKind = countBy(outcomes, (outcome) => outcome.request.kind);
  for (const kind of Object.keys(KIND_WEIGHTS) as Kind[])
    expect({ kind, enough: (perKind[kind] ?? 0) >= 300 }).toEqual({ kind, enough: true });
});

test('every request got an answer and none of them is a 5xx', () => {
  const broken = outcomes.filter((outcome) => outcome.status === 0 || outcome.status >= 500);
  expect(broken.slice(0, 10).map(describeOutcome)).toEqual([]);
});

test('some requests were accepted, so the writes below were really exercised', () => {
  expect(outcomes.filter((outcome) => outcome.status >= 200 && outcome.status < 300).length).toBeGreaterThanOrEqual(
    200,
  );
});

test('no event was written by a rejected request: every new event belongs to an accepted one', async () => {
  const accepted = new Set(outcomes.filter((o) => o.status < 300).map((o) => o.correlationId));
  const { rows } = await pool.query<{ correlation_id: string; events: number }>(
    `SELECT metadata->>'correlationId' AS correlation_id, count(*)::int AS events FROM events GROUP BY 1`,
  );
  const unexplained = rows.filter(
    (row) => !row.correlation_id.startsWith('seed-') && !accepted.has(row.correlation_id),
  );
  const byCorrelation = new Map(outcomes.map((outcome) => [outcome.correlationId, outcome]));
  expect(
    unexplained.map((row) => ({
      ...row,
      request: byCorrelation.get(row.correlation_id) && describeOutcome(byCorrelation.get(row.correlation_id)!),
    })),
  ).toEqual([]);
  expect(rows.filter((row) => accepted.has(row.correlation_id)).length).toBeGreaterThan(0);
});

test('no subscription was created by a rejected request', async () => {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM webhook_subscriptions');
  const created = outcomes
    .filter((o) => o.request.route.template === '/subscriptions' && o.status === 201)
    .map((o) => o.createdId);
  expect(
    rows
      .map((row) => row.id)
      .filter((id) => !world.subscriptionIds.includes(id))
      .sort(),
  ).toEqual([...new Set(created)].sort());
});

test('the service is healthy afterwards and still takes a complaint', async () => {
  const http = httpClient(api.url, supervisor);
  const ready = await http.get('/health/ready');
  expect(ready.status).toBe(200);
  expect(ready.body.checks).toMatchObject({ database: 'up', eventStore: 'up' });
  expect((await http.post('/complaints', intake())).status).toBe(201);
});
