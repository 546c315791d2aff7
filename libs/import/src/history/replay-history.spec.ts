import type { Actor } from '#domain';
import { type HistoryPlan, RowRejectedError } from '../profile.js';
import { importedComplaintId, replayHistory } from './replay-history.js';

const actor: Actor = { id: 'system:import', role: 'system' };
const at = (iso: string) => new Date(iso);
const receive = {
  at: at('2020-01-02T12:00:00Z'),
  actor,
  command: {
    type: 'ReceiveComplaint' as const,
    data: {
      channel: 'email' as const,
      customer: { id: 'c-1', name: 'A customer' },
      subject: 'Wrong fee',
      description: 'Charged twice',
      intensity: 'passive' as const,
      purpose: 'criticism' as const,
    },
  },
};

function rejection(plan: HistoryPlan): RowRejectedError {
  try {
    replayHistory('test', plan);
  } catch (error) {
    if (error instanceof RowRejectedError) return error;
    throw error;
  }
  throw new Error('the history was not rejected');
}

describe('replaying a planned history through the domain', () => {
  test('stamps each event with its step instant; the complaint id comes from the profile and the source id', () => {
    const plan: HistoryPlan = {
      sourceId: '42',
      notes: [],
      steps: [
        receive,
        { at: at('2020-01-03T09:30:00Z'), actor, command: { type: 'AcknowledgeComplaint', data: { how: 'email' } } },
      ],
    };
    let ids = 0;
    const history = replayHistory('test', plan, { newId: () => `id-${++ids}`, correlationId: 'job-7' });
    expect(history.complaintId).toBe(importedComplaintId('test', '42'));
    expect(history.events.map((e) => [e.id, e.metadata.causationId, e.metadata.correlationId])).toEqual([
      ['id-2', 'id-1', 'job-7'],
      ['id-4', 'id-3', 'job-7'],
    ]);
    expect(history.stream).toBe(`complaint-${history.complaintId}`);
    expect(history.events.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['ComplaintReceived', 2],
      ['ComplaintAcknowledged', 1],
    ]);
    expect(history.events[0]!.data).toMatchObject({
      complaintId: history.complaintId,
      receivedAt: '2020-01-02T12:00:00.000Z',
    });
    expect(history.events[1]!.data).toMatchObject({ acknowledgedAt: '2020-01-03T09:30:00.000Z' });
  });

  test('a step the domain refuses rejects the record with the domain code', () => {
    const resolveFirst: HistoryPlan = {
      sourceId: '43',
      notes: [],
      steps: [
        receive,
        { at: receive.at, actor, command: { type: 'ResolveComplaint', data: { summary: 'Done', planSteps: [] } } },
      ],
    };
    expect(rejection(resolveFirst)).toMatchObject({
      code: 'DOMAIN_REFUSED',
      reason:
        'ResolveComplaint refused: COMPLAINT_NOT_CATEGORIZED (A complaint must be categorized before it is resolved)',
    });
  });

  test('steps out of time order reject the record', () => {
    const backwards: HistoryPlan = {
      sourceId: '44',
      notes: [],
      steps: [
        receive,
        { at: at('2020-01-01T00:00:00Z'), actor, command: { type: 'AcknowledgeComplaint', data: { how: 'email' } } },
      ],
    };
    expect(rejection(backwards).code).toBe('STEPS_OUT_OF_ORDER');
  });
});
