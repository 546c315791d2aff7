/**
 * A ComplaintReceived stored at schema version 1 (flat customer, old channel codes) reads as v2
 * everywhere a reader looks: the history, time travel, the command path, the global feed (readAll,
 * subscribeAll), the SSE feed, and the read models, whether projected live by the projector or
 * rebuilt from the CLI. The stored row itself is never rewritten: its hash chain still verifies.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { projectionsRebuildCommand } from '../../apps/cli/src/commands/projections-rebuild.command.js';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import type { ComplaintReceivedV1Data } from '../../libs/domain/src/index.js';
import { type EventStore, PostgresEventStore, type RecordedEvent, START } from '../../libs/event-store/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { EVENT_STORE, RAW_EVENT_STORE } from '../../libs/platform/src/event-store/event-store.module.js';
import { COMPLAINT_SUMMARY } from '../../libs/read-models/src/index.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, auditor, service } from '../support/complaint-requests.js';
import { runCli } from './audit-support.js';

let api: TestApi;
let raw: PostgresEventStore;
let http: ReturnType<typeof httpClient>;
const complaintId = randomUUID();
const stream = `complaint-${complaintId}`;

const v1: ComplaintReceivedV1Data = {
  complaintId,
  channel: 'web',
  customerId: 'cust-77',
  customerName: 'Zhang Min',
  customerPhone: '+86 21 5555 0199',
  subject: 'Parcel arrived crushed',
  description: 'The box was crushed and the vase inside is broken.',
  intensity: 'venting',
  purpose: 'accusation',
  by: 'agent-1',
  receivedAt: '2024-01-15T08:30:00.000Z',
};

const v2Data = {
  complaintId,
  channel: 'web_form',
  customer: { id: 'cust-77', name: 'Zhang Min', phone: '+86 21 5555 0199' },
  subject: v1.subject,
  description: v1.description,
  intensity: 'venting',
  purpose: 'accusation',
  by: 'agent-1',
  receivedAt: v1.receivedAt,
};

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
  // Written straight to the store, as the v1 code wrote it: with its own (valid) hash chain.
  raw = new PostgresEventStore({ connectionString: api.database.url, poolSize: 2 });
  const metadata = { actor: { id: 'agent-1', role: 'agent' }, correlationId: 'legacy', causationId: 'legacy' };
  await raw.append(
    stream,
    [{ id: randomUUID(), type: 'ComplaintReceived', schemaVersion: 1, data: v1, metadata }],
    'no_stream',
  );
});

afterAll(async () => {
  await raw.close();
  await api.close();
});

const expectV2 = (event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'>) =>
  expect({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }).toEqual({
    type: 'ComplaintReceived',
    schemaVersion: 2,
    data: v2Data,
  });

test('the stored row is v1', async () => {
  const [stored] = await raw.readStream(stream);
  expect({ schemaVersion: stored!.schemaVersion, data: stored!.data }).toEqual({ schemaVersion: 1, data: v1 });
});

test('the history shows it as v2, with the stored hashes', async () => {
  const history: Answer = await http.get(`/complaints/${complaintId}/history`);
  expect(history.status).toBe(200);
  expectV2(history.body.events[0]);
  const [stored] = await raw.readStream(stream);
  expect(history.body.events[0].hash).toBe(stored!.hash);
});

test('time travel folds the upcast event', async () => {
  const answer = await http.get(`/complaints/${complaintId}/state?revision=0`, auditor);
  expect(answer.status).toBe(200);
  expect(answer.body.state).toMatchObject({
    exists: true,
    status: 'received',
    channel: 'web_form',
    customerId: 'cust-77',
    intensity: 'venting',
  });
});

test('the command path folds it: a later command on the complaint works', async () => {
  const acknowledged = await http.post(`/complaints/${complaintId}/acknowledge`, { how: 'email' });
  expect(acknowledged.status).toBe(200);
  expect(acknowledged.body.revision).toBe(1);
  const state = await http.get(`/complaints/${complaintId}/state?revision=1`, auditor);
  expect(state.body.state).toMatchObject({ status: 'acknowledged', customerId: 'cust-77' });
});

test('readAll and subscribeAll of the API store deliver it as v2; the raw store as stored', async () => {
  const view = api.app.get<EventStore>(EVENT_STORE);
  const page = await view.readAll({ after: START, limit: 10 });
  expectV2(page.events.find((event) => event.streamName === stream && event.revision === 0)!);
  const rawPage = await api.app.get<EventStore>(RAW_EVENT_STORE).readAll({ after: START, limit: 10 });
  expect(rawPage.events.find((event) => event.revision === 0)!.schemaVersion).toBe(1);

  const stop = new AbortController();
  for await (const event of view.subscribeAll({ after: START, signal: stop.signal })) {
    expectV2(event);
    stop.abort();
  }
});

test('the SSE feed delivers it as v2', async () => {
  const stop = new AbortController();
  const response = await fetch(`${api.url}/events?after=start`, { signal: stop.signal, headers: service });
  expect(response.status).toBe(200);
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body!) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    if (/^data: .*\n\n/m.test(text)) break;
  }
  stop.abort();
  const first = JSON.parse(/^data: (.*)$/m.exec(text)![1]!);
  expectV2(first);
});

test('the upcast view does not change what verify sees: the chain still holds', async () => {
  const answer = await http.get(`/complaints/${complaintId}/verify`, auditor);
  expect(answer.body).toEqual({ ok: true, revision: 1 });
});

describe('read models', () => {
  /** The complaint as GET /complaints/:id serves it from the summary read model. */
  const summary = async (): Promise<Answer> => http.get(`/complaints/${complaintId}`);
  const projectedAsV2 = { complaintId, channel: 'web_form', customerId: 'cust-77', status: 'acknowledged' };

  test('the projector projects it as v2', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.database.url });
    const projector: INestApplicationContext = await NestFactory.createApplicationContext(
      ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
      { logger: false },
    );
    try {
      await projector.init();
      await eventually(async () => (await summary()).body?.revision === 1, 'the complaint to be projected');
    } finally {
      await projector.close();
    }
    expect((await summary()).body).toMatchObject(projectedAsV2);
  });

  test('a rebuild from the CLI reads it as v2 too', async () => {
    await raw.pool.query(`UPDATE complaint_summary SET channel = 'stale', customer_id = 'stale'`);
    const run = await runCli(projectionsRebuildCommand, [COMPLAINT_SUMMARY], api.database.url);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining('rebuilt from') });
    expect((await summary()).body).toMatchObject(projectedAsV2);
  });
});
