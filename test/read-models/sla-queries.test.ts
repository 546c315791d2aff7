import { DEFAULT_SLA_POLICIES } from '../../libs/domain/src/index.js';
import {
  createSlaClockProjection,
  getComplaintSla,
  InvalidSlaCursorError,
  listSlaBreaches,
  listSlaDue,
  type SlaClockPage,
  type SlaListQuery,
  slaCompliance,
} from '../../libs/read-models/src/sla/index.js';
import { append, eventsOf, projectAll } from './sla-fixtures.js';
import { projectionTestBed } from './support/read-model-database.js';

const policies = DEFAULT_SLA_POLICIES;
const projection = createSlaClockProjection(() => policies);
const MIN = 60_000;
const id = (n: number) => `6b2e4f10-1c3d-4e5f-8a9b-${String(n).padStart(12, '0')}`;

const bed = projectionTestBed(projection);

/** Untouched P1 complaints L1–L3 (received 08:00, 08:10, 08:20), L4 waiting on the customer, L5 a P2. */
async function seedOpenComplaints(): Promise<void> {
  const open = (n: number, minute: number, team: string, priority: 'P1' | 'P2') => {
    const on = eventsOf(id(n));
    const at = `2026-02-02T08:${String(minute).padStart(2, '0')}:00.000Z`;
    return [on.received(at), on.categorized(at, priority), on.assigned(at, team)];
  };
  await append(bed.store, id(1), open(1, 0, 'quality', 'P1'));
  await append(bed.store, id(2), open(2, 10, 'quality', 'P1'));
  await append(bed.store, id(3), open(3, 20, 'billing', 'P1'));
  const l4 = eventsOf(id(4));
  await append(bed.store, id(4), [
    ...open(4, 30, 'billing', 'P1'),
    l4.acknowledged('2026-02-02T08:35:00.000Z'),
    l4.awaiting('2026-02-02T08:40:00.000Z'),
  ]);
  await append(bed.store, id(5), open(5, 40, 'quality', 'P2'));
  await projectAll(bed.store, projection);
}

const NOW = new Date('2026-02-02T12:15:00.000Z');
const keyOf = (page: SlaClockPage) => page.items.map((item) => `${item.complaintId.slice(-1)}:${item.target}`);

async function walk(list: (query: SlaListQuery) => Promise<SlaClockPage>, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    keys.push(...keyOf(page));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return keys;
}

