/**
 * GET /complaints/:id/state?asOf=|revision=: the complaint as it stood then. A long history is
 * written on a test clock (one minute per step); at several points the answer must equal the state
 * folded by hand from the history's events up to that point, and a few facts are checked literally.
 */
import { randomUUID } from 'node:crypto';
import { type ComplaintEvent, fold, initialState } from '../../libs/domain/src/index.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, assignment, auditor, categorization, intake, supervisor } from '../support/complaint-requests.js';

const START = Date.parse('2025-03-10T08:00:00.000Z');
let now = START;
const clock = { now: () => new Date(now) };
let api: TestApi;
let http: ReturnType<typeof httpClient>;
let id: string;
/** The history as stored (through the API's view), oldest first. */
let history: { revision: number; recordedAt: string; type: string; data: unknown }[];

/** Each step: path, body, extra headers. One minute of test time passes after each. */
const STEPS: [string, object, Record<string, string>?][] = [
  ['acknowledge', { how: 'email' }],
  ['categorize', categorization],
  ['assign', assignment],
  ['validate', { reason: 'Reproduced' }],
  ['contacts', { direction: 'outbound', channel: 'phone', summary: 'Asked for photos' }],
  ['await-customer', { reason: 'Waiting for photos' }],
  ['contacts', { direction: 'inbound', channel: 'email', summary: 'Photos sent', mood: 'frustrated' }],
  ['resume', { reason: 'Photos received' }],
  ['root-cause', { fishboneClass: 'machine', whys: ['Thermostat'], correctiveAction: 'Fix', preventiveAction: 'QA' }],
  ['escalate', { tier: 2, reason: 'safety' }],
  ['categorize', { ...categorization, severity: 'critical' }],
  ['await-customer', { reason: 'Waiting for the unit' }],
  // Resolving while waiting appends two events at one instant: ComplaintResumed, ComplaintResolved.
  ['resolve', { summary: 'Refund paid', planSteps: ['Refund'] }],
  ['customer-response', { outcome: 'disputed', satisfaction: 2 }],
  ['reopen', { reason: 'Wants a replacement' }],
  ['assign', { team: 'quality', ownerId: 'agent-9' }, supervisor],
  ['resolve', { summary: 'Replacement shipped', planSteps: ['Ship'] }],
  ['customer-response', { outcome: 'confirmed', satisfaction: 5 }],
  ['close', { closureCode: 'resolved' }],
];

beforeAll(async () => {
  api = await startTestApi({ clock });
  http = httpClient(api.url, agent);
  const received = await http.post('/complaints', intake({ occurredAt: '2025-03-09T18:00:00.000Z' }));
  if (received.status !== 201) throw new Error(`intake: ${received.status} ${JSON.stringify(received.body)}`);
  id = received.body.complaintId;
  for (const [path, body, headers] of STEPS) {
    now += 60_000;
    const answer = await http.post(`/complaints/${id}/${path}`, body, headers);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  history = (await http.get(`/complaints/${id}/history`)).body.events;
});
afterAll(() => api.close());

const foldedByHand = (lastRevision: number) =>
  fold(
    history
      .filter((event) => event.revision <= lastRevision)
      .map((e) => ({ type: e.type, data: e.data }) as ComplaintEvent),
    initialState,
  );
const at = (offsetMs: number) => new Date(START + offsetMs).toISOString();
const state = (query: string): Promise<Answer> => http.get(`/complaints/${id}/state?${query}`, auditor);

test('the history is long and has two events at one instant', () => {
  expect(history.length).toBe(STEPS.length + 2);
  const instants = history.map((event) => event.recordedAt);
  expect(new Set(instants).size).toBe(instants.length - 1);
});

test('at every revision, the state equals the fold of the events up to it', async () => {
  for (const { revision, recordedAt } of history) {
    const answer = await state(`revision=${revision}`);
    expect({ revision, status: answer.status, body: answer.body }).toEqual({
      revision,
      status: 200,
      body: { complaintId: id, revision, recordedAt, state: foldedByHand(revision) },
    });
  }
});

test.each([
  ['at the intake instant', 0, 0],
  ['half a minute after intake', 30_000, 0],
  ['one ms before the first acknowledgement', 59_999, 0],
  ['exactly at the acknowledgement', 60_000, 1],
  ['while waiting on the customer', 6 * 60_000 + 1, 6],
  ['at the resolve that ended a wait (both events)', 13 * 60_000, 14],
  ['long after closure', 365 * 24 * 3_600_000, STEPS.length + 1],
])('asOf %s stands at the last event recorded by then', async (_label, offset, revision) => {
  const answer = await state(`asOf=${encodeURIComponent(at(offset))}`);
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    complaintId: id,
    revision,
    recordedAt: history[revision]!.recordedAt,
    asOf: at(offset),
    state: foldedByHand(revision),
  });
});

