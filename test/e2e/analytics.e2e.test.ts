import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, analyst, assignment, intake, supervisor } from '../support/complaint-requests.js';

let api: TestApi;
let projector: INestApplicationContext;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.database.url });
  projector = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
    { logger: false },
  );
  await projector.init();
});
afterAll(async () => {
  await projector?.close();
  await api?.close();
});

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
/** Whole UTC days around now, so the complaint received during the test is inside whatever the time. */
const PERIOD = `from=${day(-1)}&to=${day(2)}`;

async function post(path: string, body: unknown, headers?: Record<string, string>): Promise<Record<string, string>> {
  const answer = await http.post(path, body, headers);
  if (answer.status >= 300) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Intake to closure over HTTP: recategorized on the way, one refund approved and paid, confirmed with 5. */
async function driveLifecycle(): Promise<string> {
  const { complaintId: id } = await post('/complaints', intake({ channel: 'phone', productRef: 'KT-900' }));
  await post(`/complaints/${id}/acknowledge`, { how: 'email' });
  const first = { category: 'service', subcategory: 'attitude', severity: 'low', impact: 'individual' };
  await post(`/complaints/${id}/categorize`, first);
  const second = {
    category: 'product_quality',
    subcategory: 'manufacturing_defect',
    severity: 'high',
    impact: 'individual',
  };
  // Once it is customer-service's, only a supervisor (or that team) may move it to quality.
  await post(`/complaints/${id}/categorize`, second, supervisor);
  await post(`/complaints/${id}/assign`, assignment);
  const rootCause = {
    fishboneClass: 'machine',
    whys: ['Thermostat fails'],
    correctiveAction: 'Replace',
    preventiveAction: 'QA',
  };
  await post(`/complaints/${id}/root-cause`, rootCause);
  const { compensationId } = await post(`/complaints/${id}/compensations`, {
    kind: 'refund',
    amount: 25000,
    currency: 'EUR',
  });
  await post(`/complaints/${id}/compensations/${compensationId}/approve`, {}, supervisor);
  await post(`/complaints/${id}/compensations/${compensationId}/pay`, { amount: 25000, paymentRef: 'PAY-1' });
  await post(`/complaints/${id}/resolve`, { summary: 'Refund paid', planSteps: ['Refund'] });
  await post(`/complaints/${id}/customer-response`, { outcome: 'confirmed', satisfaction: 5 });
  await post(`/complaints/${id}/close`, {});
  return id;
}

describe('root-cause statistics over HTTP', () => {
  it('a complaint driven through its lifecycle shows in every statistic, once, under its final category', async () => {
    await driveLifecycle();
    await eventually(async () => {
      const answer = await http.get(`/analytics/satisfaction?${PERIOD}`, analyst);
      return answer.body.rows?.[0]?.responses === 1;
    }, 'the complaint in the statistics');

    const causes = await http.get(`/analytics/causes?${PERIOD}&by=category&bucket=day`, analyst);
    expect(causes.status).toBe(200);
    expect(causes.body.rows).toEqual([
      { bucket: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), key: 'product_quality', complaints: 1, share: 1 },
    ]);
    const pareto = await http.get(`/analytics/pareto?${PERIOD}`, analyst);
    expect(pareto.body).toMatchObject({ by: 'fishbone', complaints: 1, unclassified: 0 });
    expect(pareto.body.items).toEqual([{ key: 'machine', complaints: 1, share: 1, cumulativeShare: 1, vital: true }]);
    const trends = await http.get(`/analytics/trends?${PERIOD}&bucket=day&by=product`, analyst);
    expect(trends.body.series).toEqual([
      expect.objectContaining({ key: 'KT-900', complaints: 1, previousComplaints: 0, change: 1 }),
    ]);
    expect(trends.body.series[0].points).toHaveLength(3);

    const resolution = (await http.get(`/analytics/resolution?${PERIOD}&by=team`, analyst)).body.rows;
    expect(resolution).toEqual([
      expect.objectContaining({ key: 'quality', complaints: 1, concluded: 1, reopened: 0, reopenRate: 0 }),
    ]);
    // Nobody was contacted and nothing waited on the customer: resolved at first contact.
    expect(resolution[0]).toMatchObject({ firstContactResolutionRate: 1, resolved: 1 });
    expect(resolution[0].medianSecondsToResolve).toBeGreaterThanOrEqual(0);
    expect(resolution[0].medianSecondsToResolve).toBeLessThan(60);
    const compensation = (await http.get(`/analytics/compensation?${PERIOD}&by=channel`, analyst)).body.rows;
    expect(compensation).toEqual([
      {
        bucket: null,
        key: 'phone',
        kind: 'refund',
        currency: 'EUR',
        compensations: 1,
        declined: 0,
        offered: 25000,
        payable: 25000,
        paid: 25000,
      },
    ]);
    const satisfaction = (await http.get(`/analytics/satisfaction?${PERIOD}&category=product_quality`, analyst)).body
      .rows;
    expect(satisfaction).toEqual([
      {
        bucket: null,
        key: null,
        responses: 1,
        averageSatisfaction: 5,
        satisfied: 1,
        csat: 1,
        confirmed: 1,
        disputed: 0,
      },
    ]);
  });

  it.each([
    ['causes', 'to=2026-04-01', 'VALIDATION_FAILED'],
    ['causes', 'from=2026-01-01&to=2026-04-01&by=colour', 'VALIDATION_FAILED'],
    ['trends', 'from=2026-01-01&to=2026-04-01&bucket=year', 'VALIDATION_FAILED'],
    ['causes', 'from=2026-02-30&to=2026-04-01', 'VALIDATION_FAILED'],
    ['causes', 'from=2026-01-01T08:00:00&to=2026-04-01', 'VALIDATION_FAILED'],
    ['resolution', 'from=2026-01-01&to=2026-04-01&category=weather', 'VALIDATION_FAILED'],
    ['satisfaction', 'from=2026-01-01&to=2026-04-01&colour=red', 'VALIDATION_FAILED'],
    ['pareto', 'from=2026-04-01&to=2026-01-01', 'INVALID_TIME_RANGE'],
    ['compensation', 'from=2000-01-01&to=2026-01-01', 'INVALID_TIME_RANGE'],
    ['causes', 'from=2024-01-01&to=2026-01-01&bucket=day', 'TOO_MANY_BUCKETS'],
  ])('answers GET /analytics/%s?%s with 400 %s', async (route, query, code) => {
    const answer = await http.get(`/analytics/${route}?${query}`, analyst);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code });
  });

  it('documents every analytics route, its parameters and the definition of each measure in OpenAPI', async () => {
    const { paths } = (await http.get('/docs-json')).body;
    for (const route of ['causes', 'pareto', 'trends', 'resolution', 'compensation', 'satisfaction']) {
      const operation = paths[`/analytics/${route}`]?.get;
      expect({ route, documented: Boolean(operation?.description && operation.responses['200']) }).toEqual({
        route,
        documented: true,
      });
      const parameters = operation.parameters.map((parameter: { name: string }) => parameter.name);
      expect(parameters).toEqual(expect.arrayContaining(['from', 'to', 'category', 'fishbone', 'team']));
    }
    expect(paths['/analytics/resolution'].get.description).toContain('first-contact resolution is a complaint whose');
  });
});
