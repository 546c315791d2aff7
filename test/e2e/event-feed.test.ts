import { createEventSchemaValidator } from '../../libs/domain/src/testing/event-schema-validator.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { categorization, intake, service, supervisor } from '../support/complaint-requests.js';
import { SseClient } from '../support/sse-client.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;
const open: SseClient[] = [];

beforeAll(async () => {
  api = await startTestApi({ env: { EVENT_FEED_HEARTBEAT_MS: '100' } });
  // A supervisor works complaints of every team here; the feed is read with a service's token.
  http = httpClient(api.url, supervisor);
});
afterEach(() => open.splice(0).forEach((client) => client.close()));
afterAll(() => api.close());

async function connect(path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await SseClient.connect(`${api.url}${path}`, { ...service, ...headers });
  open.push(client);
  return client;
}

async function newComplaint(): Promise<string> {
  const answer = await http.post('/complaints', intake());
  expect(answer.status).toBe(201);
  return answer.body.complaintId;
}

const step = async (id: string, path: string, body: object) =>
  expect((await http.post(`/complaints/${id}/${path}`, body)).status).toBe(200);

async function historyOf(id: string) {
  return (await http.get(`/complaints/${id}/history`)).body.events as { id: string; position: string }[];
}

describe('GET /events: catch-up, then live', () => {
  test('from the start it replays every event in feed order, then delivers new ones as they happen', async () => {
    const first = await newComplaint();
    await step(first, 'acknowledge', { how: 'email' });
    const client = await connect('/events?after=start');
    await client.waitFor((c) => c.messages.length >= 2, 5000, 'the catch-up');
    const second = await newComplaint();
    await client.waitFor((c) => c.json().some((event) => event.data.complaintId === second), 5000, 'a live event');

    const delivered = client.json();
    const expected = [...(await historyOf(first)), ...(await historyOf(second))].map((event) => event.id);
    expect(delivered.map((event) => event.id)).toEqual(expected);
    expect(client.messages.map((message) => message.id)).toEqual(delivered.map((event) => event.position));
    expect(client.messages.map((message) => message.event)).toEqual(delivered.map((event) => event.type));
    expect(delivered[0]).toMatchObject({
      type: 'ComplaintReceived',
      schemaVersion: expect.any(Number),
      streamName: `complaint-${first}`,
      revision: 0,
      recordedAt: expect.stringMatching(/Z$/),
      metadata: { actor: { id: 'sup-1', role: 'supervisor' }, correlationId: expect.any(String) },
    });
  });

  test('every delivered event conforms to the schema published for its type and version', async () => {
    const id = await newComplaint();
    await step(id, 'categorize', categorization);
    const client = await connect('/events?after=start');
    await client.waitFor((c) => c.json().some((event) => event.type === 'ComplaintCategorized'), 5000);
    const validator = createEventSchemaValidator();
    for (const event of client.json()) {
      const schema = (await http.get(`/events/schemas/${event.type}/${event.schemaVersion}`)).body;
      expect({ type: event.type, problems: validator.problems(schema, event) }).toEqual({
        type: event.type,
        problems: [],
      });
    }
  });

  test('without a position it starts at the head: only events appended after the response began', async () => {
    await newComplaint();
    const client = await connect('/events');
    const id = await newComplaint();
    await client.waitFor((c) => c.messages.length >= 1, 5000);
    expect(client.json().map((event) => event.data.complaintId)).toEqual([id]);
  });

  test('Last-Event-ID resumes right after that event and wins over ?after=', async () => {
    const id = await newComplaint();
    await step(id, 'acknowledge', { how: 'email' });
    await step(id, 'categorize', categorization);
    const [received, acknowledged, categorized] = await historyOf(id);
    const client = await connect(`/events?after=${encodeURIComponent(received!.position)}`, {
      'last-event-id': acknowledged!.position,
    });
    await client.waitFor((c) => c.messages.length >= 1, 5000);
    expect(client.json()[0].id).toBe(categorized!.id);
  });

  test('a position that is not one is a 400 INVALID_POSITION with the usual error body', async () => {
    for (const garbage of ['garbage', '12', '1/2/3', 'x'.repeat(500)]) {
      const byQuery = await http.get(`/events?after=${encodeURIComponent(garbage)}`, service);
      expect(byQuery.status).toBe(400);
      expect(byQuery.body).toMatchObject({
        statusCode: 400,
        code: 'INVALID_POSITION',
        correlationId: expect.any(String),
      });
      const byHeader = await http.get('/events', { ...service, 'last-event-id': garbage });
      expect(byHeader.body.code).toBe('INVALID_POSITION');
    }
  });
});