describe('SLA lists', () => {
  beforeEach(seedOpenComplaints);

  it('lists the open breached targets, oldest breach first, page by page without gaps or repeats', async () => {
    const breaches = (query: SlaListQuery) => listSlaBreaches(bed.store.pool, query, NOW, policies);
    expect(await walk(breaches, 2)).toEqual([
      '1:acknowledge',
      '2:acknowledge',
      '3:acknowledge',
      '1:first_response',
      '2:first_response',
    ]);
    const first = (await breaches({ limit: 1 })).items[0]!;
    expect(first).toMatchObject({ state: 'breached', dueAt: '2026-02-02T09:00:00.000Z', remainingMs: -195 * MIN });
  });

  it('filters the breaches by team, target and priority', async () => {
    const keys = async (filter: Partial<SlaListQuery>) =>
      keyOf(await listSlaBreaches(bed.store.pool, { limit: 50, ...filter }, NOW, policies));
    expect(await keys({ team: 'billing' })).toEqual(['3:acknowledge']);
    expect(await keys({ target: 'first_response' })).toEqual(['1:first_response', '2:first_response']);
    expect(await keys({ priority: 'P2' })).toEqual([]);
    expect(await keys({ category: 'product_quality', team: 'quality' })).toHaveLength(4);
  });

  it('lists the running targets coming due within the window, soonest first, with their warning state', async () => {
    const due = (withinMs: number) => listSlaDue(bed.store.pool, { limit: 50, withinMs }, NOW, policies);
    const hour = await due(60 * MIN);
    expect(keyOf(hour)).toEqual(['3:first_response', '5:acknowledge']);
    expect(hour.items.map((item) => [item.state, item.remainingMs])).toEqual([
      ['warning', 5 * MIN],
      ['warning', 25 * MIN],
    ]);
    expect(keyOf(await due(10 * MIN))).toEqual(['3:first_response']);
    expect(
      await walk((query) => listSlaDue(bed.store.pool, { ...query, withinMs: 7 * 24 * 60 * MIN }, NOW, policies), 3),
    ).toEqual([
      '3:first_response',
      '5:acknowledge',
      '5:first_response',
      '1:resolve',
      '2:resolve',
      '3:resolve',
      '5:resolve',
    ]);
  });

  it('shows a paused clock as paused, its due instant as if the customer answered now', async () => {
    const view = await getComplaintSla(bed.store.pool, id(4), NOW, policies);
    expect(view?.clocks.map((clock) => [clock.target, clock.state])).toEqual([
      ['acknowledge', 'met'],
      ['first_response', 'paused'],
      ['resolve', 'paused'],
    ]);
    expect(view?.clocks[1]).toMatchObject({
      elapsedMs: 10 * MIN,
      pausedMs: 215 * MIN,
      remainingMs: 230 * MIN,
      dueAt: '2026-02-02T16:05:00.000Z',
    });
    expect(await getComplaintSla(bed.store.pool, id(9), NOW, policies)).toBeUndefined();
  });

  it('refuses a cursor it did not give out, or one from the other list', async () => {
    const breaches = await listSlaBreaches(bed.store.pool, { limit: 1 }, NOW, policies);
    await expect(
      listSlaDue(bed.store.pool, { limit: 1, withinMs: MIN, cursor: breaches.nextCursor! }, NOW, policies),
    ).rejects.toBeInstanceOf(InvalidSlaCursorError);
    await expect(
      listSlaBreaches(bed.store.pool, { limit: 1, cursor: 'bm90LWEtY3Vyc29y' }, NOW, policies),
    ).rejects.toBeInstanceOf(InvalidSlaCursorError);
  });
});

/**
 * By hand (default wall policies):
 * C1 quality P1, received Mon 01-05 08:00: acknowledged 08:30 (on time), first answer 13:00 (due 12:00: late),
 *    resolved 01-06 08:00 (due 01-07 08:00: on time).
 * C2 quality P2, received 01-05 09:00: acknowledged 14:00 (due 13:00: late), withdrawn 01-05 17:00 — first
 *    response (due 01-06 09:00) and resolve stopped in time.
 * C3 billing P1, received Wed 01-07 08:00, closed as duplicate at 10:00: acknowledge (due 09:00) missed,
 *    first response and resolve stopped in time.
 * C4 billing P1, received Mon 01-12 08:00, acknowledged 08:10; the rest still open (counts nowhere).
 */
async function seedClosedOutcomes(): Promise<void> {
  const c = [1, 2, 3, 4].map((n) => eventsOf(id(10 + n)));
  const intake = (n: number, at: string, team: string, priority: 'P1' | 'P2') => [
    c[n - 1]!.received(at),
    c[n - 1]!.categorized(at, priority),
    c[n - 1]!.assigned(at, team),
  ];
  await append(bed.store, id(11), [
    ...intake(1, '2026-01-05T08:00:00.000Z', 'quality', 'P1'),
    c[0]!.acknowledged('2026-01-05T08:30:00.000Z'),
    c[0]!.contacted('2026-01-05T13:00:00.000Z'),
    c[0]!.resolved('2026-01-06T08:00:00.000Z'),
  ]);
  await append(bed.store, id(12), [
    ...intake(2, '2026-01-05T09:00:00.000Z', 'quality', 'P2'),
    c[1]!.acknowledged('2026-01-05T14:00:00.000Z'),
    c[1]!.closed('2026-01-05T17:00:00.000Z', 'withdrawn'),
  ]);
  await append(bed.store, id(13), [
    ...intake(3, '2026-01-07T08:00:00.000Z', 'billing', 'P1'),
    c[2]!.closed('2026-01-07T10:00:00.000Z', 'duplicate'),
  ]);
  await append(bed.store, id(14), [
    ...intake(4, '2026-01-12T08:00:00.000Z', 'billing', 'P1'),
    c[3]!.acknowledged('2026-01-12T08:10:00.000Z'),
  ]);
  await projectAll(bed.store, projection);
}

