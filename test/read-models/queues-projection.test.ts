import { type ComplaintEvent, fold, slaHistoryFromEvents, streamNameFor } from '../../libs/domain/src/index.js';
import { START } from '../../libs/event-store/src/index.js';
import { complaintQueueProjection, rebuildProjection } from '../../libs/read-models/src/index.js';
import { foldQueue } from '../../libs/read-models/src/queues/fold-queue.js';
import { placementOf } from '../../libs/read-models/src/queues/queue-placement.js';
import type { QueueState } from '../../libs/read-models/src/queues/queue-row.js';
import { randomComplaints, randomHistory, seededRandom, toNewEvents } from './support/histories.js';
import { eventually, projectionTestBed, tableChecksum } from './support/read-model-database.js';

const projection = complaintQueueProjection;
const bed = projectionTestBed(projection);

const runner = bed.runner;

/**
 * Runs catch-ups until `expected` events were applied: the feed shows an event only once no older
 * transaction anywhere on the server is still open, so one catch-up may stop short while other
 * test files run.
 */
async function catchUp(expected: number, batchSize?: number): Promise<void> {
  let applied = 0;
  await eventually(async () => (applied += await runner(batchSize).catchUp()) >= expected, `${expected} events`);
  expect(applied).toBe(expected);
}
const checksum = () => tableChecksum(bed.store.pool, 'complaint_queue', 'complaint_id');
const HOUR = 3_600_000;

