/**
 * The `sla_monitor` projection: events → the monitor's agenda (what is due when) and the at-risk
 * rows; recorded facts fold their rows away; replays and batch sizes change nothing; the due query
 * is a range of its index, never a scan of the table.
 */
import { type ComplaintEvent, defaultPolicy, type SlaTarget } from '../../libs/domain/src/index.js';
import * as fixtures from '../../libs/domain/src/testing/fixtures.js';
import { rebuildProjection } from '../../libs/read-models/src/index.js';
import { createSlaMonitorProjection, dueWorkSql } from '../../libs/read-models/src/sla-monitor/index.js';
import { append, eventsOf, projectAll } from './sla-fixtures.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { projectionTestBed, tableChecksum } from './support/read-model-database.js';

const projection = createSlaMonitorProjection(() => defaultPolicy);
const ID = '6b2e8d4f-1a3c-4d9e-8f70-000000000001';
const on = eventsOf(ID);
const RECEIVED = '2026-01-05T08:00:00.000Z';

const bed = projectionTestBed(projection);

const project = (batchSize = 500) => projectAll(bed.store, projection, batchSize);
const ofComplaint = (event: ComplaintEvent) =>
  ({ ...event, data: { ...event.data, complaintId: ID } }) as ComplaintEvent;
const fact = (type: 'SlaWarningRaised' | 'SlaBreached', target: SlaTarget) =>
  ofComplaint(type === 'SlaWarningRaised' ? fixtures.slaWarning(target) : fixtures.slaBreached(target));

async function agenda(): Promise<string[]> {
  const { rows } = await bed.store.pool.query<{ kind: string; subject: string; handling: number; fire_at: Date }>(
    'SELECT kind, subject, handling, fire_at FROM sla_monitor_agenda WHERE complaint_id = $1 ORDER BY fire_at, kind',
    [ID],
  );
  return rows.map((row) => `${row.kind} ${row.subject}/${row.handling} ${row.fire_at.toISOString()}`);
}

const risk = async () =>
  (await bed.store.pool.query('SELECT * FROM complaint_risk WHERE complaint_id = $1', [ID])).rows[0] as Record<
    string,
    unknown
  >;

describe('the SLA monitor’s agenda', () => {
  it('holds every warning and breach of a new P1 complaint, due at 80 % and 100 % of each target', async () => {
    await append(bed.store, ID, [
      on.received(RECEIVED),
      on.categorized(RECEIVED, 'P1'),
      on.assigned(RECEIVED, 'quality'),
    ]);
    await project();
    expect(await agenda()).toEqual([
      'warning acknowledge/1 2026-01-05T08:48:00.000Z',
      'breach acknowledge/1 2026-01-05T09:00:00.000Z',
      'warning first_response/1 2026-01-05T11:12:00.000Z',
      'breach first_response/1 2026-01-05T12:00:00.000Z',
      'warning resolve/1 2026-01-06T22:24:00.000Z',
      'breach resolve/1 2026-01-07T08:00:00.000Z',
    ]);
  });

  it('loses a row when its fact is recorded, and every row of a met target', async () => {
    await append(bed.store, ID, [on.received(RECEIVED), on.categorized(RECEIVED, 'P1')]);
    await append(bed.store, ID, [fact('SlaWarningRaised', 'acknowledge'), on.contacted('2026-01-05T08:50:00.000Z')]);
    await project();
    expect(await agenda()).toEqual([
      'warning resolve/1 2026-01-06T22:24:00.000Z',
      'breach resolve/1 2026-01-07T08:00:00.000Z',
    ]);
  });

  it('has nothing for a resolved or closed complaint, nor a future instant while waiting on the customer', async () => {
    await append(bed.store, ID, [
      on.received(RECEIVED),
      on.categorized(RECEIVED, 'P1'),
      on.awaiting('2026-01-05T08:10:00.000Z'),
    ]);
    await project();
    expect(await agenda()).toEqual([]);
    await append(bed.store, ID, [on.resumed('2026-01-05T10:10:00.000Z')]);
    await project();
    expect(await agenda()).toContain('breach acknowledge/1 2026-01-05T11:00:00.000Z');
    await append(bed.store, ID, [on.resolved('2026-01-05T10:20:00.000Z'), on.closed('2026-01-05T10:30:00.000Z')]);
    await project();
    expect(await agenda()).toEqual([]);
    expect(await risk()).toMatchObject({ open: false, status: 'closed' });
  });

  it('holds an escalation for each critical point the policy escalates, until an escalation states its reason', async () => {
    const regulator = ofComplaint(fixtures.received({ receivedAt: RECEIVED, channel: 'regulator_referral' }));
    const safety = ofComplaint(fixtures.categorized({ subcategory: 'safety_hazard', priority: 'P1' }));
    await append(bed.store, ID, [regulator, safety]);
    await project();
    const escalations = async () => (await agenda()).filter((row) => row.startsWith('escalation'));
    expect(await escalations()).toEqual([
      `escalation regulator_channel/1 ${RECEIVED}`,
      `escalation safety_hazard/1 ${RECEIVED}`,
    ]);
    await append(bed.store, ID, [ofComplaint(fixtures.escalated(3, 'regulator'))]);
    await project();
    expect(await escalations()).toEqual([`escalation safety_hazard/1 ${RECEIVED}`]);
  });
});