describe('GET /events: filters', () => {
  test('?types= sends only those types; an unknown type is a 400 INVALID_EVENT_TYPE', async () => {
    const client = await connect('/events?types=ComplaintCategorized,ComplaintAcknowledged');
    const id = await newComplaint();
    await step(id, 'acknowledge', { how: 'email' });
    await step(id, 'categorize', categorization);
    await client.waitFor((c) => c.messages.length >= 2, 5000);
    expect(client.json().map((event) => event.type)).toEqual(['ComplaintAcknowledged', 'ComplaintCategorized']);

    const bad = await http.get('/events?types=ComplaintReceived,ComplaintDeleted', service);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_EVENT_TYPE', details: { unknown: ['ComplaintDeleted'] } });
    expect((await http.get('/events?types=', service)).body.code).toBe('INVALID_EVENT_TYPE');
  });

  test("?category= sends a complaint's events from its categorization into the category until it leaves", async () => {
    const start = await connect('/events?category=delivery');
    const inside = await newComplaint();
    const other = await newComplaint();
    await step(inside, 'acknowledge', { how: 'email' }); // before categorization: not sent
    await step(inside, 'categorize', { ...categorization, category: 'delivery', subcategory: 'logistics_delay' });
    await step(other, 'categorize', { ...categorization, category: 'service', subcategory: 'attitude' });
    await step(inside, 'assign', { team: 'logistics', ownerId: 'agent-7' });
    await step(other, 'assign', { team: 'care', ownerId: 'agent-7' });
    await step(inside, 'categorize', { ...categorization, category: 'service', subcategory: 'attitude' }); // leaves: sent
    await step(inside, 'validate', { reason: 'Checked' }); // after it left: not sent
    const marker = await newComplaint();
    await step(marker, 'categorize', { ...categorization, category: 'delivery', subcategory: 'supply_chain' });

    await start.waitFor((c) => c.json().some((event) => event.data.complaintId === marker), 5000);
    const summary = (client: SseClient) => client.json().map((event) => [event.data.complaintId, event.type]);
    expect(summary(start)).toEqual([
      [inside, 'ComplaintCategorized'],
      [inside, 'ComplaintAssigned'],
      [inside, 'ComplaintCategorized'],
      [marker, 'ComplaintCategorized'],
    ]);

    // A connection that starts in the middle of the stream resolves the category from the stream itself.
    const [, , categorized] = await historyOf(inside);
    const midway = await connect(`/events?category=delivery&types=ComplaintAssigned,ComplaintReceived`, {
      'last-event-id': categorized!.position,
    });
    await midway.waitFor((c) => c.messages.length >= 1, 5000);
    expect(summary(midway)).toEqual([[inside, 'ComplaintAssigned']]);

    expect((await http.get('/events?category=weather', service)).body.code).toBe('INVALID_CATEGORY');
  });
});

describe('GET /events: heartbeats', () => {
  test('a quiet connection gets a heartbeat comment every interval', async () => {
    const client = await connect('/events');
    await client.waitFor(
      (c) => c.comments.filter((comment) => comment === 'heartbeat').length >= 3,
      3000,
      'heartbeats',
    );
    expect(client.messages).toEqual([]);
  });

  test('a heartbeat moves Last-Event-ID past events the category filter skipped, so a resume does not rescan them', async () => {
    const client = await connect('/events?category=integrity');
    const id = await newComplaint();
    const [received] = await historyOf(id);
    await client.waitFor((c) => c.lastEventId === received!.position, 3000, 'the heartbeat id');
    expect(client.messages).toEqual([]);
  });
});

describe('GET /events/schemas', () => {
  test('lists the envelope and one schema per event type and version', async () => {
    const answer = await http.get('/events/schemas');
    expect(answer.status).toBe(200);
    expect(answer.body.envelope).toMatchObject({ $id: 'urn:complaint-desk:events:envelope' });
    const types = new Set(answer.body.events.map((entry: { type: string }) => entry.type));
    expect(types.size).toBe(22);
    expect(answer.body.events[0]).toMatchObject({ type: 'ComplaintReceived', version: 1, schema: expect.any(Object) });
  });

  test('serves one schema by type and version, and 404 SCHEMA_NOT_FOUND for anything else', async () => {
    const one = await http.get('/events/schemas/ComplaintClosed/1');
    expect(one.body).toMatchObject({
      $id: 'urn:complaint-desk:events:ComplaintClosed:v1',
      properties: { type: { const: 'ComplaintClosed' } },
    });
    for (const path of ['ComplaintClosed/99', 'ComplaintDeleted/1', 'ComplaintClosed/v1']) {
      const missing = await http.get(`/events/schemas/${path}`);
      expect({ path, status: missing.status, code: missing.body.code }).toEqual({
        path,
        status: 404,
        code: 'SCHEMA_NOT_FOUND',
      });
    }
  });
});
