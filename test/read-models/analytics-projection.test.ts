import { START } from '../../libs/event-store/src/index.js';
import { complaintAnalyticsProjection } from '../../libs/read-models/src/analytics/complaint-analytics.projection.js';
import { rebuildProjection } from '../../libs/read-models/src/index.js';
import { appendScripts, ComplaintScript, randomScripts } from './analytics-fixtures.js';
import { projectionTestBed, tableChecksum } from './support/read-model-database.js';

const projection = complaintAnalyticsProjection;
const bed = projectionTestBed(projection);

const runner = bed.runner;
let appended = 0;

async function append(scripts: ComplaintScript[]): Promise<void> {
  await appendScripts(bed.store, scripts);
  appended = scripts.reduce((sum, script) => sum + script.events.length, 0);
}

/**
 * Runs the projection until it has applied every appended event. The feed shows only what no older
 * transaction on the server can still precede, so one catch-up may stop short while other work runs.
 */
async function projectAll(batchSize = 500): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (let applied = 0; applied < appended;) {
    if (Date.now() > deadline) throw new Error(`projected ${applied} of ${appended} events`);
    applied += await runner(batchSize).catchUp();
  }
}
const checksums = async () => [
  await tableChecksum(bed.store.pool, 'complaint_facts', 'complaint_id'),
  await tableChecksum(bed.store.pool, 'compensation_facts', 'complaint_id, compensation_id'),
  await tableChecksum(bed.store.pool, 'complaint_daily_counts', 'dimension, day, key'),
];
const query = async (sql: string) => (await bed.store.pool.query(sql)).rows;

const ID = '0b9c7a52-2f1e-4c3a-9d7e-1a2b3c4d5e6f';

