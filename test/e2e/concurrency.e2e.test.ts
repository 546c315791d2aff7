import { agent, intake } from '../support/complaint-requests.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';

const contact = (n: number) => ({ direction: 'inbound', channel: 'phone', summary: `Call number ${n}` });

describe('If-Match gives optimistic concurrency', () => {
  let api: TestApi;
  let http: ReturnType<typeof httpClient>;
  beforeAll(async () => {
    api = await startTestApi();
    http = httpClient(api.url, agent);
  });
  afterAll(() => api.close());

  test('a step with the current revision in If-Match succeeds and returns the next ETag', async () => {
    const created = await http.post('/complaints', intake());
    const id = created.body.complaintId;
    const answer = await http.post(`/complaints/${id}/contacts`, contact(1), {
      'if-match': created.headers.get('etag')!,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"1"');
  });

  test('a stale If-Match is a 412 REVISION_MISMATCH and writes nothing', async () => {
    const id = (await http.post('/complaints', intake())).body.complaintId;
    await http.post(`/complaints/${id}/contacts`, contact(1));
    const answer = await http.post(`/complaints/${id}/contacts`, contact(2), { 'if-match': '"0"' });
    expect(answer.status).toBe(412);
    expect(answer.body).toMatchObject({ code: 'REVISION_MISMATCH', details: { expected: 0, actual: 1 } });
    expect((await http.get(`/complaints/${id}/history`)).body.revision).toBe(1);
  });

  test('of two clients sending the same If-Match at once, exactly one wins', async () => {
    const id = (await http.post('/complaints', intake())).body.complaintId;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => http.post(`/complaints/${id}/contacts`, contact(n), { 'if-match': '"0"' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    expect((await http.get(`/complaints/${id}/history`)).body.revision).toBe(1);
  });

  test('without If-Match, concurrent writers are retried and every command lands once, in consecutive revisions', async () => {
    const id = (await http.post('/complaints', intake())).body.complaintId;
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, n) => http.post(`/complaints/${id}/contacts`, contact(n))),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const history = (await http.get(`/complaints/${id}/history`)).body;
    expect(history.events.map((event: { revision: number }) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    const summaries = history.events
      .slice(1)
      .map((event: { data: { summary: string } }) => event.data.summary)
      .sort();
    expect(summaries).toEqual([0, 1, 2, 3, 4].map((n) => `Call number ${n}`));
  });
});

describe('when retries run out', () => {
  let api: TestApi;
  let http: ReturnType<typeof httpClient>;
  beforeAll(async () => {
    api = await startTestApi({ env: { COMMAND_RETRIES: '0' } });
    http = httpClient(api.url, agent);
  });
  afterAll(() => api.close());

  test('a write that still conflicts is a 409 CONCURRENCY_CONFLICT and leaves no partial write', async () => {
    const id = (await http.post('/complaints', intake())).body.complaintId;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) => http.post(`/complaints/${id}/contacts`, contact(n))),
    );
    const statuses = answers.map((answer) => answer.status);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) expect(conflict.body.code).toBe('CONCURRENCY_CONFLICT');
    const history = (await http.get(`/complaints/${id}/history`)).body;
    expect(history.revision).toBe(statuses.filter((status) => status === 200).length);
  });
});
