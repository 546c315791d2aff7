/**
 * The SLA monitor end to end over HTTP: a P1 complaint nobody touches, the API's clock moved
 * forward through the test-only clock control (TEST_CLOCK_CONTROL), the projector in this process
 * on the same clock. Its history shows the warning, the breach and the escalation, in order, and the
 * at-risk view ranks it. The clock control exists only when the configuration enables it.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { CLOCK, type Clock } from '../../libs/platform/src/time/clock.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { admin, agent, intake } from '../support/complaint-requests.js';

/** Monday 30 November 2026, 08:00 UTC; the clock stays there until the test moves it. */
const START = new Date('2026-11-30T08:00:00.000Z');
const MINUTE = 60_000;

let api: TestApi;
let projector: INestApplicationContext;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi({ clock: { now: () => START }, env: { TEST_CLOCK_CONTROL: 'true' } });
  http = httpClient(api.url, agent);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: api.database.url,
    SLA_MONITOR_INTERVAL_MS: '25',
  });
  const clock = api.app.get<symbol, Clock>(CLOCK);
  projector = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url, clock, slaMonitor: true }),
    { logger: false },
  );
  await projector.init();
});
afterAll(async () => {
  await projector?.close();
  await api?.close();
});

const advance = async (minutes: number) => {
  const answer = await http.post('/test/clock/advance', { ms: minutes * MINUTE }, admin);
  expect(answer.status).toBe(200);
  return answer.body.now as string;
};
type Stored = { type: string; data: Record<string, unknown>; metadata: { actor: { id: string; role: string } } };
const history = async (id: string): Promise<Stored[]> => (await http.get(`/complaints/${id}/history`)).body.events;
const historyWith = async (id: string, type: string) => {
  await eventually(async () => (await history(id)).some((event) => event.type === type), `${type} in the history`);
  return history(id);
};

describe('a P1 complaint left alone', () => {
  it('gets the acknowledge warning, then the breach and an escalation, in its history in that order', async () => {
    const created = await http.post('/complaints', intake());
    const id = created.body.complaintId as string;
    const triage = { category: 'product_quality', subcategory: 'material', severity: 'critical', impact: 'group' };
    expect((await http.post(`/complaints/${id}/categorize`, triage)).status).toBe(200);

    expect(await advance(47)).toBe('2026-11-30T08:47:00.000Z');
    expect(await advance(1)).toBe('2026-11-30T08:48:00.000Z');
    const warned = await historyWith(id, 'SlaWarningRaised');
    expect(warned.map((event) => event.type)).toEqual([
      'ComplaintReceived',
      'ComplaintCategorized',
      'SlaWarningRaised',
    ]);

    await advance(12);
    const breached = await historyWith(id, 'ComplaintEscalated');
    const monitorFacts = breached.slice(2);
    expect(monitorFacts.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['SlaWarningRaised', { id: 'system:sla-monitor', role: 'system' }],
      ['SlaBreached', { id: 'system:sla-monitor', role: 'system' }],
      ['ComplaintEscalated', { id: 'system:sla-monitor', role: 'system' }],
    ]);
    expect(monitorFacts[0]!.data).toMatchObject({ target: 'acknowledge', dueAt: '2026-11-30T09:00:00.000Z' });
    expect(monitorFacts[1]!.data).toMatchObject({ target: 'acknowledge', breachedAt: '2026-11-30T09:00:00.000Z' });
    expect(monitorFacts[2]!.data).toMatchObject({ tier: 1, previousTier: 0, reason: 'sla-breach:acknowledge' });

    // The supervisors' view: first in the quality team's ranking, breached, escalated.
    await eventually(async () => {
      const [first] = (await http.get('/sla/at-risk?team=quality')).body.items;
      return first?.complaintId === id && first.escalationTier === 1;
    }, 'the complaint at the top of the at-risk list');
    const page = (await http.get('/sla/at-risk?team=quality')).body;
    expect(page).toMatchObject({ team: 'quality', asOf: '2026-11-30T09:00:00.000Z' });
    expect(page.items[0]).toMatchObject({
      score: 55,
      factors: [
        { factor: 'sla_breached', points: 40 },
        { factor: 'priority_p1', points: 15 },
      ],
      sla: { state: 'breached', nextBreachAt: '2026-11-30T09:00:00.000Z' },
    });
  });
});

describe('GET /sla/at-risk', () => {
  it('needs a team and a limit from 1 to 200', async () => {
    for (const query of ['', '?team=Quality!', '?team=quality&limit=0', '?team=quality&limit=201', '?team=q&x=1']) {
      const answer = await http.get(`/sla/at-risk${query}`);
      expect({ query, status: answer.status, code: answer.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('documents its risk score in the OpenAPI description', async () => {
    const document = (await http.get('/docs-json')).body;
    const operation = document.paths['/sla/at-risk'].get;
    expect(operation.description).toMatch(/safety hazard 30, regulator referral 30/);
    expect(operation.description).toMatch(/breached 40, past the warning \(80 %\) 25/);
  });
});

describe('the test clock control', () => {
  it('moves only forward', async () => {
    const answer = await http.post('/test/clock/advance', { ms: -1 }, admin);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('does not exist unless the configuration enables it', async () => {
    const plain = await startTestApi();
    try {
      const client = httpClient(plain.url, admin);
      expect((await client.post('/test/clock/advance', { ms: 60_000 })).status).toBe(404);
      expect((await client.get('/test/clock')).status).toBe(404);
      const document = (await client.get('/docs-json')).body;
      expect(Object.keys(document.paths).filter((path) => path.startsWith('/test'))).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
