import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { randomComplaints, toNewEvents } from '../read-models/support/histories.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, assignment, categorization, intake } from '../support/complaint-requests.js';

let api: TestApi;
let projector: INestApplicationContext;
let http: ReturnType<typeof httpClient>;
const SEEDED = 30;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
  // A batch of complaints written straight to the store, for the list's filters and paging.
  const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 4 });
  for (const complaint of randomComplaints(77, SEEDED, 6)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
  await store.close();
  // The real projector, in-process.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.database.url });
  projector = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
    { logger: false },
  );
  await projector.init();
  await eventually(
    async () => (await http.get('/complaints?limit=200')).body.items?.length === SEEDED,
    'the seeded complaints',
  );
});
afterAll(async () => {
  await projector?.close();
  await api?.close();
});

/** Every item of the list, following nextCursor. */
async function walk(query: string): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await http.get(`/complaints?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

describe('complaint queries over the summary read model', () => {
  it('a complaint driven over HTTP appears in GET /complaints and GET /complaints/:id and follows its steps', async () => {
    const received = await http.post('/complaints', intake());
    expect(received.status).toBe(201);
    const id: string = received.body.complaintId;
    await eventually(
      async () => (await http.get(`/complaints/${id}`)).status === 200,
      'the new complaint to be projected',
    );
    expect((await http.get(`/complaints/${id}`)).body).toMatchObject({
      complaintId: id,
      status: 'received',
      channel: 'email',
      customerId: 'cust-1001',
      productRef: 'KT-200',
      revision: 0,
    });

    await http.post(`/complaints/${id}/acknowledge`, { how: 'email' });
    await http.post(`/complaints/${id}/categorize`, categorization);
    await http.post(`/complaints/${id}/assign`, assignment);
    await eventually(async () => (await http.get(`/complaints/${id}`)).body.revision === 3, 'the later steps');
    const summary = (await http.get(`/complaints/${id}`)).body;
    expect(summary).toMatchObject({
      status: 'acknowledged',
      category: 'product_quality',
      priority: expect.stringMatching(/^P[1-4]$/),
      team: 'quality',
      ownerId: 'agent-7',
    });
    expect(JSON.stringify(summary)).not.toContain('Li Wei');
    const listed = await http.get(`/complaints?team=quality&owner=agent-7&channel=email&product=KT-200`);
    expect(listed.body.items.map((item: { complaintId: string }) => item.complaintId)).toContain(id);
  });

  it('walks every complaint exactly once with cursor pagination, in the requested order', async () => {
    const all = (await http.get('/complaints?limit=200')).body.items.length;
    for (const [sort, order] of [
      ['receivedAt', 'asc'],
      ['priority', 'asc'],
      ['updatedAt', 'desc'],
    ]) {
      const { items, pages } = await walk(`sort=${sort}&order=${order}&limit=7`);
      expect(pages).toBe(Math.ceil(all / 7));
      expect(new Set(items.map((item) => item.complaintId)).size).toBe(all);
      const keys = items.map((item) =>
        sort === 'priority' ? `${(item.priority as string | null) ?? 'P9'}|${item.receivedAt}` : String(item[sort]),
      );
      const sorted = [...keys].sort();
      expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
    }
  });

  it('filters by status, team, priority and received period', async () => {
    const everything = (await http.get('/complaints?limit=200')).body.items as Record<string, string>[];
    const team = everything.find((item) => item.team)!.team;
    const byTeam = (await http.get(`/complaints?team=${team}&limit=200`)).body.items as Record<string, string>[];
    expect(byTeam.length).toBe(everything.filter((item) => item.team === team).length);
    const status = everything[0]!.status;
    const byStatus = (await http.get(`/complaints?status=${status}&limit=200`)).body.items as Record<string, string>[];
    expect(byStatus.length).toBe(everything.filter((item) => item.status === status).length);
    const priority = everything.find((item) => item.priority)!.priority;
    const byPriority = (await http.get(`/complaints?priority=${priority}&limit=200`)).body.items;
    expect(byPriority.length).toBe(everything.filter((item) => item.priority === priority).length);
    const times = everything.map((item) => item.receivedAt).sort();
    const from = times[5]!;
    const to = times[15]!;
    const period = (await http.get(`/complaints?receivedFrom=${from}&receivedTo=${to}&limit=200`)).body.items;
    expect(period.length).toBe(times.filter((time) => time >= from && time < to).length);
  });

  it.each([
    ['status=lost', 'VALIDATION_FAILED'],
    ['limit=0', 'VALIDATION_FAILED'],
    ['limit=201', 'VALIDATION_FAILED'],
    ['sort=name', 'VALIDATION_FAILED'],
    ['receivedFrom=yesterday', 'VALIDATION_FAILED'],
    ['receivedFrom=2026-02-01T00:00:00Z&receivedTo=2026-01-01T00:00:00Z', 'VALIDATION_FAILED'],
    ['colour=red', 'VALIDATION_FAILED'],
    ['cursor=not-a-cursor', 'INVALID_CURSOR'],
  ])('answers 400 to ?%s', async (query, code) => {
    const answer = await http.get(`/complaints?${query}`);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code });
  });

  it('refuses a cursor given out for another sort order', async () => {
    const first = await http.get('/complaints?sort=receivedAt&limit=2');
    const other = await http.get(`/complaints?sort=updatedAt&limit=2&cursor=${first.body.nextCursor}`);
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('answers 404 for an unknown complaint and 400 for a malformed id', async () => {
    const unknown = await http.get('/complaints/7d5c1a8e-0000-4000-8000-000000000000');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'COMPLAINT_NOT_FOUND' });
    const malformed = await http.get('/complaints/not-a-uuid');
    expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'INVALID_ID' });
  });
});