test('a few facts, literally: waiting, then escalated and recategorized, then closed', async () => {
  expect((await state('revision=6')).body.state).toMatchObject({ status: 'waiting_on_customer', contactCount: 1 });
  expect((await state('revision=11')).body.state).toMatchObject({
    status: 'investigating',
    escalationTier: 2,
    severity: 'critical',
    priority: expect.any(String),
  });
  expect((await state(`asOf=${encodeURIComponent(at(16 * 60_000))}`)).body.state).toMatchObject({
    status: 'investigating',
    reopenCount: 1,
    ownerId: 'agent-9',
  });
  expect((await state(`revision=${STEPS.length + 1}`)).body.state).toMatchObject({ status: 'closed', satisfaction: 5 });
});

test('an instant with an offset is the same instant', async () => {
  const answer = await state(`asOf=${encodeURIComponent('2025-03-10T09:01:00+01:00')}`);
  expect(answer.body.revision).toBe(1);
  expect(answer.body.asOf).toBe('2025-03-10T08:01:00.000Z');
});

describe('refusals', () => {
  test('before the complaint was received: 404 COMPLAINT_NOT_YET_RECEIVED, with when it was', async () => {
    const answer = await state(`asOf=${encodeURIComponent(at(-1))}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'COMPLAINT_NOT_YET_RECEIVED', details: { receivedAt: at(0) } });
  });

  test('an unknown complaint: 404 COMPLAINT_NOT_FOUND, by time and by revision', async () => {
    for (const query of [`asOf=${at(0)}`, 'revision=0']) {
      const answer = await http.get(`/complaints/${randomUUID()}/state?${query}`, auditor);
      expect({ query, status: answer.status, code: answer.body.code }).toEqual({
        query,
        status: 404,
        code: 'COMPLAINT_NOT_FOUND',
      });
    }
  });

  test('a revision the complaint has not reached: 404 REVISION_NOT_FOUND', async () => {
    const answer = await state(`revision=${STEPS.length + 2}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'REVISION_NOT_FOUND', details: { currentRevision: STEPS.length + 1 } });
  });

  test.each([
    ['neither', ''],
    ['both', `revision=1&asOf=${at(0)}`],
  ])('%s of asOf and revision: 400 INVALID_HISTORY_POINT', async (_label, query) => {
    const answer = await state(query);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'INVALID_HISTORY_POINT' });
  });

  test.each([
    ['asOf', 'yesterday'],
    ['asOf', '2025-03-10T10:00:00'],
    ['asOf', '2025-02-30T10:00:00Z'],
    ['asOf', '2025-03-10T25:00:00Z'],
    ['revision', '-1'],
    ['revision', '1.5'],
    ['revision', 'abc'],
    ['since', '2025-03-10T10:00:00Z'],
  ])('%s=%s: 400 VALIDATION_FAILED naming the field', async (field, value) => {
    const answer = await state(`${field}=${encodeURIComponent(value)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(answer.body.details.map((problem: { field: string }) => problem.field)).toContain(field);
  });

  test('a path id that is not a UUID: 400 INVALID_ID', async () => {
    const answer = await http.get('/complaints/not-a-uuid/state?revision=0', auditor);
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'INVALID_ID' });
  });
});
