import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake } from '../support/complaint-requests.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
let now = new Date('2026-03-02T08:00:00.000Z'); // a Monday
const at = (instant: string) => (now = new Date(instant));

let api: TestApi;
let projector: INestApplicationContext;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi({ clock: { now: () => now } });
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

type Clock = { target: string; handling: number; state: string; [field: string]: unknown };

async function clocksOf(id: string): Promise<Record<string, Clock>> {
  const answer = await http.get(`/sla/complaints/${id}`);
  if (answer.status !== 200) return {};
  return Object.fromEntries(answer.body.clocks.map((clock: Clock) => [`${clock.target}/${clock.handling}`, clock]));
}

/** Polls GET /sla/complaints/:id (the projector runs beside the API) until `check` holds. */
async function clocksWhen(id: string, what: string, check: (clocks: Record<string, Clock>) => boolean) {
  await eventually(async () => check(await clocksOf(id)), what);
  return clocksOf(id);
}

async function post(path: string, body: unknown): Promise<void> {
  const answer = await http.post(path, body);
  if (answer.status >= 300) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

describe('SLA views over HTTP, following a complaint through its lifecycle', () => {
  let id: string;

  it('a new complaint’s clocks run against the catch-all policy until it is prioritized', async () => {
    const received = await http.post('/complaints', intake({ occurredAt: '2026-02-27T09:00:00.000Z' }));
    expect(received.status).toBe(201);
    id = received.body.complaintId;
    const clocks = await clocksWhen(id, 'the new complaint’s clocks', (c) => c['acknowledge/1'] !== undefined);
    expect(Object.keys(clocks)).toEqual(['acknowledge/1', 'first_response/1', 'resolve/1']);
    expect(clocks['acknowledge/1']).toMatchObject({
      policyId: 'default-unprioritized',
      state: 'running',
      startedAt: '2026-03-02T08:00:00.000Z',
      dueAt: '2026-03-02T12:00:00.000Z',
      remainingMs: 4 * HOUR,
    });
  });

  it('acknowledged and prioritized P1: acknowledge met, the others re-measured against the P1 policy', async () => {
    at('2026-03-02T08:20:00.000Z');
    await post(`/complaints/${id}/acknowledge`, { how: 'email' });
    await post(`/complaints/${id}/categorize`, {
      category: 'product_quality',
      subcategory: 'manufacturing_defect',
      severity: 'critical',
      impact: 'individual',
    });
    await post(`/complaints/${id}/assign`, { team: 'quality', ownerId: 'agent-7' });
    const clocks = await clocksWhen(id, 'P1 and assigned', (c) => c['first_response/1']?.team === 'quality');
    expect(clocks['acknowledge/1']).toMatchObject({ state: 'met', policyId: 'default-P1', metLate: false });
    expect(clocks['first_response/1']).toMatchObject({
      state: 'running',
      dueAt: '2026-03-02T12:00:00.000Z',
      remainingMs: 220 * MIN,
      priority: 'P1',
      category: 'product_quality',
    });
  });

  it('waiting on the customer pauses the open clocks; the answer stops the first-response clock in time', async () => {
    at('2026-03-02T09:00:00.000Z');
    await post(`/complaints/${id}/await-customer`, { reason: 'Photos of the base, please' });
    at('2026-03-02T11:00:00.000Z');
    const paused = await clocksWhen(id, 'the pause', (c) => c['first_response/1']?.state === 'paused');
    expect(paused['first_response/1']).toMatchObject({
      pausedMs: 2 * HOUR,
      elapsedMs: HOUR,
      remainingMs: 3 * HOUR,
      dueAt: '2026-03-02T14:00:00.000Z',
    });
    await post(`/complaints/${id}/resume`, {});
    at('2026-03-02T11:30:00.000Z');
    await post(`/complaints/${id}/contacts`, { direction: 'outbound', channel: 'phone', summary: 'Photos received' });
    const answered = await clocksWhen(id, 'the answer', (c) => c['first_response/1']?.state === 'met');
    expect(answered['first_response/1']).toMatchObject({ elapsedMs: 90 * MIN, pausedMs: 2 * HOUR });
    expect(answered['resolve/1']).toMatchObject({ state: 'running', dueAt: '2026-03-04T10:00:00.000Z' });
  });

  it('the resolve target shows in the due list, then in the breach list once overdue', async () => {
    const due = await http.get('/sla/due?within=2d&team=quality&target=resolve');
    expect(due.status).toBe(200);
    expect(due.body.items.map((item: Clock) => item.complaintId)).toEqual([id]);
    expect((await http.get('/sla/due?within=1d&team=quality')).body.items).toEqual([]);
    at('2026-03-04T10:30:00.000Z');
    const breaches = await http.get('/sla/breaches?team=quality&priority=P1');
    expect(breaches.body).toMatchObject({
      asOf: '2026-03-04T10:30:00.000Z',
      items: [{ complaintId: id, target: 'resolve', state: 'breached', remainingMs: -30 * MIN }],
      nextCursor: null,
    });
  });

  it('resolved late, disputed and reopened: the second handling gets its own full resolve clock', async () => {
    at('2026-03-04T11:00:00.000Z');
    await post(`/complaints/${id}/resolve`, { summary: 'Replacement shipped', planSteps: ['Ship'] });
    await post(`/complaints/${id}/customer-response`, { outcome: 'disputed', satisfaction: 2 });
    at('2026-03-04T12:00:00.000Z');
    await post(`/complaints/${id}/reopen`, { reason: 'The replacement leaks too' });
    const clocks = await clocksWhen(id, 'the second handling', (c) => c['resolve/2'] !== undefined);
    expect(clocks['resolve/1']).toMatchObject({ state: 'breached', metLate: true, metAt: '2026-03-04T11:00:00.000Z' });
    expect(clocks['resolve/2']).toMatchObject({
      state: 'running',
      startedAt: '2026-03-04T12:00:00.000Z',
      dueAt: '2026-03-06T12:00:00.000Z',
    });
    expect((await http.get('/sla/breaches?team=quality')).body.items).toEqual([]);
  });

  it('closed after an on-time second resolution: compliance counts every closed-out target', async () => {
    at('2026-03-05T12:00:00.000Z');
    await post(`/complaints/${id}/resolve`, { summary: 'Refund paid', planSteps: ['Refund'] });
    await post(`/complaints/${id}/customer-response`, { outcome: 'confirmed', satisfaction: 4 });
    await post(`/complaints/${id}/close`, { closureCode: 'resolved' });
    await clocksWhen(id, 'the second resolution', (c) => c['resolve/2']?.state === 'met');
    const report = await http.get('/sla/compliance?groupBy=team&period=month&from=2026-03-01&to=2026-04-01');
    expect(report.status).toBe(200);
    const count = (closedOut: number, metOnTime: number, metLate: number) => ({
      closedOut,
      metOnTime,
      metLate,
      missed: 0,
      stoppedInTime: 0,
      rate: metOnTime / closedOut,
    });
    expect(report.body.buckets).toEqual([
      {
        period: '2026-03-01',
        group: 'quality',
        targets: { acknowledge: count(1, 1, 0), first_response: count(1, 1, 0), resolve: count(2, 1, 1) },
      },
    ]);
  });
});

describe('SLA views: requests it refuses', () => {
  it.each([
    ['/sla/due', 'VALIDATION_FAILED'],
    ['/sla/due?within=soon', 'VALIDATION_FAILED'],
    ['/sla/due?within=91d', 'VALIDATION_FAILED'],
    ['/sla/breaches?priority=P9', 'VALIDATION_FAILED'],
    ['/sla/breaches?limit=0', 'VALIDATION_FAILED'],
    ['/sla/breaches?colour=red', 'VALIDATION_FAILED'],
    ['/sla/breaches?cursor=not-a-cursor', 'INVALID_CURSOR'],
    ['/sla/compliance?groupBy=colour&period=day&from=2026-03-01&to=2026-03-02', 'VALIDATION_FAILED'],
    ['/sla/compliance?groupBy=team&period=day&from=2026-03-02&to=2026-03-01', 'INVALID_TIME_RANGE'],
    ['/sla/compliance?groupBy=team&period=day&from=2020-01-01&to=2026-01-01', 'TOO_MANY_BUCKETS'],
    [
      '/sla/compliance?groupBy=team&period=week&from=2026-03-01&to=2026-04-01&timeZone=Mars/Olympus',
      'VALIDATION_FAILED',
    ],
    ['/sla/complaints/not-a-uuid', 'INVALID_ID'],
  ])('answers 400 to %s', async (path, code) => {
    const answer = await http.get(path);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code });
  });

  it('answers 404 for a complaint it has no clocks for', async () => {
    const answer = await http.get('/sla/complaints/7d5c1a8e-0000-4000-8000-000000000000');
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 404, code: 'COMPLAINT_NOT_FOUND' });
  });

  it('documents every SLA route and its query parameters in the OpenAPI document', async () => {
    const { paths } = (await http.get('/docs-json')).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/sla/complaints/{id}', '/sla/breaches', '/sla/due', '/sla/compliance']),
    );
    const parameters = (path: string) =>
      (paths[path].get.parameters as { name: string; required: boolean }[]).map(
        (p) => `${p.name}${p.required ? '!' : ''}`,
      );
    expect(parameters('/sla/due')).toEqual(expect.arrayContaining(['within!', 'team', 'priority', 'cursor', 'limit']));
    expect(parameters('/sla/compliance')).toEqual(
      expect.arrayContaining(['groupBy!', 'period!', 'from!', 'to!', 'timeZone']),
    );
  });
});
