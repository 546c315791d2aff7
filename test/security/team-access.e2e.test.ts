/**
 * What a token lets its holder do beyond its role: an agent acts only on complaints of their teams
 * (any agent before triage), sees only their own queue; the actor recorded is always the token's.
 */
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { bearer } from '../support/auth.js';
import { analyst, auditor, categorization, intake, supervisor } from '../support/complaint-requests.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;
const quality = bearer('agent-q', 'agent', ['quality']);
const logistics = bearer('agent-l', 'agent', ['logistics']);
const delivery = { ...categorization, category: 'delivery', subcategory: 'logistics_delay' };

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url);
});
afterAll(() => api?.close());

const revisionOf = async (id: string) => (await http.get(`/complaints/${id}/history`, supervisor)).body.revision;
async function received(by: Record<string, string> = quality): Promise<string> {
  const answer = await http.post('/complaints', intake(), by);
  expect(answer.status).toBe(201);
  return answer.body.complaintId;
}

describe('an agent and the teams in their token', () => {
  test('before triage a complaint is nobody’s: any agent acknowledges and categorizes it', async () => {
    const id = await received(quality);
    expect((await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, logistics)).status).toBe(200);
    expect((await http.post(`/complaints/${id}/categorize`, delivery, quality)).status).toBe(200);
  });

  test('once categorized, only agents of its default team act on it, and a refusal writes nothing', async () => {
    const id = await received();
    await http.post(`/complaints/${id}/categorize`, delivery, quality);
    const before = await revisionOf(id);
    const refused = await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, quality);
    expect(refused).toMatchObject({ status: 403, body: { code: 'TEAM_NOT_ALLOWED' } });
    expect(await revisionOf(id)).toBe(before);
    expect((await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, logistics)).status).toBe(200);
  });

  test('once assigned, the assigned team decides; a supervisor acts on any complaint', async () => {
    const id = await received();
    await http.post(`/complaints/${id}/categorize`, delivery, logistics);
    await http.post(`/complaints/${id}/assign`, { team: 'quality', ownerId: 'agent-q' }, logistics);
    expect((await http.post(`/complaints/${id}/validate`, { reason: 'Checked' }, logistics)).body.code).toBe(
      'TEAM_NOT_ALLOWED',
    );
    expect((await http.post(`/complaints/${id}/validate`, { reason: 'Checked' }, quality)).status).toBe(200);
    expect((await http.post(`/complaints/${id}/escalate`, { tier: 2, reason: 'safety' }, supervisor)).status).toBe(200);
  });

  test('auditors and analysts never write', async () => {
    const id = await received();
    for (const reader of [auditor, analyst]) {
      expect(await http.post('/complaints', intake(), reader)).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });
      const step = await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, reader);
      expect(step).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    }
  });

  test('an agent reads the queues of their own teams and their own queue only', async () => {
    expect((await http.get('/queues/teams/quality', quality)).status).toBe(200);
    expect((await http.get('/queues/teams/logistics', quality)).body.code).toBe('TEAM_NOT_ALLOWED');
    expect((await http.get('/queues/agents/agent-q', quality)).status).toBe(200);
    expect((await http.get('/queues/agents/agent-l', quality)).body.code).toBe('ACTOR_NOT_ALLOWED');
    expect((await http.get('/queues/agents/agent-l', supervisor)).status).toBe(200);
  });
});

describe('the actor in the events', () => {
  test('is the token’s subject and role, whatever X-Actor headers the request carries', async () => {
    const answer = await http.post('/complaints', intake(), {
      ...quality,
      'x-actor-id': 'someone-else',
      'x-actor-role': 'admin',
    });
    const { events } = (await http.get(`/complaints/${answer.body.complaintId}/history`, supervisor)).body;
    expect(events[0].metadata.actor).toEqual({ id: 'agent-q', role: 'agent' });
  });

  test('is recorded in the most accountable role the route allows when the token holds several', async () => {
    const both = bearer('lead-1', ['agent', 'supervisor'], ['quality']);
    const id = await received(both);
    const { events } = (await http.get(`/complaints/${id}/history`, both)).body;
    expect(events[0].metadata.actor).toEqual({ id: 'lead-1', role: 'supervisor' });
  });

  test('a token with no role of this API gets nowhere', async () => {
    const stranger = bearer('billing-bot', [] as never[]);
    expect(await http.get('/complaints', stranger)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
  });
});