const t = (closedOut: number, metOnTime: number, metLate: number, missed: number, stoppedInTime: number) => ({
  closedOut,
  metOnTime,
  metLate,
  missed,
  stoppedInTime,
  rate: closedOut === 0 ? null : metOnTime / closedOut,
});
const NONE = t(0, 0, 0, 0, 0);

describe('SLA compliance', () => {
  beforeEach(seedClosedOutcomes);
  const range = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-19T00:00:00Z') };

  it('by team and week: met on time over closed-out targets, per target', async () => {
    const report = await slaCompliance(bed.store.pool, { ...range, groupBy: 'team', period: 'week', timeZone: 'UTC' });
    expect(report.buckets).toEqual([
      {
        period: '2026-01-05',
        group: 'billing',
        targets: { acknowledge: t(1, 0, 0, 1, 0), first_response: t(0, 0, 0, 0, 1), resolve: t(0, 0, 0, 0, 1) },
      },
      {
        period: '2026-01-05',
        group: 'quality',
        targets: { acknowledge: t(2, 1, 1, 0, 0), first_response: t(1, 0, 1, 0, 1), resolve: t(1, 1, 0, 0, 1) },
      },
      {
        period: '2026-01-12',
        group: 'billing',
        targets: { acknowledge: t(1, 1, 0, 0, 0), first_response: NONE, resolve: NONE },
      },
    ]);
  });

  it('by priority and day, cut in the requested time zone', async () => {
    const utc = await slaCompliance(bed.store.pool, { ...range, groupBy: 'priority', period: 'day', timeZone: 'UTC' });
    expect(utc.buckets.map((bucket) => `${bucket.period} ${bucket.group}`)).toEqual([
      '2026-01-05 P1',
      '2026-01-05 P2',
      '2026-01-06 P1',
      '2026-01-07 P1',
      '2026-01-12 P1',
    ]);
    // Shanghai is UTC+8: C2's withdrawal at 17:00 UTC is 01:00 on the 6th there.
    const shanghai = await slaCompliance(bed.store.pool, {
      ...range,
      groupBy: 'priority',
      period: 'day',
      timeZone: 'Asia/Shanghai',
    });
    const p2 = shanghai.buckets.filter((bucket) => bucket.group === 'P2');
    expect(p2).toEqual([
      {
        period: '2026-01-05',
        group: 'P2',
        targets: { acknowledge: t(1, 0, 1, 0, 0), first_response: NONE, resolve: NONE },
      },
      {
        period: '2026-01-06',
        group: 'P2',
        targets: { acknowledge: NONE, first_response: t(0, 0, 0, 0, 1), resolve: t(0, 0, 0, 0, 1) },
      },
    ]);
  });

  it('by category and month, only outcomes inside [from, to)', async () => {
    const report = await slaCompliance(bed.store.pool, {
      from: new Date('2026-01-06T00:00:00Z'),
      to: new Date('2026-01-12T08:10:00Z'),
      groupBy: 'category',
      period: 'month',
      timeZone: 'UTC',
    });
    expect(report.buckets).toEqual([
      {
        period: '2026-01-01',
        group: 'product_quality',
        targets: { acknowledge: t(1, 0, 0, 1, 0), first_response: t(0, 0, 0, 0, 1), resolve: t(1, 1, 0, 0, 1) },
      },
    ]);
  });
});
