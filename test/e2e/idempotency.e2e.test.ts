import pg from 'pg';
import { agent, intake } from '../support/complaint-requests.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
});
afterAll(() => api.close());

const key = () => `key-${Math.random().toString(36).slice(2)}`;

async function eventCount(): Promise<number> {
  const client = new pg.Client({ connectionString: api.database.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM events');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('Idempotency-Key on POST', () => {
  test('the same key and body return the first answer and append no new event', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await http.post('/complaints', intake(), headers);
    const before = await eventCount();
    const again = await http.post('/complaints', intake(), headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount()).toBe(before);
  });

  test('the same key on a step replays the step, whose event is stored once', async () => {
    const id = (await http.post('/complaints', intake())).body.complaintId;
    const headers = { 'idempotency-key': key() };
    const contact = { direction: 'inbound', channel: 'phone', summary: 'Called about the refund' };
    const answers = [
      await http.post(`/complaints/${id}/contacts`, contact, headers),
      await http.post(`/complaints/${id}/contacts`, contact, headers),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect((await http.get(`/complaints/${id}/history`)).body.revision).toBe(1);
  });

  test('the same key with another body is a 422 IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const headers = { 'idempotency-key': key() };
    await http.post('/complaints', intake(), headers);
    const before = await eventCount();
    const answer = await http.post('/complaints', intake({ subject: 'Something else entirely' }), headers);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount()).toBe(before);
  });

  test('key order in the body does not make a different request', async () => {
    const headers = { 'idempotency-key': key() };
    const body = intake();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await http.post('/complaints', body, headers);
    const again = await http.post('/complaints', reordered, headers);
    expect(again.status).toBe(201);
    expect(again.body.complaintId).toBe(first.body.complaintId);
  });

  test('a failed request does not consume its key: a corrected retry with the same key runs', async () => {
    const headers = { 'idempotency-key': key() };
    const id = (await http.post('/complaints', intake())).body.complaintId;
    const early = await http.post(
      `/complaints/${id}/customer-response`,
      { outcome: 'confirmed', satisfaction: 4 },
      headers,
    );
    expect(early.status).toBe(409);
    const contact = { direction: 'inbound', channel: 'phone', summary: 'x' };
    expect((await http.post(`/complaints/${id}/contacts`, contact, headers)).status).toBe(200);
  });

  test('many copies of one request sent at once create one complaint', async () => {
    const headers = { 'idempotency-key': key() };
    const before = await eventCount();
    const answers = await Promise.all(Array.from({ length: 8 }, () => http.post('/complaints', intake(), headers)));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    expect(new Set(created.map((answer) => answer.body.complaintId)).size).toBe(1);
    expect(await eventCount()).toBe(before + 1);
  });

  test('a retry after a crash between storing the events and recording the answer appends nothing new', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await http.post('/complaints', intake(), headers);
    // The process "died" before the answer was recorded: only the events are stored.
    const client = new pg.Client({ connectionString: api.database.url });
    await client.connect();
    await client.query('DELETE FROM idempotency_records WHERE key = $1', [headers['idempotency-key']]);
    await client.end();
    const before = await eventCount();
    const retry = await http.post('/complaints', intake(), headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await eventCount()).toBe(before);
  });
});
