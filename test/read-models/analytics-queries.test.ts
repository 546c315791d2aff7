import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  complaintAnalyticsProjection,
  complaintCauses,
  complaintPareto,
  complaintTrends,
  compensationStatistics,
  countComplaints,
  resolutionStatistics,
  satisfactionStatistics,
} from '../../libs/read-models/src/analytics/index.js';
import { fromDailyCounts, fromFacts } from '../../libs/read-models/src/analytics/count-queries.js';
import { ProjectionRunner } from '../../libs/read-models/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { appendScripts, randomScripts } from './analytics-fixtures.js';
import { measuredComplaints, Q1 } from './analytics-measures.fixture.js';
import { readModelDatabase } from './support/read-model-database.js';

let database: TestDatabase;
let store: PostgresEventStore;
let db: PostgresEventStore['pool'];

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
  db = store.pool;
  const scripts = measuredComplaints();
  await appendScripts(store, scripts);
  const total = scripts.reduce((sum, script) => sum + script.events.length, 0);
  const runner = new ProjectionRunner({ store, pool: db, projection: complaintAnalyticsProjection, batchSize: 7 });
  // The feed shows only what no running transaction on the server can still precede: keep going.
  for (let applied = 0; applied < total;) applied += await runner.catchUp();
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const HOUR = 3600;

describe('root-cause statistics over a hand-computed set', () => {
  it('counts complaints by the category they have now, once each, per month of receipt', async () => {
    expect(await complaintCauses(db, { ...Q1, by: 'category', bucket: 'month' })).toEqual([
      { bucket: '2026-01-01', key: 'product_quality', complaints: 2, share: 1 },
      { bucket: '2026-02-01', key: 'delivery', complaints: 1, share: 0.5 },
      { bucket: '2026-02-01', key: 'service', complaints: 1, share: 0.5 },
      { bucket: '2026-03-01', key: 'product_quality', complaints: 1, share: 1 / 3 },
      { bucket: '2026-03-01', key: 'service', complaints: 1, share: 1 / 3 },
      { bucket: '2026-03-01', key: null, complaints: 1, share: 1 / 3 },
    ]);
  });

  it.each([
    ['team', { quality: 2, 'customer-service': 2, logistics: 1, null: 2 }],
    ['product', { 'KT-200': 4, 'TV-9': 2, null: 1 }],
    ['channel', { email: 3, phone: 2, web_form: 1, app: 1 }],
    [
      'subcategory',
      { manufacturing_defect: 2, packaging: 1, slow_response: 1, logistics_delay: 1, attitude: 1, null: 1 },
    ],
    ['fishbone', { machine: 2, material: 1, man: 1, method: 1, null: 2 }],
  ] as const)('counts the quarter by %s', async (by, expected) => {
    const rows = await complaintCauses(db, { ...Q1, by });
    expect(Object.fromEntries(rows.map((row) => [String(row.key), row.complaints]))).toEqual(expected);
  });

  it('answers a filtered or part-day period from the fact rows with the same meaning', async () => {
    const machineInQuality = await complaintCauses(db, {
      ...Q1,
      by: 'fishbone',
      filter: { category: 'product_quality' },
    });
    expect(machineInQuality.map((row) => [row.key, row.complaints])).toEqual([
      ['machine', 2],
      ['material', 1],
    ]);
    const lastHour = { from: new Date('2026-03-31T23:00:00Z'), to: Q1.to };
    expect(await countComplaints(db, { ...lastHour, by: 'category' })).toEqual([
      { bucket: null, key: 'product_quality', complaints: 1 },
    ]);
  });

  it('ranks the root causes in a Pareto with cumulative shares and the vital few', async () => {
    expect(await complaintPareto(db, { ...Q1, by: 'fishbone' })).toEqual({
      by: 'fishbone',
      complaints: 7,
      unclassified: 2,
      items: [
        { key: 'machine', complaints: 2, share: 0.4, cumulativeShare: 0.4, vital: true },
        { key: 'man', complaints: 1, share: 0.2, cumulativeShare: 0.6, vital: true },
        { key: 'material', complaints: 1, share: 0.2, cumulativeShare: 0.8, vital: true },
        { key: 'method', complaints: 1, share: 0.2, cumulativeShare: 1, vital: false },
      ],
    });
  });

  it('shows monthly trends per category against the bucket before and the previous quarter', async () => {
    const trends = await complaintTrends(db, {
      from: new Date('2026-01-10T00:00:00Z'),
      to: new Date('2026-03-15T00:00:00Z'),
      by: 'category',
      bucket: 'month',
    });
    expect({ from: trends.from, to: trends.to, previousFrom: trends.previousFrom }).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
      previousFrom: '2025-10-01',
    });
    expect(trends.series.map((series) => series.key)).toEqual(['product_quality', 'service', 'delivery', null]);
    expect(trends.series[0]).toEqual({
      key: 'product_quality',
      complaints: 3,
      previousComplaints: 1,
      change: 2,
      changeRatio: 2,
      points: [
        { bucket: '2026-01-01', complaints: 2, change: 1, changeRatio: 1 },
        { bucket: '2026-02-01', complaints: 0, change: -2, changeRatio: -1 },
        { bucket: '2026-03-01', complaints: 1, change: 1, changeRatio: null },
      ],
    });
    expect(trends.series[1]).toMatchObject({ key: 'service', complaints: 2, previousComplaints: 0, changeRatio: null });
    expect(trends.series[1]!.points.map((point) => point.complaints)).toEqual([0, 1, 1]);
  });

  it('measures reopen rate, first-contact resolution and mean and median time to resolve', async () => {
    expect(await resolutionStatistics(db, Q1)).toEqual([
      {
        bucket: null,
        key: null,
        complaints: 7,
        concluded: 6,
        reopened: 2,
        reopenRate: 2 / 6,
        everResolved: 5,
        firstContactResolutions: 2,
        firstContactResolutionRate: 0.4,
        resolved: 5,
        meanSecondsToResolve: ((48 + 6 + 24 + 48 + 6) * HOUR) / 5,
        medianSecondsToResolve: 24 * HOUR,
      },
    ]);
    const byCategory = await resolutionStatistics(db, { ...Q1, by: 'category' });
    expect(
      byCategory.map((row) => [
        row.key,
        row.reopenRate,
        row.firstContactResolutionRate,
        row.meanSecondsToResolve,
        row.medianSecondsToResolve,
      ]),
    ).toEqual([
      ['delivery', 0, 0, 48 * HOUR, 48 * HOUR],
      ['product_quality', 1 / 3, 2 / 3, ((48 + 6 + 6) * HOUR) / 3, 6 * HOUR],
      ['service', 0.5, 0, 24 * HOUR, 24 * HOUR],
      [null, null, null, null, null],
    ]);
  });

  it('interpolates the median of an even number of resolutions', async () => {
    const january = await resolutionStatistics(db, { ...Q1, bucket: 'month', filter: { category: 'product_quality' } });
    expect(january[0]).toMatchObject({ bucket: '2026-01-01', resolved: 2, medianSecondsToResolve: 27 * HOUR });
  });

  it('totals compensations by kind and currency, never across currencies', async () => {
    expect(await compensationStatistics(db, Q1)).toEqual([
      {
        bucket: null,
        key: null,
        kind: 'goodwill',
        currency: 'EUR',
        compensations: 1,
        declined: 1,
        offered: 300,
        payable: 0,
        paid: 0,
      },
      {
        bucket: null,
        key: null,
        kind: 'refund',
        currency: 'CNY',
        compensations: 1,
        declined: 0,
        offered: 800,
        payable: 600,
        paid: 0,
      },
      {
        bucket: null,
        key: null,
        kind: 'refund',
        currency: 'EUR',
        compensations: 2,
        declined: 0,
        offered: 3500,
        payable: 3000,
        paid: 3000,
      },
      {
        bucket: null,
        key: null,
        kind: 'voucher',
        currency: 'CNY',
        compensations: 1,
        declined: 0,
        offered: 5000,
        payable: 5000,
        paid: 3000,
      },
    ]);
    const byTeam = await compensationStatistics(db, { ...Q1, by: 'team' });
    expect(byTeam.map((row) => [row.key, row.kind, row.currency, row.paid])).toEqual([
      ['customer-service', 'goodwill', 'EUR', 0],
      ['quality', 'refund', 'CNY', 0],
      ['quality', 'refund', 'EUR', 3000],
      ['quality', 'voucher', 'CNY', 3000],
    ]);
  });

  it('averages the latest satisfaction answers and gives the CSAT share of 4s and 5s', async () => {
    expect(await satisfactionStatistics(db, Q1)).toEqual([
      {
        bucket: null,
        key: null,
        responses: 4,
        averageSatisfaction: 3.25,
        satisfied: 2,
        csat: 0.5,
        confirmed: 3,
        disputed: 1,
      },
    ]);
    const byCategory = await satisfactionStatistics(db, { ...Q1, by: 'category' });
    expect(byCategory.map((row) => [row.key, row.responses, row.averageSatisfaction, row.csat])).toEqual([
      ['delivery', 1, 1, 0],
      ['product_quality', 2, 4.5, 1],
      ['service', 1, 3, 0],
    ]);
  });
});

