/**
 * Crypto-shredding over HTTP: two customers' complaints, one customer forgotten. Afterwards their
 * name, email and phone read as erased in the history, time travel, the SSE feed and webhooks;
 * the export holds ciphertext only and re-imports with identical hashes; every chain verifies;
 * the other customer reads as before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventsImportCommand } from '../../apps/cli/src/commands/events-import.command.js';
import { eventsVerifyCommand } from '../../apps/cli/src/commands/events-verify.command.js';
import { ERASED_VALUE, isEnvelope, PostgresEventStore, START } from '../../libs/event-store/src/index.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { createTestDatabase } from '../support/database.js';
import { agent, auditor, intake, service, supervisor } from '../support/complaint-requests.js';
import { SseClient } from '../support/sse-client.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { runCli } from './audit-support.js';
import {
  CLEAR_TEXT,
  customerInHistory,
  forget,
  LI,
  MARIA,
  type PersonalDataWorld,
  startWorld,
} from './personal-data-support.js';

let world: PersonalDataWorld;
let hashesBefore: string[][];
const erased = { id: LI.id, name: ERASED_VALUE, email: ERASED_VALUE, phone: ERASED_VALUE };
const all = () => [...world.complaints.li, world.complaints.maria];

async function hashesOf(id: string): Promise<string[]> {
  const history = await world.http.get(`/complaints/${id}/history`, supervisor);
  return history.body.events.map((event: { hash: string }) => event.hash);
}

beforeAll(async () => {
  world = await startWorld();
  hashesBefore = await Promise.all(all().map(hashesOf));
  expect(await customerInHistory(world.http, world.complaints.li[0]!)).toEqual(LI);
  const answer = await forget(world.http, LI.id);
  expect(answer).toMatchObject({
    status: 202,
    body: { customerId: LI.id, erasedKeys: 1, erasureStream: `erasure-${LI.id}` },
  });
}, 120_000);
afterAll(() => world?.close());

describe('forgetting a customer', () => {
  test('only an admin may forget a customer; a repeat erases nothing more and answers the same way', async () => {
    for (const caller of [agent, supervisor, auditor])
      expect((await forget(world.http, MARIA.id, caller)).status).toBe(403);
    expect(await forget(world.http, LI.id)).toMatchObject({ status: 202, body: { customerId: LI.id, erasedKeys: 0 } });
    expect(await customerInHistory(world.http, world.complaints.maria)).toEqual(MARIA);
  });

  test("the history shows the forgotten customer's personal fields as erased and everything else intact", async () => {
    for (const id of world.complaints.li) {
      const history = await world.http.get(`/complaints/${id}/history`, supervisor);
      expect(history.body.events[0].data).toMatchObject({ customer: erased, subject: expect.any(String) });
      expect(JSON.stringify(history.body)).not.toMatch(/Li Wei|li\.wei|5555 0101/);
    }
    expect(await customerInHistory(world.http, world.complaints.maria)).toEqual(MARIA);
  });

  test('time travel still folds the whole history, with no personal data in it', async () => {
    const [first] = world.complaints.li;
    const revision = hashesBefore[0]!.length - 1;
    const state = await world.http.get(`/complaints/${first}/state?revision=${revision}`, supervisor);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ revision, state: { customerId: LI.id, team: 'quality', ownerId: 'agent-7' } });
    expect(JSON.stringify(state.body)).not.toMatch(/Li Wei|li\.wei/);
  });

  test('every hash chain still verifies and every stored hash is what it was before the erasure', async () => {
    for (const id of all()) {
      expect((await world.http.get(`/complaints/${id}/verify`, auditor)).body).toMatchObject({ ok: true });
    }
    expect(await Promise.all(all().map(hashesOf))).toEqual(hashesBefore);
  });

  test('the export holds ciphertext only, records who forgot whom, and re-imports with identical hashes', async () => {
    const answer = await world.http.send('GET', '/audit/export', undefined, auditor);
    const text = answer.body as string;
    for (const value of CLEAR_TEXT) expect(text).not.toContain(value);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const received = lines.filter((line) => line.type === 'ComplaintReceived');
    expect(received).toHaveLength(3);
    for (const line of received) expect(isEnvelope(line.data.customer.name)).toBe(true);
    const record = lines.find((line) => line.streamName === `erasure-${LI.id}`);
    expect(record).toMatchObject({
      type: 'CustomerForgotten',
      data: { customerId: LI.id, keyIds: [expect.any(String)], by: 'admin-1' },
      metadata: { actor: { id: 'admin-1', role: 'admin' } },
    });
    expect(received.some((line) => line.data.customer.name.includes(record.data.keyIds[0]))).toBe(true);
    await expectIdenticalImport(text, lines);
  }, 90_000);

  test('the SSE feed delivers the forgotten customer as erased and the other in clear', async () => {
    const feed = await SseClient.connect(`${world.api.url}/events?after=start&types=ComplaintReceived`, service);
    try {
      await feed.waitFor((client) => client.messages.length === 3, 10_000, 'three intakes');
      const customers = feed.messages.map((message) => JSON.parse(message.data).data.customer);
      expect(customers).toEqual([erased, erased, MARIA]);
    } finally {
      feed.response.destroy();
    }
  });

  test('webhooks deliver the forgotten customer as erased and the other in clear', async () => {
    const secret = 'personal-data-webhook-secret-0123456789';
    const receiver = await WebhookReceiver.start({ secret, nowSeconds: () => Math.floor(Date.now() / 1000) });
    try {
      const subscription = { url: receiver.url, secret, from: 'start', eventTypes: ['ComplaintReceived'] };
      expect((await world.http.post('/subscriptions', subscription, service)).status).toBe(201);
      await eventually(async () => receiver.accepted().length >= 3, 'three webhook deliveries');
      const customers = receiver.accepted().map((delivery) => JSON.parse(delivery.body).data.customer);
      expect(customers).toEqual([erased, erased, MARIA]);
    } finally {
      await receiver.close();
    }
  });

  test('a customer who comes back is readable on the new complaint, and stays erased on the old ones', async () => {
    const answer = await world.http.post('/complaints', intake({ customer: LI }), agent);
    expect(answer.status).toBe(201);
    expect(await customerInHistory(world.http, answer.body.complaintId)).toEqual(LI);
    expect(await customerInHistory(world.http, world.complaints.li[0]!)).toEqual(erased);
  });
});

/** The export, imported into a fresh database: every event with its hash as exported, every chain intact. */
async function expectIdenticalImport(text: string, lines: { id: string; hash: string }[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'shredded-export-'));
  const target = await createTestDatabase('shredded');
  try {
    const file = join(dir, 'export.ndjson');
    await writeFile(file, text);
    expect((await runCli(eventsImportCommand, ['--in', file], target.url)).code).toBe(0);
    expect((await runCli(eventsVerifyCommand, [], target.url)).code).toBe(0);
    const store = new PostgresEventStore({ connectionString: target.url, poolSize: 1 });
    const imported = await store.readAll({ after: START, limit: 1000 });
    await store.close();
    // The import may write streams in another order than the feed's: compare event by event.
    const pairs = (events: { id: string; hash: string }[]) => events.map((event) => `${event.id} ${event.hash}`).sort();
    expect(pairs(imported.events)).toEqual(pairs(lines));
  } finally {
    await target.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
