import { fold, streamNameFor } from '../../libs/domain/src/index.js';
import { START } from '../../libs/event-store/src/index.js';
import { foldSummary } from '../../libs/read-models/src/complaint-summary/fold-summary.js';
import type { SummaryRow } from '../../libs/read-models/src/complaint-summary/summary-row.js';
import { complaintSummaryProjection, readCheckpoint } from '../../libs/read-models/src/index.js';
import { randomComplaints, randomHistory, seededRandom, toNewEvents } from './support/histories.js';
import { projectionTestBed, tableChecksum } from './support/read-model-database.js';

const projection = complaintSummaryProjection;
const bed = projectionTestBed(projection);

const runner = bed.runner;
const checksum = () => tableChecksum(bed.store.pool, 'complaint_summary', 'complaint_id');

async function seed(complaints: number, eventsEach: number, seedValue = 7): Promise<void> {
  for (const complaint of randomComplaints(seedValue, complaints, eventsEach)) {
    await bed.store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
}

describe('complaint summary projection', () => {
  it('turns a lifecycle into one row with its status, routing, dates and counters, without personal data', async () => {
    const id = '0b9c7a52-2f1e-4c3a-9d7e-1a2b3c4d5e6f';
    const base = { complaintId: id, by: 'agent-7' };
    await bed.store.append(
      streamNameFor(id),
      toNewEvents([
        {
          type: 'ComplaintReceived',
          data: {
            ...base,
            channel: 'email',
            customer: { id: 'cust-1001', name: 'Li Wei', email: 'li.wei@example.com', phone: '+86 10 5555' },
            subject: 'Kettle',
            description: 'Broken',
            productRef: 'KT-200',
            intensity: 'passive',
            purpose: 'criticism',
            receivedAt: '2026-01-05T08:00:00.000Z',
          },
        },
        { type: 'ComplaintAcknowledged', data: { ...base, how: 'email', acknowledgedAt: '2026-01-05T08:30:00.000Z' } },
        {
          type: 'ComplaintCategorized',
          data: {
            ...base,
            category: 'product_quality',
            subcategory: 'manufacturing_defect',
            severity: 'high',
            impact: 'individual',
            priority: 'P2',
            categorizedAt: '2026-01-05T09:00:00.000Z',
          },
        },
        {
          type: 'ComplaintAssigned',
          data: { ...base, team: 'quality', ownerId: 'agent-7', assignedAt: '2026-01-05T09:01:00.000Z' },
        },
        { type: 'ComplaintValidated', data: { ...base, reason: 'ok', validatedAt: '2026-01-05T09:02:00.000Z' } },
        {
          type: 'ComplaintAwaitingCustomer',
          data: { ...base, reason: 'photos', pausedAt: '2026-01-05T10:00:00.000Z' },
        },
        {
          type: 'ComplaintEscalated',
          data: { ...base, tier: 2, previousTier: 0, reason: 'manual', escalatedAt: '2026-01-05T10:30:00.000Z' },
        },
        { type: 'ComplaintResumed', data: { ...base, automatic: false, resumedAt: '2026-01-06T10:00:00.000Z' } },
        {
          type: 'ComplaintResolved',
          data: { ...base, summary: 'Refund', planSteps: ['Refund'], resolvedAt: '2026-01-07T10:00:00.000Z' },
        },
        {
          type: 'CustomerDisputedResolution',
          data: { ...base, satisfaction: 2, respondedAt: '2026-01-07T11:00:00.000Z' },
        },
        {
          type: 'ComplaintReopened',
          data: {
            ...base,
            reason: 'still broken',
            reopenedFrom: 'disputed',
            handling: 2,
            reopenedAt: '2026-01-07T12:00:00.000Z',
          },
        },
      ]),
      'no_stream',
    );
    expect(await runner().catchUp()).toBe(11);
    const { rows } = await bed.store.pool.query('SELECT * FROM complaint_summary');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      complaint_id: id,
      status: 'investigating',
      status_before_waiting: null,
      channel: 'email',
      customer_id: 'cust-1001',
      product_ref: 'KT-200',
      category: 'product_quality',
      subcategory: 'manufacturing_defect',
      priority: 'P2',
      team: 'quality',
      owner_id: 'agent-7',
      escalation_tier: 2,
      reopen_count: 1,
      received_at: new Date('2026-01-05T08:00:00.000Z'),
      acknowledged_at: new Date('2026-01-05T08:30:00.000Z'),
      resolved_at: null,
      closed_at: null,
      last_revision: '10',
    });
    const text = JSON.stringify(rows[0]);
    for (const personal of ['Li Wei', 'li.wei@example.com', '+86 10 5555']) expect(text).not.toContain(personal);
  });

  it('replaying the same events twice changes nothing', async () => {
    await seed(60, 8);
    await runner(37).catchUp();
    const first = await checksum();
    // The checkpoint is lost (e.g. restored from an older backup): every event is applied again.
    await bed.store.pool.query('UPDATE projection_checkpoints SET position = $1', [START]);
    expect(await runner(53).catchUp()).toBe(480);
    expect(await checksum()).toBe(first);
    // And the very same batch twice in one transaction.
    await bed.applyFeedTwice();
    expect(await checksum()).toBe(first);
  });

  it('gives the same rows whatever the batch boundaries', async () => {
    await seed(40, 12, 11);
    await runner(1).catchUp();
    const oneByOne = await checksum();
    await bed.store.pool.query('TRUNCATE complaint_summary, projection_checkpoints');
    await runner(10_000).catchUp();
    expect(await checksum()).toBe(oneByOne);
    expect((await readCheckpoint(bed.store.pool, projection.name))?.eventsApplied).toBe(480);
  });

  it('agrees with the domain fold on status, routing and counters for random histories', () => {
    const random = seededRandom(2024);
    for (let index = 0; index < 500; index += 1) {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const history = randomHistory(random, id, 2 + Math.floor(random() * 25), new Date('2026-01-01T00:00:00Z'));
      let row: SummaryRow | undefined;
      history.forEach((event, revision) => (row = foldSummary(row, event, revision, '2026-02-01T00:00:00.000Z')));
      const state = fold(history);
      expect({
        status: row?.status,
        team: row?.team,
        ownerId: row?.ownerId,
        priority: row?.priority,
        escalationTier: row?.escalationTier,
        reopenCount: row?.reopenCount,
        resolvedAt: row?.resolvedAt,
        closedAt: row?.closedAt,
        acknowledgedAt: row?.acknowledgedAt,
      }).toEqual({
        status: state.status,
        team: state.team,
        ownerId: state.ownerId,
        priority: state.priority,
        escalationTier: state.escalationTier,
        reopenCount: state.reopenCount,
        resolvedAt: state.resolvedAt,
        closedAt: state.closedAt,
        acknowledgedAt: state.acknowledgedAt,
      });
    }
  });
});