describe('daily counts and fact rows', () => {
  it('give the same counts for every dimension and bucket over random histories', async () => {
    // In 2030, clear of the hand-computed set.
    const scripts = randomScripts(21, 150, Date.parse('2030-01-01T00:00:00Z'));
    await appendScripts(store, scripts);
    const runner = new ProjectionRunner({ store, pool: db, projection: complaintAnalyticsProjection, batchSize: 13 });
    const total = scripts.reduce((sum, script) => sum + script.events.length, 0);
    for (let applied = 0; applied < total;) applied += await runner.catchUp();
    const period = { from: new Date('2030-01-01T00:00:00Z'), to: new Date('2030-05-01T00:00:00Z') };
    const sorted = (rows: { bucket: string | null; key: string | null; complaints: unknown }[]) =>
      rows.map((row) => `${row.bucket}|${row.key}|${Number(row.complaints)}`).sort();
    expect(await countComplaints(db, period)).toEqual([{ bucket: null, key: null, complaints: 150 }]);
    for (const by of ['category', 'subcategory', 'fishbone', 'product', 'channel', 'team', undefined] as const) {
      for (const bucket of ['day', 'week', 'month', undefined] as const) {
        const scope = { ...period, by, bucket };
        expect(sorted(await fromDailyCounts(db, scope))).toEqual(sorted(await fromFacts(db, scope)));
      }
    }
  });
});