describe('the escalation-risk rows', () => {
  it('keep the signals, the last three inbound contacts and the earliest open SLA instants', async () => {
    const inbound = (time: string) => ofComplaint(fixtures.contacted('inbound', time));
    const publicity = ofComplaint(fixtures.received({ receivedAt: RECEIVED, intensity: 'radical' }));
    const contacts = ['2026-01-05T08:05:00.000Z', '2026-01-05T08:06:00.000Z', '2026-01-05T08:07:00.000Z'];
    await append(bed.store, ID, [publicity, on.categorized(RECEIVED, 'P2'), on.assigned(RECEIVED, 'quality')]);
    await append(bed.store, ID, [inbound('2026-01-05T08:04:00.000Z'), ...contacts.map(inbound)]);
    await project();
    const row = await risk();
    expect(row).toMatchObject({
      open: true,
      team: 'quality',
      priority: 'P2',
      public_intensity: true,
      regulator_channel: false,
      update_owed: true,
      warning_at: new Date('2026-01-05T11:12:00.000Z'),
      breach_at: new Date('2026-01-05T12:00:00.000Z'),
    });
    expect((row.inbound_contacts as Date[]).map((time) => time.toISOString())).toEqual(contacts);
  });
});

describe('deterministic and idempotent', () => {
  const checksums = () =>
    Promise.all([
      tableChecksum(bed.store.pool, 'sla_monitor_complaint', 'complaint_id'),
      tableChecksum(bed.store.pool, 'sla_monitor_agenda', 'complaint_id, kind, subject, handling'),
      tableChecksum(bed.store.pool, 'complaint_risk', 'complaint_id'),
    ]);

  it('gives the same rows in batches of 1 as in batches of 500, and a replay changes nothing', async () => {
    for (const complaint of randomComplaints(77, 60, 9)) {
      await bed.store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
    }
    await project(500);
    const whole = await checksums();
    await bed.store.pool.query(
      'TRUNCATE sla_monitor_complaint, sla_monitor_agenda, complaint_risk, projection_checkpoints',
    );
    await project(1);
    expect(await checksums()).toEqual(whole);
    await bed.store.pool.query('TRUNCATE projection_checkpoints');
    await project(7);
    expect(await checksums()).toEqual(whole);
  });

  it('is rebuilt blue/green into the same rows, its indexes under their names', async () => {
    for (const complaint of randomComplaints(78, 80, 9)) {
      await bed.store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
    }
    await project(31);
    const live = await checksums();
    const indexes = async () =>
      (
        await bed.store.pool.query<{ indexdef: string }>(
          `SELECT indexdef FROM pg_indexes WHERE tablename IN ('sla_monitor_agenda', 'complaint_risk') ORDER BY 1`,
        )
      ).rows.map((row) => row.indexdef);
    const before = await indexes();
    expect(before.join('\n')).toMatch(/sla_monitor_agenda_due .*\(fire_at, complaint_id, kind, subject, handling\)/);
    expect(before.join('\n')).toMatch(/complaint_risk_open_team .*\(team\) WHERE open/);
    await rebuildProjection({ store: bed.store, pool: bed.store.pool, projection, batchSize: 200 });
    expect(await checksums()).toEqual(live);
    expect(await indexes()).toEqual(before);
  });
});

describe('the due query', () => {
  it('is an index-only range scan of sla_monitor_agenda_due, whatever the size of the agenda', async () => {
    await bed.store.pool.query(`
      INSERT INTO sla_monitor_agenda (complaint_id, kind, subject, handling, fire_at, due_at)
      SELECT md5(n::text)::uuid, 'breach', 'resolve', 1, timestamptz '2026-01-01' + n * interval '1 minute', NULL
        FROM generate_series(1, 50000) AS n`);
    await bed.store.pool.query('VACUUM ANALYZE sla_monitor_agenda');
    const first = dueWorkSql(new Date('2026-01-02T00:00:00Z'), 500);
    const later = dueWorkSql(new Date('2026-01-02T00:00:00Z'), 500, {
      fireAt: new Date('2026-01-01T10:00:00Z'),
      complaintId: '00000000-0000-0000-0000-000000000000',
      kind: 'breach',
      subject: 'resolve',
      handling: 1,
    });
    for (const { text, params } of [first, later]) {
      const { rows } = await bed.store.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Only Scan using sla_monitor_agenda_due/);
      expect(plan).not.toMatch(/Seq Scan|Sort/);
    }
  });
});
