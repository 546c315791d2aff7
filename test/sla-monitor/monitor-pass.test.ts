/**
 * The SLA monitor, wired as in the projector, driven by an injected clock (no sleeps): passes over
 * the `sla_monitor` agenda record warnings and breaches at the right instants — business hours,
 * weekends, holidays and pauses included — escalate breaches and critical points, and never record
 * a fact the stream no longer calls for.
 */
import {
  type ComplaintEvent,
  type ComplaintPolicy,
  defaultPolicy,
  type SlaPolicy,
  streamNameFor,
  weekdayCalendar,
} from '../../libs/domain/src/index.js';
import * as fixtures from '../../libs/domain/src/testing/fixtures.js';
import { PostgresEventStore, type RecordedEvent } from '../../libs/event-store/src/index.js';
import { createSlaMonitorProjection } from '../../libs/read-models/src/sla-monitor/index.js';
import type { TestDatabase } from '../support/database.js';
import { type MonitorContext, startSlaMonitor } from '../support/sla-monitor.js';
import { append, eventsOf, projectAll } from '../read-models/sla-fixtures.js';
import { readModelDatabase } from '../read-models/support/read-model-database.js';

const BERLIN = weekdayCalendar('Europe/Berlin', ['2025-04-18', '2025-04-21']);
const business = (priority?: 'P1'): SlaPolicy => ({
  id: `berlin-${priority ?? 'any'}`,
  ...(priority ? { priority } : {}),
  targets: { acknowledge: 60, first_response: 240, resolve: 2880 },
  clock: 'business',
  calendar: BERLIN,
});
const policy: ComplaintPolicy = { ...defaultPolicy };
const projection = createSlaMonitorProjection(() => policy);

let database: TestDatabase;
let store: PostgresEventStore;
let monitor: MonitorContext;
let now = new Date(0);

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
  monitor = await startSlaMonitor({ databaseUrl: database.url, clock: { now: () => now }, policy });
});
afterAll(async () => {
  await monitor.close();
  await store.close();
  await database.drop();
});
beforeEach(async () => {
  policy.sla = defaultPolicy.sla;
  await store.pool.query(
    'TRUNCATE events, sla_monitor_complaint, sla_monitor_agenda, complaint_risk, projection_checkpoints',
  );
});

/** Projects what is stored, then runs one pass at `at`. */
async function passAt(at: string, { project = true } = {}) {
  now = new Date(at);
  if (project) await projectAll(store, projection);
  return monitor.monitor.runPass();
}

const streamOf = (id: string): Promise<RecordedEvent[]> => store.readStream(streamNameFor(id));
const monitorFacts = async (id: string) =>
  (await streamOf(id))
    .filter((event) => event.metadata.actor.id === 'system:sla-monitor')
    .map((event) => {
      const data = event.data as { target?: string; reason?: string; tier?: number };
      return [event.type, data.target ?? data.reason, data.tier].filter((part) => part !== undefined).join(' ');
    });

const ID = '8d4a0f61-3c5e-4f10-8b92-000000000001';
const on = eventsOf(ID);
const own = (id: string, event: ComplaintEvent) =>
  ({ ...event, data: { ...event.data, complaintId: id } }) as ComplaintEvent;
const p1 = (at: string) => [on.received(at), on.categorized(at, 'P1')];

describe('warnings and breaches at the right instants', () => {
  it('records the warning at 80 % and the breach with its escalation at 100 %, as system:sla-monitor', async () => {
    await append(store, ID, p1('2026-01-05T08:00:00.000Z'));
    expect(await passAt('2026-01-05T08:47:59.999Z')).toMatchObject({ due: 0, recorded: 0 });
    expect(await passAt('2026-01-05T08:48:00.000Z')).toMatchObject({ due: 1, recorded: 1 });
    expect(await monitorFacts(ID)).toEqual(['SlaWarningRaised acknowledge']);
    await passAt('2026-01-05T09:00:00.000Z');
    expect(await monitorFacts(ID)).toEqual([
      'SlaWarningRaised acknowledge',
      'SlaBreached acknowledge',
      'ComplaintEscalated sla-breach:acknowledge 1',
    ]);
    const [warning, breach, escalation] = (await streamOf(ID)).slice(2);
    expect(breach!.metadata).toMatchObject({
      actor: { id: 'system:sla-monitor', role: 'system' },
      command: 'RecordSlaBreach',
    });
    expect(escalation!.metadata.causationId).toBe(breach!.metadata.causationId);
    expect(warning!.metadata.correlationId).not.toBe(breach!.metadata.correlationId); // one pass each
    expect(breach!.data).toMatchObject({ dueAt: '2026-01-05T09:00:00.000Z', breachedAt: '2026-01-05T09:00:00.000Z' });
  });

  it('counts working minutes only: the hour from Thursday 17:30 in Berlin ends Tuesday 09:30 after Easter', async () => {
    policy.sla = [business('P1'), business()];
    await append(store, ID, p1('2025-04-17T15:30:00.000Z'));
    for (const at of ['2025-04-17T16:30:00.000Z', '2025-04-21T10:00:00.000Z', '2025-04-22T07:17:59.000Z']) {
      expect(await passAt(at)).toMatchObject({ due: 0 });
    }
    await passAt('2025-04-22T07:18:00.000Z');
    expect(await monitorFacts(ID)).toEqual(['SlaWarningRaised acknowledge']);
    await passAt('2025-04-22T07:29:59.000Z');
    expect(await monitorFacts(ID)).toHaveLength(1);
    await passAt('2025-04-22T07:30:00.000Z');
    expect(await monitorFacts(ID)).toEqual([
      'SlaWarningRaised acknowledge',
      'SlaBreached acknowledge',
      'ComplaintEscalated sla-breach:acknowledge 1',
    ]);
  });

  it('stops while waiting on the customer and resumes with the due instants pushed out by the wait', async () => {
    await append(store, ID, [...p1('2026-01-05T08:00:00.000Z'), on.awaiting('2026-01-05T08:10:00.000Z')]);
    expect(await passAt('2026-01-05T12:00:00.000Z')).toMatchObject({ due: 0 });
    await append(store, ID, [on.resumed('2026-01-05T12:10:00.000Z')]);
    expect(await passAt('2026-01-05T12:47:59.000Z')).toMatchObject({ due: 0 });
    await passAt('2026-01-05T13:00:00.000Z');
    expect(await monitorFacts(ID)).toEqual([
      'SlaWarningRaised acknowledge',
      'SlaBreached acknowledge',
      'ComplaintEscalated sla-breach:acknowledge 1',
    ]);
  });
});

