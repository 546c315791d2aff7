/**
 * The escalation-risk ranking: each factor's points at the instant asked for, the order, the team
 * filter, and a plan that reads the team's open rows through their index.
 */
import { type ComplaintEvent, defaultPolicy } from '../../libs/domain/src/index.js';
import * as fixtures from '../../libs/domain/src/testing/fixtures.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { atRiskSql, createSlaMonitorProjection, listAtRisk } from '../../libs/read-models/src/sla-monitor/index.js';
import type { TestDatabase } from '../support/database.js';
import { append, eventsOf, projectAll } from './sla-fixtures.js';
import { readModelDatabase } from './support/read-model-database.js';

const projection = createSlaMonitorProjection(() => defaultPolicy);
const T0 = '2026-01-05T08:00:00.000Z';
const after = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000);
const iso = (hours: number) => after(hours).toISOString();
const ids = {
  quiet: '7c3f9e50-2b4d-4e0f-9a81-000000000001',
  regulator: '7c3f9e50-2b4d-4e0f-9a81-000000000002',
  caller: '7c3f9e50-2b4d-4e0f-9a81-000000000003',
  elsewhere: '7c3f9e50-2b4d-4e0f-9a81-000000000004',
  closed: '7c3f9e50-2b4d-4e0f-9a81-000000000005',
  unassigned: '7c3f9e50-2b4d-4e0f-9a81-000000000006',
};

let database: TestDatabase;
let store: PostgresEventStore;

const own = (id: string, event: ComplaintEvent) =>
  ({ ...event, data: { ...event.data, complaintId: id } }) as ComplaintEvent;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
  const triaged = (id: string, priority: 'P1' | 'P2' | 'P3', team = 'quality', received = T0) => [
    eventsOf(id).received(received),
    eventsOf(id).categorized(received, priority),
    eventsOf(id).assigned(received, team),
  ];
  await append(store, ids.quiet, triaged(ids.quiet, 'P3'));
  const [, ...regulatorRest] = triaged(ids.regulator, 'P1');
  await append(store, ids.regulator, [
    own(ids.regulator, fixtures.received({ receivedAt: T0, channel: 'regulator_referral' })),
    ...regulatorRest,
  ]);
  const inbound = (hours: number) => own(ids.caller, fixtures.contacted('inbound', iso(hours)));
  await append(store, ids.caller, [
    ...triaged(ids.caller, 'P2', 'quality', iso(-48)),
    inbound(-30),
    inbound(-20),
    inbound(-2),
  ]);
  await append(store, ids.elsewhere, triaged(ids.elsewhere, 'P1', 'logistics'));
  const unassigned = eventsOf(ids.unassigned);
  await append(store, ids.unassigned, [unassigned.received(T0), unassigned.categorized(T0, 'P4')]);
  await append(store, ids.closed, [...triaged(ids.closed, 'P1'), eventsOf(ids.closed).closed(iso(0.1), 'withdrawn')]);
  await projectAll(store, projection);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const ranking = async (hours: number) =>
  (await listAtRisk(store.pool, { team: 'quality', limit: 50 }, after(hours))).map((item) => ({
    id: item.complaintId,
    score: item.score,
    factors: item.factors.map(({ factor, points }) => `${factor} ${points}`),
    sla: item.sla.state,
  }));

describe('GET /sla/at-risk’s ranking', () => {
  it('ranks the team’s open complaints by the points of the factors present, highest first', async () => {
    expect(await ranking(1)).toEqual([
      {
        id: ids.regulator,
        score: 85,
        factors: ['sla_breached 40', 'regulator_channel 30', 'priority_p1 15'],
        sla: 'breached',
      },
      {
        id: ids.caller,
        score: 75,
        factors: ['sla_breached 40', 'repeat_contact 15', 'no_update_24h 10', 'priority_p2 10'],
        sla: 'breached',
      },
      { id: ids.quiet, score: 5, factors: ['priority_p3 5'], sla: 'on_track' },
      // Categorized (product quality), not assigned: in the category's default team's list.
      { id: ids.unassigned, score: 0, factors: [], sla: 'on_track' },
    ]);
  });

  it('raises a complaint as its SLA nears: due within 4 hours, then past the warning', async () => {
    const quiet = async (hours: number) => (await ranking(hours)).find((item) => item.id === ids.quiet);
    expect(await quiet(4.5)).toMatchObject({ score: 15, sla: 'due_soon' });
    expect(await quiet(6.5)).toMatchObject({ score: 30, sla: 'warning' });
    expect(await quiet(8)).toMatchObject({ score: 45, sla: 'breached' });
  });

  it('forgets contacts older than 7 days', async () => {
    const caller = (await ranking(24 * 6)).find((item) => item.id === ids.caller);
    expect(caller?.factors).not.toContain('repeat_contact 15');
  });

  it('reads the team’s open rows through their partial index', async () => {
    await store.pool.query('SET enable_seqscan = off');
    try {
      const { text, params } = atRiskSql({ team: 'quality', limit: 50 }, after(1));
      const { rows } = await store.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using complaint_risk_open_team/);
    } finally {
      await store.pool.query('SET enable_seqscan = on');
    }
  });
});
