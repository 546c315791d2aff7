import { bearer } from '../support/auth.js';
import { auditor, categorization, intake, supervisor } from '../support/complaint-requests.js';
import { httpClient } from '../support/api.js';
import { type Http, idsOf, queueUntil, type QueuesEnvironment, startQueuesEnvironment } from './queues-support.js';

let env: QueuesEnvironment;
let http: Http;

beforeAll(async () => {
  env = await startQueuesEnvironment();
  // A supervisor runs the flow and reads every queue; agents claim with their own tokens.
  http = httpClient(env.api.url, supervisor);
});
afterAll(() => env?.close());

const team = (name: string) => `/queues/teams/${name}`;
const mine = (agentId: string) => `/queues/agents/${agentId}`;
const agent5 = bearer('agent-5', 'agent', ['quality']);
const has = (id: string) => (ids: string[]) => ids.includes(id);
const lacks = (id: string) => (ids: string[]) => !ids.includes(id);

describe('a complaint moving through the agent and team queues over HTTP', () => {
  it('appears when triaged, is claimed, moves on reassignment, pauses, and leaves when resolved or closed', async () => {
    const id: string = (await http.post('/complaints', intake())).body.complaintId;
    await http.post(`/complaints/${id}/acknowledge`, { how: 'email' });
    await http.post(`/complaints/${id}/categorize`, categorization);
    // Routed to the quality team by its category, nobody owns it yet.
    const routed = await queueUntil(http, `${team('quality')}?unowned=true`, has(id), 'the triaged complaint');
    expect(routed.body.items[0]).toMatchObject({
      complaintId: id,
      team: 'quality',
      ownerId: null,
      priority: 'P2',
      sla: { target: 'first_response', paused: false, overdue: false },
    });

    const claimed = await http.post('/queues/quality/claim', {}, agent5);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ complaintId: id, team: 'quality', ownerId: 'agent-5', revision: 3 });
    expect(claimed.headers.get('etag')).toBe('"3"');
    await queueUntil(http, mine('agent-5'), has(id), 'the claimed complaint in its owner’s queue');
    expect(idsOf(await http.get(`${team('quality')}?unowned=true`))).not.toContain(id);

    // Handed over to another team and owner: it moves between queues.
    await http.post(`/complaints/${id}/assign`, { team: 'technical', ownerId: 'agent-9' });
    await queueUntil(http, team('technical'), has(id), 'the complaint in its new team’s queue');
    await queueUntil(http, mine('agent-9'), has(id), 'the complaint in its new owner’s queue');
    await queueUntil(http, team('quality'), lacks(id), 'the complaint gone from the old team’s queue');
    await queueUntil(http, mine('agent-5'), lacks(id), 'the complaint gone from the old owner’s queue');

    await http.post(`/complaints/${id}/escalate`, { tier: 2, reason: 'safety' });
    await http.post(`/complaints/${id}/await-customer`, { reason: 'Photos' });
    const paused = await queueUntil(
      http,
      mine('agent-9'),
      (_, answer) => answer.body.items[0]?.sla.paused === true,
      'the paused complaint',
    );
    expect(paused.body.items[0]).toMatchObject({ escalationTier: 2, status: 'waiting_on_customer' });
    expect(paused.body.items[0].sla).toMatchObject({ dueAt: null, remainingMsWhenPaused: expect.any(Number) });

    await http.post(`/complaints/${id}/resolve`, { summary: 'Replaced', planSteps: ['Replace'] });
    await queueUntil(http, mine('agent-9'), lacks(id), 'the resolved complaint gone from the queues');
    expect(idsOf(await http.get(team('technical')))).not.toContain(id);

    // A disputed resolution needs work again; closing it ends that.
    await http.post(`/complaints/${id}/customer-response`, { outcome: 'disputed', satisfaction: 1 });
    await queueUntil(http, team('technical'), has(id), 'the disputed complaint back in the queue');
    const closed = await http.post(`/complaints/${id}/close`, { closureCode: 'withdrawn' });
    expect(closed.status).toBe(200);
    await queueUntil(http, team('technical'), lacks(id), 'the closed complaint gone from the queues');
    await queueUntil(http, mine('agent-9'), lacks(id), 'the closed complaint gone from its owner’s queue');
  });

  it('answers an empty queue with 404 QUEUE_EMPTY and refuses claims by callers who do not handle complaints', async () => {
    const empty = await http.post('/queues/nobody-here/claim', {}, bearer('agent-5', 'agent', ['nobody-here']));
    expect(empty).toMatchObject({ status: 404, body: { code: 'QUEUE_EMPTY' } });
    const byAuditor = await http.post('/queues/quality/claim', {}, auditor);
    expect(byAuditor).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    const otherTeam = await http.post('/queues/quality/claim', {}, bearer('agent-5', 'agent', ['technical']));
    expect(otherTeam).toMatchObject({ status: 403, body: { code: 'TEAM_NOT_ALLOWED' } });
    const anonymous = await httpClient(env.api.url).post('/queues/quality/claim', {});
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'TOKEN_MISSING' } });
  });

  it('validates path and query parameters with a 400 that names the field', async () => {
    const badTeam = await http.get('/queues/teams/Not%20A%20Team');
    expect(badTeam).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(badTeam.body.details).toEqual([{ field: 'team', problems: expect.any(Array) }]);
    for (const query of ['limit=0', 'limit=201', 'unowned=maybe', 'colour=blue']) {
      expect((await http.get(`${team('quality')}?${query}`)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await http.get(`${mine('agent-5')}?cursor=bm90LWEtY3Vyc29y`)).body.code).toBe('INVALID_CURSOR');
  });

  it('documents the queue routes and their parameters in OpenAPI', async () => {
    const { paths } = (await http.get('/docs-json')).body;
    const teamQueue = paths['/queues/teams/{team}'].get;
    expect(teamQueue.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'cursor',
      'limit',
      'team',
      'unowned',
    ]);
    expect(paths['/queues/agents/{agentId}'].get.responses['200']).toBeDefined();
    expect(Object.keys(paths['/queues/{team}/claim'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
  });
});