async function seed(complaints: number, eventsEach: number, seedValue = 7): Promise<void> {
  for (const complaint of randomComplaints(seedValue, complaints, eventsEach)) {
    await bed.store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
}

const id = '5c1f3e0a-8b2d-4e6f-9a1b-2c3d4e5f6a7b';
const base = { complaintId: id, by: 'agent-1' };
/** One complaint's life, step by step (P2: acknowledge 4 h, first response 24 h, resolve 5 days). */
const life: ComplaintEvent[] = [
  {
    type: 'ComplaintReceived',
    data: {
      ...base,
      channel: 'email',
      customer: { id: 'cust-9', name: 'Li Wei', email: 'li.wei@example.com' },
      subject: 'Kettle',
      description: 'Broken',
      intensity: 'passive',
      purpose: 'criticism',
      receivedAt: '2026-01-05T08:00:00.000Z',
    },
  },
  {
    type: 'ComplaintCategorized',
    data: {
      ...base,
      category: 'product_quality',
      subcategory: 'manufacturing_defect',
      severity: 'high',
      impact: 'individual',
      priority: 'P2',
      categorizedAt: '2026-01-05T08:10:00.000Z',
    },
  },
  { type: 'ComplaintAcknowledged', data: { ...base, how: 'email', acknowledgedAt: '2026-01-05T08:30:00.000Z' } },
  {
    type: 'ComplaintAssigned',
    data: { ...base, team: 'technical', ownerId: 'agent-3', assignedAt: '2026-01-05T09:00:00.000Z' },
  },
  { type: 'ComplaintAwaitingCustomer', data: { ...base, reason: 'photos', pausedAt: '2026-01-05T10:00:00.000Z' } },
  { type: 'ComplaintResumed', data: { ...base, automatic: false, resumedAt: '2026-01-05T14:00:00.000Z' } },
  {
    type: 'ComplaintResolved',
    data: { ...base, summary: 'Refund', planSteps: ['Refund'], resolvedAt: '2026-01-06T09:00:00.000Z' },
  },
  { type: 'CustomerDisputedResolution', data: { ...base, satisfaction: 1, respondedAt: '2026-01-06T10:00:00.000Z' } },
  {
    type: 'ComplaintReopened',
    data: { ...base, reason: 'again', reopenedFrom: 'disputed', handling: 2, reopenedAt: '2026-01-06T11:00:00.000Z' },
  },
  { type: 'ComplaintClosed', data: { ...base, closureCode: 'withdrawn', closedAt: '2026-01-06T12:00:00.000Z' } },
];

async function rowAfter(step: number): Promise<Record<string, unknown>> {
  await bed.store.append(streamNameFor(id), toNewEvents([life[step]!]), step === 0 ? 'no_stream' : step - 1);
  await catchUp(1);
  const { rows } = await bed.store.pool.query('SELECT * FROM complaint_queue WHERE complaint_id = $1', [id]);
  return rows[0];
}

describe('complaint queue projection', () => {
  it('places a complaint by team, owner, priority and nearest SLA due time through its whole life', async () => {
    const received = await rowAfter(0);
    // Not triaged yet: no team, so in no team's queue; held to the unprioritized (P2) clocks.
    expect(received).toMatchObject({ status: 'received', team: null, queued: false, priority_rank: 2 });
    expect(await rowAfter(1)).toMatchObject({
      team: 'quality', // routed by category until someone is assigned
      owner_id: null,
      queued: true,
      priority: 'P2',
      sla_target: 'acknowledge',
      sla_due_at: new Date('2026-01-05T12:00:00.000Z'),
    });
    expect(await rowAfter(2)).toMatchObject({
      sla_target: 'first_response',
      sla_due_at: new Date('2026-01-06T08:00:00.000Z'),
    });
    expect(await rowAfter(3)).toMatchObject({ team: 'technical', owner_id: 'agent-3', queued: true });
    const paused = await rowAfter(4);
    expect(paused).toMatchObject({ status: 'waiting_on_customer', queued: true, sla_paused: true, sla_due_at: null });
    expect(paused).toMatchObject({ sla_target: 'first_response', paused_remaining_ms: String(22 * HOUR) });
    expect(paused.due_key).toBe(Number.POSITIVE_INFINITY);
    // Four hours paused push the due time out by four hours.
    expect(await rowAfter(5)).toMatchObject({
      status: 'acknowledged',
      sla_paused: false,
      paused_remaining_ms: '0',
      sla_due_at: new Date('2026-01-06T12:00:00.000Z'),
    });
    expect(await rowAfter(6)).toMatchObject({ status: 'resolved', queued: false });
    // Disputed: back in the queue, every clock met.
    expect(await rowAfter(7)).toMatchObject({ status: 'disputed', queued: true, sla_target: null, sla_due_at: null });
    expect(await rowAfter(8)).toMatchObject({
      status: 'investigating',
      queued: true,
      sla_target: 'resolve',
      sla_due_at: new Date('2026-01-11T11:00:00.000Z'),
    });
    const closed = await rowAfter(9);
    expect(closed).toMatchObject({ status: 'closed', queued: false, team: 'technical', last_revision: '9' });
    expect(JSON.stringify(closed)).not.toContain('Li Wei');
  });

  it('replaying the same events twice changes nothing', async () => {
    await seed(60, 8);
    await catchUp(480, 37);
    const first = await checksum();
    await bed.store.pool.query('UPDATE projection_checkpoints SET position = $1', [START]);
    await catchUp(480, 53);
    expect(await checksum()).toBe(first);
    await bed.applyFeedTwice();
    expect(await checksum()).toBe(first);
  });

  it('gives the same rows whatever the batch boundaries, and a blue/green rebuild gives them too', async () => {
    await seed(40, 12, 11);
    await catchUp(480, 1);
    const oneByOne = await checksum();
    await bed.store.pool.query('TRUNCATE complaint_queue, projection_checkpoints');
    await catchUp(480, 10_000);
    expect(await checksum()).toBe(oneByOne);
    await rebuildProjection({ store: bed.store, pool: bed.store.pool, projection, batchSize: 7 });
    expect(await checksum()).toBe(oneByOne);
    const { rows } = await bed.store.pool.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'complaint_queue' ORDER BY indexname`,
    );
    expect(rows.map((row) => row.indexname)).toEqual([
      'complaint_queue_owner',
      'complaint_queue_pkey',
      'complaint_queue_team',
      'complaint_queue_unowned',
    ]);
  });

  it('agrees with the domain fold on status, team, owner and SLA history for random histories', () => {
    const random = seededRandom(99);
    for (let index = 0; index < 500; index += 1) {
      const complaintId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const history = randomHistory(random, complaintId, 2 + Math.floor(random() * 25), new Date('2026-01-01Z'));
      let row: QueueState | undefined;
      history.forEach((event, revision) => (row = foldQueue(row, event, revision, '2026-02-01T00:00:00.000Z')));
      const state = fold(history);
      expect({ status: row?.status, ownerId: row?.ownerId, tier: row?.escalationTier }).toEqual({
        status: state.status,
        ownerId: state.ownerId,
        tier: state.escalationTier,
      });
      if (state.ownerId !== null) expect(row?.team).toBe(state.team);
      expect(row?.slaHistory).toEqual(slaHistoryFromEvents(history));
      expect(() => placementOf(row!)).not.toThrow();
    }
  });
});