describe('complaint analytics projection', () => {
  it('turns a recategorized, reopened, compensated complaint into one fact row, its compensations and its daily counts', async () => {
    const script = new ComplaintScript(ID, '2026-01-05T23:30:00.000Z', { channel: 'phone', productRef: 'KT-200' })
      .categorize('service', 'attitude', '2026-01-06T01:00:00.000Z')
      .assign('customer-service', '2026-01-06T01:05:00.000Z')
      .categorize('product_quality', 'manufacturing_defect', '2026-01-06T02:00:00.000Z')
      .assign('quality', '2026-01-06T02:05:00.000Z')
      .rootCause('method', '2026-01-06T03:00:00.000Z')
      .offer('c1', 'refund', 2500, 'EUR', '2026-01-06T04:00:00.000Z', true)
      .approve('c1', 2000, 'EUR', '2026-01-06T04:30:00.000Z')
      .pay('c1', 2000, 2000, 'EUR', '2026-01-06T05:00:00.000Z')
      .offer('c2', 'voucher', 5000, 'CNY', '2026-01-06T05:10:00.000Z')
      .resolve('2026-01-06T11:30:00.000Z')
      .respond('disputed', 2, '2026-01-06T12:00:00.000Z')
      .reopen('2026-01-06T13:00:00.000Z')
      .rootCause('machine', '2026-01-07T00:00:00.000Z')
      .offer('c3', 'refund', 700, 'EUR', '2026-01-07T01:00:00.000Z')
      .decline('c3', '2026-01-07T02:00:00.000Z')
      .resolve('2026-01-07T23:30:00.000Z')
      .respond('confirmed', 4, '2026-01-08T00:00:00.000Z');
    await append([script]);
    expect(appended).toBe(18);
    await projectAll(5);

    expect(await query('SELECT * FROM complaint_facts')).toEqual([
      {
        complaint_id: ID,
        received_at: new Date('2026-01-05T23:30:00.000Z'),
        channel: 'phone',
        product_ref: 'KT-200',
        category: 'product_quality',
        subcategory: 'manufacturing_defect',
        fishbone_class: 'machine',
        team: 'quality',
        first_concluded_at: new Date('2026-01-06T11:30:00.000Z'),
        first_resolved_at: new Date('2026-01-06T11:30:00.000Z'),
        resolved_at: new Date('2026-01-07T23:30:00.000Z'),
        reopen_count: 1,
        followed_up: false,
        first_contact_resolution: false,
        satisfaction: 4,
        customer_outcome: 'confirmed',
        last_revision: '17',
      },
    ]);
    expect(
      await query(
        `SELECT compensation_id, kind, currency, offered_amount, requires_approval, approved_amount, paid_amount,
                declined, last_revision FROM compensation_facts ORDER BY compensation_id`,
      ),
    ).toEqual([
      {
        compensation_id: 'c1',
        kind: 'refund',
        currency: 'EUR',
        offered_amount: '2500',
        requires_approval: true,
        approved_amount: '2000',
        paid_amount: '2000',
        declined: false,
        last_revision: '8',
      },
      {
        compensation_id: 'c2',
        kind: 'voucher',
        currency: 'CNY',
        offered_amount: '5000',
        requires_approval: false,
        approved_amount: null,
        paid_amount: '0',
        declined: false,
        last_revision: '9',
      },
      {
        compensation_id: 'c3',
        kind: 'refund',
        currency: 'EUR',
        offered_amount: '700',
        requires_approval: false,
        approved_amount: null,
        paid_amount: '0',
        declined: true,
        last_revision: '15',
      },
    ]);
    // Counted once, under the category, team and root cause it has now, on its UTC day of receipt.
    expect(
      await query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, dimension, key, complaints FROM complaint_daily_counts ORDER BY dimension`,
      ),
    ).toEqual([
      { day: '2026-01-05', dimension: 'category', key: 'product_quality', complaints: 1 },
      { day: '2026-01-05', dimension: 'channel', key: 'phone', complaints: 1 },
      { day: '2026-01-05', dimension: 'fishbone', key: 'machine', complaints: 1 },
      { day: '2026-01-05', dimension: 'product', key: 'KT-200', complaints: 1 },
      { day: '2026-01-05', dimension: 'subcategory', key: 'manufacturing_defect', complaints: 1 },
      { day: '2026-01-05', dimension: 'team', key: 'quality', complaints: 1 },
    ]);
  });

  it('counts a complaint without category, team, root cause or product under the empty key until it has one', async () => {
    await append([new ComplaintScript(ID, '2026-02-01T10:00:00.000Z')]);
    await projectAll();
    const keys = await query(`SELECT dimension, key, complaints FROM complaint_daily_counts ORDER BY dimension`);
    expect(keys).toEqual([
      { dimension: 'category', key: '', complaints: 1 },
      { dimension: 'channel', key: 'email', complaints: 1 },
      { dimension: 'fishbone', key: '', complaints: 1 },
      { dimension: 'product', key: '', complaints: 1 },
      { dimension: 'subcategory', key: '', complaints: 1 },
      { dimension: 'team', key: '', complaints: 1 },
    ]);
  });

  it('resolved with no further exchange and never reopened is a first-contact resolution; a logged contact or a wait is not', async () => {
    const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter.repeat(8)}-0000-4000-8000-000000000000`);
    const at = (hour: number) => `2026-03-02T${String(hour).padStart(2, '0')}:00:00.000Z`;
    await append([
      new ComplaintScript(ids[0]!, at(1)).categorize('service', 'attitude', at(2)).resolve(at(3)),
      new ComplaintScript(ids[1]!, at(1)).contact(at(2), 'inbound').resolve(at(3)),
      new ComplaintScript(ids[2]!, at(1)).awaitCustomer(at(2)).resolve(at(3)),
      new ComplaintScript(ids[3]!, at(1))
        .resolve(at(2))
        .close('resolved', at(3))
        .reopen(at(4), 'closed')
        .resolve(at(5)),
    ]);
    await projectAll();
    expect(await query('SELECT first_contact_resolution AS fcr FROM complaint_facts ORDER BY complaint_id')).toEqual([
      { fcr: true },
      { fcr: false },
      { fcr: false },
      { fcr: false },
    ]);
  });

  it('replaying the same events twice changes nothing', async () => {
    await append(randomScripts(3, 60));
    await projectAll(37);
    const first = await checksums();
    // The checkpoint is lost (e.g. restored from an older backup): every event is applied again.
    await bed.store.pool.query('UPDATE projection_checkpoints SET position = $1', [START]);
    await projectAll(53);
    expect(await checksums()).toEqual(first);
    // And the very same batch twice in one transaction.
    await bed.applyFeedTwice();
    expect(await checksums()).toEqual(first);
  });

  it('gives the same rows whatever the batch boundaries', async () => {
    await append(randomScripts(5, 50));
    await projectAll(1);
    const oneByOne = await checksums();
    await bed.store.pool.query(
      'TRUNCATE complaint_facts, compensation_facts, complaint_daily_counts, projection_checkpoints',
    );
    await projectAll(10_000);
    expect(await checksums()).toEqual(oneByOne);
  });

  it('keeps the daily counts equal to a count over the fact rows, through recategorizations and new root causes', async () => {
    await append(randomScripts(9, 200));
    await projectAll(17);
    const fromFacts = await query(`
      SELECT to_char((received_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, d.dimension,
             coalesce(CASE d.dimension WHEN 'category' THEN category WHEN 'subcategory' THEN subcategory
               WHEN 'fishbone' THEN fishbone_class WHEN 'product' THEN product_ref WHEN 'channel' THEN channel
               ELSE team END, '') AS key, count(*)::int AS complaints
        FROM complaint_facts
        CROSS JOIN unnest(ARRAY['category','subcategory','fishbone','product','channel','team']) AS d(dimension)
       GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`);
    const daily = await query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, dimension, key, complaints FROM complaint_daily_counts ORDER BY 2, 1, 3`,
    );
    expect(daily).toEqual(fromFacts);
    expect(fromFacts.length).toBeGreaterThan(200);
  });

  it('a blue/green rebuild ends with the same rows as the live run', async () => {
    await append(randomScripts(12, 80));
    await projectAll(25);
    const live = await checksums();
    await bed.store.pool.query('UPDATE complaint_daily_counts SET complaints = complaints + 1');
    await rebuildProjection({ store: bed.store, pool: bed.store.pool, projection, batchSize: 64 });
    expect(await checksums()).toEqual(live);
  });
});
