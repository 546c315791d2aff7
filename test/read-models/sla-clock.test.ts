import { DEFAULT_SLA_POLICIES } from '../../libs/domain/src/index.js';
import { START } from '../../libs/event-store/src/index.js';
import { readCheckpoint } from '../../libs/read-models/src/index.js';
import { createSlaClockProjection } from '../../libs/read-models/src/sla/sla-clock.projection.js';
import { append, clockRows, eventsOf, projectAll } from './sla-fixtures.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { projectionTestBed, tableChecksum } from './support/read-model-database.js';

const projection = createSlaClockProjection(() => DEFAULT_SLA_POLICIES);
const ID = '5a1d7c3e-0f2b-4c8d-9e6f-000000000001';
const on = eventsOf(ID);
const H = 3_600_000;

const bed = projectionTestBed(projection);

const project = (batchSize = 500) => projectAll(bed.store, projection, batchSize);
const checksums = async () => [
  await tableChecksum(bed.store.pool, 'sla_clock', 'complaint_id, target, handling'),
  await tableChecksum(bed.store.pool, 'sla_complaint', 'complaint_id'),
];

/** Received Monday 2026-01-05 08:00 UTC, acknowledged at 08:30, triaged P1, assigned to quality. */
const triagedP1 = () => [
  on.received('2026-01-05T08:00:00.000Z'),
  on.acknowledged('2026-01-05T08:30:00.000Z'),
  on.categorized('2026-01-05T08:40:00.000Z', 'P1'),
  on.assigned('2026-01-05T08:45:00.000Z', 'quality'),
];

