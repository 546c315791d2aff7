import { randomUUID } from 'node:crypto';
import { agent, assignment, categorization, intake, supervisor } from '../support/complaint-requests.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi({ env: { BODY_LIMIT_BYTES: '4096' } });
  http = httpClient(api.url, agent);
});
afterAll(() => api.close());

async function revisionOf(id: string): Promise<number> {
  return (await http.get(`/complaints/${id}/history`)).body.revision;
}

async function newComplaint(): Promise<string> {
  return (await http.post('/complaints', intake())).body.complaintId;
}

function expectNoStack(body: unknown) {
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

describe('bad requests are refused at the edge with a 400 that names each field', () => {
  test('missing, mistyped and out-of-range fields are all reported in one answer', async () => {
    const answer = await http.post(
      '/complaints',
      intake({ channel: 'carrier_pigeon', subject: '', customer: { id: 'c1' }, intensity: 7 }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    const fields = answer.body.details.map((detail: { field: string }) => detail.field).sort();
    expect(fields).toEqual(['channel', 'customer.name', 'intensity', 'subject']);
    for (const detail of answer.body.details) expect(detail.problems.length).toBeGreaterThan(0);
  });

  test('unknown fields are refused rather than silently dropped', async () => {
    const answer = await http.post('/complaints', intake({ priority: 'P1' }));
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([
      { field: 'priority', problems: [expect.stringContaining('should not exist')] },
    ]);
  });

  test('malformed JSON is a 400 MALFORMED_JSON without a stack trace', async () => {
    const answer = await http.send('POST', '/complaints', '{"channel": "email",', {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('MALFORMED_JSON');
    expectNoStack(answer.body);
  });

  test('a body over the configured limit is a 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await http.post('/complaints', intake({ description: 'x'.repeat(5000) }));
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a path id that is not a UUID is a 400 INVALID_ID', async () => {
    const answer = await http.post('/complaints/not-a-uuid/acknowledge', { how: 'email' });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_ID');
  });

  test('a malformed If-Match is a 400 INVALID_IF_MATCH', async () => {
    const id = await newComplaint();
    const answer = await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, { 'if-match': 'yesterday' });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_IF_MATCH');
    expect(await revisionOf(id)).toBe(0);
  });
});

describe('unknown complaints are 404', () => {
  test('a step on a complaint that does not exist is a 404 COMPLAINT_NOT_FOUND and creates nothing', async () => {
    const id = randomUUID();
    const answer = await http.post(`/complaints/${id}/acknowledge`, { how: 'email' });
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('COMPLAINT_NOT_FOUND');
    expect((await http.get(`/complaints/${id}/history`)).status).toBe(404);
  });

  test('an unknown route is a 404 in the same error shape', async () => {
    const answer = await http.get('/no-such-route');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});

describe('rule refusals are 409 or 422 with a stable code and leave nothing written', () => {
  test('confirming before the complaint is resolved is refused', async () => {
    const id = await newComplaint();
    const answer = await http.post(`/complaints/${id}/customer-response`, { outcome: 'confirmed', satisfaction: 5 });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('COMPLAINT_NOT_RESOLVED');
    expect(await revisionOf(id)).toBe(0);
  });

  test('resolving before categorization and assignment is refused', async () => {
    const id = await newComplaint();
    const answer = await http.post(`/complaints/${id}/resolve`, { summary: 'Done', planSteps: [] });
    expect(answer.status).toBe(409);
    expect(typeof answer.body.code).toBe('string');
    expect(await revisionOf(id)).toBe(0);
  });

  test('compensating a closed complaint is refused with COMPLAINT_CLOSED', async () => {
    const id = await newComplaint();
    expect((await http.post(`/complaints/${id}/close`, { closureCode: 'withdrawn' })).status).toBe(200);
    const answer = await http.post(`/complaints/${id}/compensations`, {
      kind: 'voucher',
      amount: 500,
      currency: 'EUR',
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('COMPLAINT_CLOSED');
    expect(await revisionOf(id)).toBe(1);
  });

  test('paying more than was approved is refused with PAYMENT_EXCEEDS_APPROVED', async () => {
    const id = await newComplaint();
    await http.post(`/complaints/${id}/categorize`, categorization);
    await http.post(`/complaints/${id}/assign`, assignment);
    const offer = await http.post(`/complaints/${id}/compensations`, {
      kind: 'refund',
      amount: 900_00,
      currency: 'EUR',
    });
    const compensationId = offer.body.compensationId;
    await http.post(
      `/complaints/${id}/compensations/${compensationId}/approve`,
      { approvedAmount: 600_00 },
      supervisor,
    );
    const before = await revisionOf(id);
    const answer = await http.post(`/complaints/${id}/compensations/${compensationId}/pay`, { amount: 700_00 });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('PAYMENT_EXCEEDS_APPROVED');
    expect(await revisionOf(id)).toBe(before);
  });

  test('an escalation to a lower tier is refused with ESCALATION_DOWNGRADE', async () => {
    const id = await newComplaint();
    expect((await http.post(`/complaints/${id}/escalate`, { tier: 3, reason: 'manual' })).status).toBe(200);
    const answer = await http.post(`/complaints/${id}/escalate`, { tier: 1, reason: 'manual' });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('ESCALATION_DOWNGRADE');
  });

  test('error bodies carry the correlation id and never a stack trace', async () => {
    const answer = await http.post(
      `/complaints/${randomUUID()}/resolve`,
      { summary: 'x' },
      { 'x-correlation-id': 'err-trace-1' },
    );
    expect(answer.body.correlationId).toBe('err-trace-1');
    expectNoStack(answer.body);
  });
});
