import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { feedShowsAllCommitted } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { bearer } from '../support/auth.js';
import { admin, agent, auditor, intake, service } from '../support/complaint-requests.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;
beforeAll(async () => {
  api = await startTestApi();
  // A service manages its subscriptions with its own token.
  http = httpClient(api.url, service);
});
afterAll(() => api.close());

const secret = 'a-secret-of-at-least-16-chars';
const valid = { url: 'https://hooks.example.com/complaints', eventTypes: ['ComplaintReceived'], secret };

async function count(): Promise<number> {
  return (await http.get('/subscriptions')).body.subscriptions.length;
}

describe('POST /subscriptions', () => {
  test('registers a subscription from now on and answers 201 with its Location, never with the secret it was given', async () => {
    await http.post('/complaints', intake(), agent);
    // "Now" is the feed's head, which shows an event once every older transaction on the server has
    // ended; other test files share the server, so wait for the intake to be in the feed.
    const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 1 });
    await feedShowsAllCommitted(store).finally(() => store.close());
    const created = await http.post('/subscriptions', valid);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/subscriptions/${created.body.id}`);
    expect(created.body).toMatchObject({
      url: valid.url,
      eventTypes: ['ComplaintReceived'],
      status: 'active',
      delivered: 0,
      failedAttempts: 0,
      deadLetters: 0,
    });
    expect(created.body.position).not.toBe('start');
    expect(JSON.stringify(created.body)).not.toContain(secret);
    const fetched = await http.get(`/subscriptions/${created.body.id}`);
    expect(fetched.body).toMatchObject({ position: created.body.position, lag: { events: 0, exact: true } });
    expect(JSON.stringify(fetched.body)).not.toContain(secret);
  });

  test('generates a secret when none is given and returns it in the creation answer only', async () => {
    const created = await http.post('/subscriptions', { url: 'http://10.0.0.7:8080/hook', from: 'start' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ position: 'start', eventTypes: [] });
    const listed = await http.get('/subscriptions');
    const shown = [await http.get(`/subscriptions/${created.body.id}`), listed];
    for (const answer of shown) expect(JSON.stringify(answer.body)).not.toContain(created.body.secret);
    expect(listed.body.subscriptions.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });

  test.each([
    ['a URL that is not http(s)', { url: 'ftp://hooks.example.com/x' }, 'url'],
    ['a relative URL', { url: '/hook' }, 'url'],
    ['a URL with credentials', { url: 'https://user:pw@hooks.example.com/' }, 'url'],
    ['a URL over 2048 characters', { url: `https://hooks.example.com/${'x'.repeat(2048)}` }, 'url'],
    ['an unknown event type', { eventTypes: ['ComplaintExploded'] }, 'eventTypes'],
    ['the same event type twice', { eventTypes: ['ComplaintReceived', 'ComplaintReceived'] }, 'eventTypes'],
    ['a secret shorter than 16 characters', { secret: 'short' }, 'secret'],
    ['an unknown start', { from: 'yesterday' }, 'from'],
    ['an unknown field', { retries: 3 }, 'retries'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field, and writes nothing', async (_, change, field) => {
    const before = await count();
    const answer = await http.post('/subscriptions', { ...valid, ...change });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(answer.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  test('refuses a missing url', async () => {
    const answer = await http.post('/subscriptions', { secret });
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});

describe('GET, pause, resume and DELETE /subscriptions/:id', () => {
  test('an unknown id is 404 SUBSCRIPTION_NOT_FOUND, a malformed one 400 INVALID_ID', async () => {
    const unknown = crypto.randomUUID();
    for (const answer of [
      await http.get(`/subscriptions/${unknown}`),
      await http.get(`/subscriptions/${unknown}/dead-letters`),
      await http.post(`/subscriptions/${unknown}/pause`),
      await http.send('DELETE', `/subscriptions/${unknown}`),
    ]) {
      expect(answer).toMatchObject({ status: 404, body: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    }
    expect(await http.get('/subscriptions/nope')).toMatchObject({ status: 400, body: { code: 'INVALID_ID' } });
  });

  test('pause keeps the checkpoint and resume makes it active again', async () => {
    const { id, position } = (await http.post('/subscriptions', valid)).body;
    expect(await http.post(`/subscriptions/${id}/pause`)).toMatchObject({
      status: 200,
      body: { status: 'paused', position },
    });
    expect((await http.post(`/subscriptions/${id}/resume`)).body).toMatchObject({ status: 'active', position });
  });

  test('DELETE removes the subscription: 204, then 404', async () => {
    const { id } = (await http.post('/subscriptions', valid)).body;
    expect((await http.send('DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await http.get(`/subscriptions/${id}`)).status).toBe(404);
    expect((await http.send('DELETE', `/subscriptions/${id}`)).status).toBe(404);
  });

  test('the OpenAPI document describes the subscription routes and the creation body', async () => {
    const document = (await http.get('/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/subscriptions', '/subscriptions/{id}', '/subscriptions/{id}/dead-letters']),
    );
    expect(Object.keys(document.components.schemas.CreateSubscriptionDto.properties)).toEqual(
      expect.arrayContaining(['url', 'eventTypes', 'secret', 'from']),
    );
  });
});

describe('who manages which subscription', () => {
  const otherService = bearer('svc-2', 'service');

  test('a subscription belongs to the service that created it: another service sees and changes nothing of it', async () => {
    const { id } = (await http.post('/subscriptions', valid)).body;
    expect((await http.get(`/subscriptions/${id}`)).body.ownerId).toBe('svc-1');
    for (const answer of [
      await http.get(`/subscriptions/${id}`, otherService),
      await http.get(`/subscriptions/${id}/dead-letters`, otherService),
      await http.post(`/subscriptions/${id}/pause`, {}, otherService),
      await http.post(`/subscriptions/${id}/resume`, {}, otherService),
      await http.send('DELETE', `/subscriptions/${id}`, undefined, otherService),
    ]) {
      expect(answer).toMatchObject({ status: 404, body: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    }
    const theirs = (await http.get('/subscriptions', otherService)).body.subscriptions;
    expect(theirs.map((subscription: { id: string }) => subscription.id)).not.toContain(id);
    expect((await http.get(`/subscriptions/${id}`)).body.status).toBe('active');
  });

  test('an admin sees and manages every subscription; an auditor reads them all and changes none', async () => {
    const { id } = (await http.post('/subscriptions', valid)).body;
    const listedByAuditor = (await http.get('/subscriptions', auditor)).body.subscriptions;
    expect(listedByAuditor.map((subscription: { id: string }) => subscription.id)).toContain(id);
    expect(await http.post(`/subscriptions/${id}/pause`, {}, auditor)).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });
    expect((await http.post(`/subscriptions/${id}/pause`, {}, admin)).body.status).toBe('paused');
    expect((await http.send('DELETE', `/subscriptions/${id}`, undefined, admin)).status).toBe(204);
  });

  test('agents, supervisors and analysts have no access to subscriptions', async () => {
    for (const role of ['agent', 'supervisor', 'analyst'] as const) {
      const answer = await http.get('/subscriptions', bearer(`${role}-1`, role));
      expect({ role, status: answer.status, code: answer.body.code }).toEqual({
        role,
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
  });
});
