import { agent, assignment, categorization, intake, supervisor } from '../support/complaint-requests.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, agent);
});
afterAll(() => api.close());

describe('a complaint handled from intake to closure over HTTP', () => {
  let id: string;

  test('intake answers 201 with Location and the revision as ETag', async () => {
    const received = await http.post('/complaints', intake());
    expect(received.status).toBe(201);
    id = received.body.complaintId;
    expect(received.headers.get('location')).toBe(`/complaints/${id}`);
    expect(received.headers.get('etag')).toBe('"0"');
    expect(received.body).toMatchObject({ revision: 0, events: [{ type: 'ComplaintReceived' }] });
  });

  test('every later step is a POST on a sub-resource that appends its event', async () => {
    const steps: [string, object, string, Record<string, string>?][] = [
      ['acknowledge', { how: 'email', message: 'We are on it' }, 'ComplaintAcknowledged'],
      ['categorize', categorization, 'ComplaintCategorized'],
      ['assign', assignment, 'ComplaintAssigned'],
      ['validate', { reason: 'Defect reproduced on a returned unit' }, 'ComplaintValidated'],
      [
        'contacts',
        { direction: 'outbound', channel: 'phone', summary: 'Asked for photos', mood: 'frustrated' },
        'CustomerContacted',
      ],
      ['await-customer', { reason: 'Waiting for photos of the base' }, 'ComplaintAwaitingCustomer'],
      ['resume', { reason: 'Photos received' }, 'ComplaintResumed'],
      [
        'root-cause',
        {
          fishboneClass: 'machine',
          whys: ['Thermostat fails', 'Batch 42 solder joints cracked'],
          correctiveAction: 'Replace units of batch 42',
          preventiveAction: 'Add thermal cycling to QA',
        },
        'RootCauseIdentified',
      ],
      ['escalate', { tier: 2, reason: 'safety', note: 'Possible overheating' }, 'ComplaintEscalated'],
    ];
    for (const [path, body, type, headers] of steps) {
      const answer = await http.post(`/complaints/${id}/${path}`, body, headers);
      expect({ path, status: answer.status, type: answer.body?.events?.[0]?.type }).toEqual({
        path,
        status: 200,
        type,
      });
    }
  });

  test('compensation above the limit is approved by a supervisor, then paid', async () => {
    const offered = await http.post(`/complaints/${id}/compensations`, {
      kind: 'refund',
      amount: 250_00,
      currency: 'EUR',
    });
    expect(offered.status).toBe(201);
    const compensationId = offered.body.compensationId;
    const approved = await http.post(`/complaints/${id}/compensations/${compensationId}/approve`, {}, supervisor);
    expect(approved.status).toBe(200);
    const paid = await http.post(`/complaints/${id}/compensations/${compensationId}/pay`, {
      amount: 250_00,
      paymentRef: 'PAY-1',
    });
    expect(paid.status).toBe(200);
    expect(paid.body.events[0].type).toBe('CompensationPaid');
  });

  test('a disputed resolution is reopened, resolved again, confirmed and closed with lessons', async () => {
    const sequence: [string, object, string][] = [
      ['resolve', { summary: 'Refund paid', planSteps: ['Refund', 'Collect unit'] }, 'ComplaintResolved'],
      [
        'customer-response',
        { outcome: 'disputed', satisfaction: 2, comment: 'I wanted a replacement' },
        'CustomerDisputedResolution',
      ],
      ['reopen', { reason: 'Customer wants a replacement' }, 'ComplaintReopened'],
      ['resolve', { summary: 'Replacement shipped', planSteps: ['Ship new unit'] }, 'ComplaintResolved'],
      ['customer-response', { outcome: 'confirmed', satisfaction: 5 }, 'CustomerConfirmedResolution'],
      [
        'close',
        {
          closureCode: 'resolved',
          lessons: {
            situation: 'Kettle defect',
            task: 'Make the customer whole',
            action: 'Refund then replacement',
            result: 'Customer satisfied',
            lesson: 'Ask which remedy first',
          },
        },
        'ComplaintClosed',
      ],
    ];
    for (const [path, body, type] of sequence) {
      const answer = await http.post(`/complaints/${id}/${path}`, body);
      expect({ path, status: answer.status, type: answer.body?.events?.[0]?.type }).toEqual({
        path,
        status: 200,
        type,
      });
    }
  });

  test('the history returns every stored event oldest first, with metadata and an unbroken hash chain', async () => {
    const history = await http.get(`/complaints/${id}/history`);
    expect(history.status).toBe(200);
    const events = history.body.events;
    expect(events.map((event: { revision: number }) => event.revision)).toEqual(
      events.map((_: unknown, index: number) => index),
    );
    expect(events[0].type).toBe('ComplaintReceived');
    expect(events.at(-1).type).toBe('ComplaintClosed');
    expect(history.headers.get('etag')).toBe(`"${events.length - 1}"`);
    for (const [index, event] of events.entries()) {
      expect(event).toMatchObject({
        schemaVersion: ['ComplaintReceived', 'ComplaintEscalated'].includes(event.type) ? 2 : 1,
        metadata: { correlationId: expect.any(String), causationId: expect.any(String) },
      });
      expect(event.metadata.actor.id).toMatch(/^(agent-7|sup-1)$/);
      expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
      if (index > 0) expect(event.previousHash).toBe(events[index - 1].hash);
    }
    const approval = events.find((event: { type: string }) => event.type === 'CompensationApproved');
    expect(approval.metadata.actor).toEqual({ id: 'sup-1', role: 'supervisor' });
  });

  test('the correlation id a caller sends is echoed and stored in the event metadata', async () => {
    const received = await http.post('/complaints', intake(), { 'x-correlation-id': 'trace-abc-123' });
    expect(received.headers.get('x-correlation-id')).toBe('trace-abc-123');
    const history = await http.get(`/complaints/${received.body.complaintId}/history`);
    expect(history.body.events[0].metadata.correlationId).toBe('trace-abc-123');
  });
});