describe('nothing once the clock no longer runs, even before the agenda has seen it', () => {
  it.each([
    ['resolved', () => on.resolved('2026-01-05T08:30:00.000Z')],
    ['paused', () => on.awaiting('2026-01-05T08:30:00.000Z')],
    ['closed', () => on.closed('2026-01-05T08:30:00.000Z', 'withdrawn')],
  ])('%s before the deadline: the due agenda rows record nothing', async (_, ended) => {
    await append(store, ID, p1('2026-01-05T08:00:00.000Z'));
    await projectAll(store, projection);
    await append(store, ID, [ended()]);
    expect(await passAt('2026-01-05T10:00:00.000Z', { project: false })).toMatchObject({ due: 2, nothing: 2 });
    expect(await monitorFacts(ID)).toEqual([]);
    expect(await passAt('2026-01-05T10:00:01.000Z')).toMatchObject({ due: 0 });
  });
});

describe('escalation on the critical points', () => {
  const SIGNALS = [
    ['regulator referral', 'regulator 3', fixtures.received({ channel: 'regulator_referral' })],
    ['negative publicity', 'public-exposure 2', fixtures.received({ intensity: 'negative_publicity' })],
    ['radical behaviour', 'public-exposure 2', fixtures.received({ intensity: 'radical' })],
  ] as const;

  it.each(SIGNALS)('a %s escalates once, stating its reason', async (_, expected, receivedEvent) => {
    await append(store, ID, [
      own(ID, { ...receivedEvent, data: { ...receivedEvent.data, receivedAt: '2026-01-05T08:00:00.000Z' } }),
    ]);
    await passAt('2026-01-05T08:00:01.000Z');
    await passAt('2026-01-05T08:00:02.000Z');
    expect(await monitorFacts(ID)).toEqual([`ComplaintEscalated ${expected}`]);
  });

  it('a safety hazard, a third call within 7 days and a disputed resolution each escalate', async () => {
    const [safety, caller, dispute] = ['000000000011', '000000000012', '000000000013'].map(
      (suffix) => `8d4a0f61-3c5e-4f10-8b92-${suffix}`,
    ) as [string, string, string];
    const at = (minute: number) => `2026-01-05T08:${String(minute).padStart(2, '0')}:00.000Z`;
    await append(store, safety, [
      eventsOf(safety).received(at(0)),
      own(safety, fixtures.categorized({ subcategory: 'safety_hazard', priority: 'P1' })),
    ]);
    const inbound = (minute: number) => own(caller, fixtures.contacted('inbound', at(minute)));
    await append(store, caller, [eventsOf(caller).received(at(0)), inbound(1), inbound(2), inbound(3)]);
    const d = eventsOf(dispute);
    await append(store, dispute, [d.received(at(0)), d.resolved(at(1)), d.disputed(at(2))]);
    await passAt(at(5));
    expect(await monitorFacts(safety)).toEqual(['ComplaintEscalated safety 3']);
    expect(await monitorFacts(caller)).toEqual(['ComplaintEscalated repeat-contact 1']);
    expect(await monitorFacts(dispute)).toEqual(['ComplaintEscalated dispute 2']);
  });
});

describe('never twice', () => {
  it('a second pass, a replay, a rebuild or a restarted monitor write nothing more', async () => {
    await append(store, ID, p1('2026-01-05T08:00:00.000Z'));
    await passAt('2026-01-05T09:00:00.000Z');
    const recorded = await monitorFacts(ID);
    expect(recorded).toHaveLength(3);
    // The agenda has not seen the facts yet: its rows are still due; the write path finds them stored.
    expect(await passAt('2026-01-05T09:00:01.000Z', { project: false })).toMatchObject({ due: 2, failed: 0 });
    expect(await monitorFacts(ID)).toEqual(recorded);
    await store.pool.query(
      'TRUNCATE sla_monitor_complaint, sla_monitor_agenda, complaint_risk, projection_checkpoints',
    );
    expect(await passAt('2026-01-05T09:00:02.000Z')).toMatchObject({ due: 0 });
    const restarted = await startSlaMonitor({ databaseUrl: database.url, clock: { now: () => now }, policy });
    try {
      expect(await restarted.monitor.runPass()).toMatchObject({ due: 0 });
    } finally {
      await restarted.close();
    }
    expect(await monitorFacts(ID)).toEqual(recorded);
  });
});
