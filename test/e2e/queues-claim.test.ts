import { streamNameFor } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { complaintQueueProjection, ProjectionRunner } from '../../libs/read-models/src/index.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';
import { bearer } from '../support/auth.js';
import { categorization, intake, supervisor } from '../support/complaint-requests.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { idsOf } from './queues-support.js';

// No projector here: the queue is brought up to date explicitly, so each test decides how stale it is.
let api: TestApi;
let store: PostgresEventStore;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi();
  store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 4 });
  // A supervisor takes complaints in and reads every queue; agents claim with their own tokens.
  http = httpClient(api.url, supervisor);
});
afterAll(async () => {
  await store?.close();
  await api?.close();
});

/**
 * Brings the queue up to date until `done` holds: the feed shows an event only once no older
 * transaction on the server is open, so one catch-up may stop short while other tests run.
 */
async function project(done: () => Promise<boolean>, what: string): Promise<void> {
  const runner = new ProjectionRunner({ store, pool: store.pool, projection: complaintQueueProjection });
  await eventually(async () => (await runner.catchUp()) >= 0 && (await done()), what);
}
const queue = async (path: string) => idsOf(await http.get(path));
const claimAs = (agentId: string, team: string) =>
  http.post(`/queues/${team}/claim`, {}, bearer(agentId, 'agent', [team]));

async function triagedComplaints(count: number, category = categorization): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const id: string = (await http.post('/complaints', intake())).body.complaintId;
    await http.post(`/complaints/${id}/categorize`, category);
    ids.push(id);
  }
  return ids;
}

/** Every ComplaintAssigned in the complaint's stream: the source of truth for who owns it. */
async function assignmentsOf(id: string) {
  const events = await store.readStream(streamNameFor(id));
  return events.filter((event) => event.type === 'ComplaintAssigned');
}

describe('claiming from a team queue', () => {
  it('never gives two of 24 concurrent claims the same complaint, and each claim is an assignment in the stream', async () => {
    const complaints = await triagedComplaints(16);
    const unowned = '/queues/teams/quality?unowned=true';
    await project(async () => (await queue(unowned)).length === 16, 'the 16 complaints in the queue');
    const agents = Array.from({ length: 24 }, (_, index) => `agent-${index}`);
    const answers = await Promise.all(agents.map((agentId) => claimAs(agentId, 'quality')));
    const won = answers.filter((answer) => answer.status === 200);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(['QUEUE_EMPTY', 'CLAIM_CONTENDED']).toContain(answer.body.code);
    }
    const claimedIds = won.map((answer) => answer.body.complaintId as string);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    // Whatever the first burst left (a candidate whose race was lost), later claims pick up.
    const later: Answer[] = [];
    for (
      let answer = await claimAs('agent-late', 'quality');
      answer.status === 200;
      answer = await claimAs('agent-late', 'quality')
    ) {
      later.push(answer);
    }
    const all = [...won, ...later];
    expect(new Set(all.map((answer) => answer.body.complaintId)).size).toBe(16);
    expect(all.map((answer) => answer.body.complaintId).sort()).toEqual([...complaints].sort());
    for (const answer of all) {
      const assignments = await assignmentsOf(answer.body.complaintId);
      expect(assignments).toHaveLength(1);
      expect(assignments[0]).toMatchObject({
        revision: answer.body.revision,
        data: { team: 'quality', ownerId: answer.body.ownerId },
        metadata: { actor: { id: answer.body.ownerId } },
      });
    }
    await project(async () => (await queue(unowned)).length === 0, 'every claim projected');
    const owned = idsOf(await http.get(`/queues/agents/${won[0]!.body.ownerId}`));
    expect(owned).toEqual([won[0]!.body.complaintId]);
  });

  it('does not hand out a complaint the stream says is owned, even while the queue has not caught up', async () => {
    const [id] = await triagedComplaints(1, {
      ...categorization,
      category: 'delivery',
      subcategory: 'logistics_delay',
    });
    await project(async () => (await queue('/queues/teams/logistics')).includes(id!), 'the complaint in the queue');
    // Assigned directly, after the queue was last brought up to date: its row still says unowned.
    await http.post(`/complaints/${id}/assign`, { team: 'logistics', ownerId: 'agent-3' });
    const answer = await claimAs('agent-4', 'logistics');
    expect(answer).toMatchObject({ status: 409, body: { code: 'CLAIM_CONTENDED' } });
    expect((await assignmentsOf(id!)).map((event) => event.data)).toEqual([
      expect.objectContaining({ ownerId: 'agent-3' }),
    ]);
    await project(async () => (await queue('/queues/agents/agent-3')).includes(id!), 'the assignment projected');
    expect((await claimAs('agent-4', 'logistics')).body.code).toBe('QUEUE_EMPTY');
  });
});
