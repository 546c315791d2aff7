/**
 * Two SLA monitors (two projector replicas, leases aside) racing over the same 1,000 due complaints:
 * every warning, breach and escalation is in the streams exactly once.
 */
import { randomUUID } from 'node:crypto';
import { defaultPolicy, streamNameFor } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { createSlaMonitorProjection } from '../../libs/read-models/src/sla-monitor/index.js';
import type { TestDatabase } from '../support/database.js';
import { type MonitorContext, startSlaMonitor } from '../support/sla-monitor.js';
import { eventsOf, projectAll } from '../read-models/sla-fixtures.js';
import { toNewEvents } from '../read-models/support/histories.js';
import { readModelDatabase } from '../read-models/support/read-model-database.js';

const COMPLAINTS = 1000;
const RECEIVED = '2026-01-05T08:00:00.000Z';
/** An hour after receipt: each P1 complaint's acknowledge warning and breach are due. */
const NOW = new Date('2026-01-05T09:00:00.000Z');

let database: TestDatabase;
let store: PostgresEventStore;
const monitors: MonitorContext[] = [];

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
  const ids = Array.from({ length: COMPLAINTS }, () => randomUUID());
  for (let index = 0; index < ids.length; index += 50) {
    await Promise.all(
      ids.slice(index, index + 50).map((id) => {
        const on = eventsOf(id);
        const events = toNewEvents([on.received(RECEIVED), on.categorized(RECEIVED, 'P1')]);
        return store.append(streamNameFor(id), events, 'no_stream');
      }),
    );
  }
  await projectAll(
    store,
    createSlaMonitorProjection(() => defaultPolicy),
    1000,
  );
  for (let index = 0; index < 2; index++) {
    const clock = { now: () => NOW };
    monitors.push(await startSlaMonitor({ databaseUrl: database.url, clock, policy: defaultPolicy, batchSize: 250 }));
  }
}, 120_000);
afterAll(async () => {
  for (const context of monitors) await context.close();
  await store.close();
  await database.drop();
});

it('writes each of the 3,000 facts exactly once when two monitors race over 1,000 due complaints', async () => {
  const reports = await Promise.all(monitors.map((context) => context.monitor.runPass()));
  for (const report of reports) {
    expect(report).toMatchObject({ due: 2 * COMPLAINTS, failed: 0, refused: 0 });
  }
  const { rows } = await store.pool.query<{ type: string; facts: number; complaints: number; most: number }>(`
    SELECT event_type AS type, count(*)::int AS facts, count(DISTINCT stream_name)::int AS complaints,
           max(per_stream)::int AS most
      FROM (SELECT event_type, stream_name, count(*) OVER (PARTITION BY stream_name, event_type) AS per_stream
              FROM events WHERE metadata->'actor'->>'id' = 'system:sla-monitor') AS facts
     GROUP BY event_type ORDER BY event_type`);
  expect(rows).toEqual([
    { type: 'ComplaintEscalated', facts: COMPLAINTS, complaints: COMPLAINTS, most: 1 },
    { type: 'SlaBreached', facts: COMPLAINTS, complaints: COMPLAINTS, most: 1 },
    { type: 'SlaWarningRaised', facts: COMPLAINTS, complaints: COMPLAINTS, most: 1 },
  ]);
}, 120_000);