describe('SLA clock projection: events → rows', () => {
  it('gives a triaged complaint one row per target, measured against its priority’s policy', async () => {
    await append(bed.store, ID, triagedP1());
    await project();
    const rows = await clockRows(bed.store, ID);
    expect(Object.keys(rows)).toEqual(['acknowledge/1', 'first_response/1', 'resolve/1']);
    const dimensions = { policy_id: 'default-P1', priority: 'P1', category: 'product_quality', team: 'quality' };
    expect(rows['acknowledge/1']).toMatchObject({
      ...dimensions,
      state: 'met',
      started_at: '2026-01-05T08:00:00.000Z',
      due_at: '2026-01-05T09:00:00.000Z',
      warning_at: null,
      breach_at: null,
      met_at: '2026-01-05T08:30:00.000Z',
      met_late: false,
      ended_at: '2026-01-05T08:30:00.000Z',
      elapsed_ms: String(0.5 * H),
      target_ms: String(H),
      last_revision: '3',
    });
    expect(rows['first_response/1']).toMatchObject({
      ...dimensions,
      state: 'running',
      due_at: '2026-01-05T12:00:00.000Z',
      warning_at: '2026-01-05T11:12:00.000Z',
      breach_at: '2026-01-05T12:00:00.000Z',
      paused_ms: '0',
      elapsed_ms: null,
      ended_at: null,
    });
    expect(rows['resolve/1']).toMatchObject({
      state: 'running',
      due_at: '2026-01-07T08:00:00.000Z',
      warning_at: '2026-01-06T22:24:00.000Z',
    });
  });

  it('while the complaint waits on the customer the open clocks are paused with what they had reached; resuming pushes their due instants out by the pause', async () => {
    await append(bed.store, ID, [...triagedP1(), on.awaiting('2026-01-05T09:00:00.000Z')]);
    await project();
    const paused = await clockRows(bed.store, ID);
    expect(paused['first_response/1']).toMatchObject({
      state: 'paused',
      paused_since: '2026-01-05T09:00:00.000Z',
      paused_ms: '0',
      elapsed_ms: String(H),
      due_at: null,
      warning_at: null,
      breach_at: null,
    });
    expect(paused['acknowledge/1']).toMatchObject({ state: 'met', paused_ms: '0' });

    await append(bed.store, ID, [on.resumed('2026-01-05T10:30:00.000Z')]);
    await project();
    const resumed = await clockRows(bed.store, ID);
    expect(resumed['first_response/1']).toMatchObject({
      state: 'running',
      paused_since: null,
      paused_ms: String(1.5 * H),
      elapsed_ms: null,
      due_at: '2026-01-05T13:30:00.000Z',
      warning_at: '2026-01-05T12:42:00.000Z',
    });
    expect(resumed['resolve/1']).toMatchObject({ due_at: '2026-01-07T09:30:00.000Z' });
  });

  it('a breach that happened before the pause stays on the paused row', async () => {
    await append(bed.store, ID, [...triagedP1(), on.awaiting('2026-01-05T12:30:00.000Z')]);
    await project();
    expect((await clockRows(bed.store, ID))['first_response/1']).toMatchObject({
      state: 'paused',
      due_at: '2026-01-05T12:00:00.000Z',
      warning_at: '2026-01-05T11:12:00.000Z',
      breach_at: '2026-01-05T12:00:00.000Z',
      elapsed_ms: String(4.5 * H),
    });
  });

  it('a recategorization re-measures every clock from its original start against the new policy', async () => {
    await append(bed.store, ID, [...triagedP1(), on.categorized('2026-01-05T10:00:00.000Z', 'P4', 'service')]);
    await project();
    const rows = await clockRows(bed.store, ID);
    expect(rows['first_response/1']).toMatchObject({
      policy_id: 'default-P4',
      priority: 'P4',
      category: 'service',
      due_at: '2026-01-08T08:00:00.000Z',
      target_ms: String(72 * H),
    });
    expect(rows['resolve/1']).toMatchObject({ due_at: '2026-01-20T08:00:00.000Z' });
    expect(rows['acknowledge/1']).toMatchObject({ due_at: '2026-01-06T08:00:00.000Z', state: 'met' });
  });

  it('a reopening adds the second handling’s resolve clock, started in full at the reopening; the first keeps its outcome', async () => {
    await append(bed.store, ID, [
      ...triagedP1(),
      on.resolved('2026-01-06T08:00:00.000Z'),
      on.disputed('2026-01-06T09:00:00.000Z'),
      on.reopened('2026-01-06T10:00:00.000Z'),
    ]);
    await project();
    const rows = await clockRows(bed.store, ID);
    expect(Object.keys(rows)).toEqual(['acknowledge/1', 'first_response/1', 'resolve/1', 'resolve/2']);
    expect(rows['resolve/1']).toMatchObject({ state: 'met', met_at: '2026-01-06T08:00:00.000Z', met_late: false });
    expect(rows['first_response/1']).toMatchObject({ state: 'breached', met_late: true });
    expect(rows['resolve/2']).toMatchObject({
      state: 'running',
      started_at: '2026-01-06T10:00:00.000Z',
      due_at: '2026-01-08T10:00:00.000Z',
      ended_at: null,
    });
  });

  it('a closure stops the clocks still running: in time they are stopped, after their due instant breached', async () => {
    await append(bed.store, ID, [...triagedP1(), on.closed('2026-01-05T13:00:00.000Z', 'withdrawn')]);
    await project();
    const rows = await clockRows(bed.store, ID);
    expect(rows['first_response/1']).toMatchObject({
      state: 'breached',
      met_at: null,
      stopped_at: '2026-01-05T13:00:00.000Z',
      ended_at: '2026-01-05T13:00:00.000Z',
    });
    expect(rows['resolve/1']).toMatchObject({ state: 'stopped', breach_at: null, elapsed_ms: String(5 * H) });
  });

  it('ignores events of a complaint whose receipt it never saw', async () => {
    await append(bed.store, ID, [on.acknowledged('2026-01-05T08:30:00.000Z')]);
    await project();
    expect(await clockRows(bed.store, ID)).toEqual({});
  });
});

describe('SLA clock projection: exactly once', () => {
  async function seed(complaints: number, eventsEach: number, seedValue: number): Promise<void> {
    for (const complaint of randomComplaints(seedValue, complaints, eventsEach)) {
      await bed.store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
    }
  }

  it('replaying the same events twice changes nothing', async () => {
    await seed(60, 10, 31);
    await project(37);
    const first = await checksums();
    expect(Number((await bed.store.pool.query('SELECT count(*) FROM sla_clock')).rows[0].count)).toBeGreaterThan(180);
    // The checkpoint is lost: every event is applied again.
    await bed.store.pool.query('UPDATE projection_checkpoints SET position = $1', [START]);
    await project(53);
    expect(await checksums()).toEqual(first);
    // And the very same batch twice in one transaction.
    await bed.applyFeedTwice();
    expect(await checksums()).toEqual(first);
  });

  it('gives the same rows whatever the batch boundaries', async () => {
    await seed(40, 12, 47);
    await project(1);
    const oneByOne = await checksums();
    await bed.store.pool.query('TRUNCATE sla_clock, sla_complaint, projection_checkpoints');
    await project(10_000);
    expect(await checksums()).toEqual(oneByOne);
    expect((await readCheckpoint(bed.store.pool, projection.name))?.eventsApplied).toBeGreaterThan(300);
  });
});
