/**
 * SLA math on business calendars, end to end through the projection and the queries: events are
 * stored, projected into sla_clock on business-calendar policies, and read back at chosen instants.
 * Hours below are local; Berlin is UTC+1 in winter (CET) and UTC+2 from 30 March 2025 (CEST).
 */
import {
  type BusinessCalendar,
  DEFAULT_SLA_TARGETS,
  type SlaPolicy,
  weekdayCalendar,
} from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { createSlaClockProjection, getComplaintSla, listSlaDue } from '../../libs/read-models/src/sla/index.js';
import type { TestDatabase } from '../support/database.js';
import { append, clockRows, eventsOf, projectAll } from './sla-fixtures.js';
import { readModelDatabase } from './support/read-model-database.js';

/** Mon–Fri 09:00–12:00 and 13:00–18:00 (8 working hours a day), Good Friday and Easter Monday off. */
const BERLIN = weekdayCalendar('Europe/Berlin', ['2025-04-18', '2025-04-21']);
/** Mon–Fri 09:00–17:00. */
const NEW_YORK = weekdayCalendar('America/New_York', [], [{ start: '09:00', end: '17:00' }]);
/** National Day week off, Sunday 28 September worked instead (调休). */
const SHANGHAI: BusinessCalendar = {
  ...weekdayCalendar('Asia/Shanghai', ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07']),
  specialDays: {
    '2025-09-28': [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
  },
};
const business = (calendar: BusinessCalendar) => ({ clock: 'business' as const, calendar });
const policies: SlaPolicy[] = [
  { id: 'berlin-P4', priority: 'P4', targets: DEFAULT_SLA_TARGETS.P4, ...business(BERLIN) },
  { id: 'new-york-service', category: 'service', targets: DEFAULT_SLA_TARGETS.P2, ...business(NEW_YORK) },
  {
    id: 'shanghai-delivery-P3',
    priority: 'P3',
    category: 'delivery',
    targets: DEFAULT_SLA_TARGETS.P3,
    ...business(SHANGHAI),
  },
  { id: 'berlin-any', targets: DEFAULT_SLA_TARGETS.P2, ...business(BERLIN) },
];
const projection = createSlaClockProjection(() => policies);
const HOUR = 3_600_000;

let database: TestDatabase;
let store: PostgresEventStore;
let sequence = 0;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

/** A new complaint with these events (given their times), projected. */
async function complaint(build: (on: ReturnType<typeof eventsOf>) => Parameters<typeof append>[2]): Promise<string> {
  sequence += 1;
  const id = `7c3a9e21-4b5d-4f60-9a1b-${String(sequence).padStart(12, '0')}`;
  await append(store, id, build(eventsOf(id)));
  await projectAll(store, projection);
  return id;
}

async function clock(id: string, target: string, now: string) {
  const view = await getComplaintSla(store.pool, id, new Date(now), policies);
  return view!.clocks.find((candidate) => candidate.target === target)!;
}

describe('SLA clocks on a Berlin business calendar', () => {
  const fridayAfternoon = (on: ReturnType<typeof eventsOf>) => [
    on.received('2025-03-14T14:00:00.000Z'), // Friday 15:00
    on.categorized('2025-03-14T14:05:00.000Z', 'P4'),
  ];

  it('a weekend does not count: acknowledge within 24 working hours of Friday 15:00 is due Wednesday 15:00', async () => {
    const id = await complaint(fridayAfternoon);
    expect((await clockRows(store, id))['acknowledge/1']).toMatchObject({
      policy_id: 'berlin-P4',
      due_at: '2025-03-19T14:00:00.000Z',
      warning_at: '2025-03-19T08:12:00.000Z', // 19.2 h: Friday 3 h, Monday 8 h, Tuesday 8 h, Wednesday 12 min
    });
    expect(await clock(id, 'acknowledge', '2025-03-15T12:00:00.000Z')).toMatchObject({
      state: 'running',
      elapsedMs: 3 * HOUR,
      remainingMs: 21 * HOUR,
    });
    expect(await clock(id, 'acknowledge', '2025-03-19T09:00:00.000Z')).toMatchObject({
      state: 'warning',
      remainingMs: 4 * HOUR,
    });
    expect((await clock(id, 'acknowledge', '2025-03-19T14:00:00.000Z')).state).toBe('breached');
  });

  it('a pause over the weekend: paused and due as if resumed now; once resumed, due later by its working hours only', async () => {
    const id = await complaint((on) => [...fridayAfternoon(on), on.awaiting('2025-03-14T15:00:00.000Z')]);
    expect(await clock(id, 'acknowledge', '2025-03-15T12:00:00.000Z')).toMatchObject({
      state: 'paused',
      pausedMs: 2 * HOUR, // Friday 16:00–18:00
      elapsedMs: HOUR,
      dueAt: '2025-03-19T16:00:00.000Z', // the 23 h left, from Monday 09:00
    });
    await append(store, id, [eventsOf(id).resumed('2025-03-17T10:00:00.000Z')]); // Monday 11:00
    await projectAll(store, projection);
    expect(await clock(id, 'acknowledge', '2025-03-17T12:00:00.000Z')).toMatchObject({
      state: 'running',
      pausedMs: 4 * HOUR, // Friday 16:00–18:00 and Monday 09:00–11:00
      elapsedMs: 2 * HOUR,
      dueAt: '2025-03-20T09:00:00.000Z', // Wednesday 15:00 + 4 working hours = Thursday 10:00
    });
  });

  it('public holidays do not count: received Maundy Thursday 09:00, due the Wednesday after Easter at 18:00', async () => {
    const id = await complaint((on) => [
      on.received('2025-04-17T07:00:00.000Z'),
      on.categorized('2025-04-17T07:00:00.000Z', 'P4'),
    ]);
    expect(await clock(id, 'acknowledge', '2025-04-22T07:00:00.000Z')).toMatchObject({
      elapsedMs: 8 * HOUR,
      remainingMs: 16 * HOUR,
      dueAt: '2025-04-23T16:00:00.000Z',
    });
  });

  it('across the change to summer time, working hours stay local: Friday 17:00 CET + 24 h is Wednesday 17:00 CEST', async () => {
    const id = await complaint((on) => [
      on.received('2025-03-28T16:00:00.000Z'),
      on.categorized('2025-03-28T16:00:00.000Z', 'P4'),
    ]);
    expect((await clock(id, 'acknowledge', '2025-03-31T07:00:00.000Z')).dueAt).toBe('2025-04-02T15:00:00.000Z');
  });

  it('a complaint not yet prioritized is held to the catch-all business policy', async () => {
    const id = await complaint((on) => [on.received('2025-03-14T14:00:00.000Z')]);
    expect(await clock(id, 'acknowledge', '2025-03-14T14:00:00.000Z')).toMatchObject({
      policyId: 'berlin-any',
      dueAt: '2025-03-17T09:00:00.000Z', // 4 working hours: Friday 3 h, Monday 1 h
    });
  });
});

describe('SLA clocks in other zones', () => {
  it('New York: a service complaint’s first response in 24 working hours spans the March change to daylight time', async () => {
    const id = await complaint((on) => [
      on.received('2025-03-07T20:00:00.000Z'), // Friday 15:00 EST
      on.categorized('2025-03-07T20:00:00.000Z', 'P2', 'service'),
    ]);
    expect(await clock(id, 'first_response', '2025-03-10T14:00:00.000Z')).toMatchObject({
      policyId: 'new-york-service',
      dueAt: '2025-03-12T19:00:00.000Z', // Wednesday 15:00 EDT
      elapsedMs: 3 * HOUR,
      state: 'running',
    });
  });

  it('Shanghai: acknowledge in 8 working hours across a make-up working Sunday', async () => {
    const id = await complaint((on) => [
      on.received('2025-09-26T09:00:00.000Z'), // Friday 17:00
      on.categorized('2025-09-26T09:00:00.000Z', 'P3', 'delivery'),
    ]);
    expect(await clock(id, 'acknowledge', '2025-09-28T08:00:00.000Z')).toMatchObject({
      policyId: 'shanghai-delivery-P3',
      dueAt: '2025-09-28T09:00:00.000Z', // Sunday 17:00
      state: 'warning',
    });
    const due = await listSlaDue(
      store.pool,
      { limit: 10, withinMs: 2 * HOUR, target: 'acknowledge' },
      new Date('2025-09-28T08:00:00.000Z'),
      policies,
    );
    expect(due.items.map((item) => [item.complaintId, item.remainingMs])).toEqual([[id, HOUR]]);
  });
});
