/** Timed events of one complaint, and helpers to project them into the SLA tables, for the SLA tests. */
import type { ComplaintEvent, Priority } from '../../libs/domain/src/index.js';
import * as on from '../../libs/domain/src/testing/fixtures.js';
import { streamNameFor } from '../../libs/domain/src/index.js';
import type { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { ProjectionRunner, type Projection } from '../../libs/read-models/src/index.js';
import { toNewEvents } from './support/histories.js';
import { eventually } from './support/read-model-database.js';

type Category = 'product_quality' | 'service' | 'delivery' | 'technical_support';
const SUBCATEGORY: Record<Category, string> = {
  product_quality: 'manufacturing_defect',
  service: 'slow_response',
  delivery: 'logistics_delay',
  technical_support: 'outage',
};

function timed<E extends ComplaintEvent>(event: E, complaintId: string, field: string, time: string): E {
  return { ...event, data: { ...event.data, complaintId, [field]: time } } as E;
}

/** Builders of one complaint's events at chosen instants. */
export function eventsOf(complaintId: string) {
  const at =
    <E extends ComplaintEvent>(event: E, field: string) =>
    (time: string) =>
      timed(event, complaintId, field, time);
  return {
    received: at(on.received(), 'receivedAt'),
    acknowledged: at(on.acknowledged(), 'acknowledgedAt'),
    categorized: (time: string, priority: Priority, category: Category = 'product_quality') =>
      timed(
        on.categorized({ priority, category, subcategory: SUBCATEGORY[category] as never }),
        complaintId,
        'categorizedAt',
        time,
      ),
    assigned: (time: string, team: string) => timed(on.assigned(team), complaintId, 'assignedAt', time),
    contacted: (time: string) => timed(on.contacted('outbound'), complaintId, 'contactedAt', time),
    awaiting: at(on.awaiting(), 'pausedAt'),
    resumed: at(on.resumed(), 'resumedAt'),
    resolved: at(on.resolved(), 'resolvedAt'),
    disputed: at(on.disputed(), 'respondedAt'),
    reopened: (time: string, handling = 2) => timed(on.reopened('disputed', handling), complaintId, 'reopenedAt', time),
    closed: (time: string, code: Parameters<typeof on.closed>[0] = 'resolved') =>
      timed(on.closed(code), complaintId, 'closedAt', time),
  };
}

export async function append(store: PostgresEventStore, complaintId: string, events: ComplaintEvent[]): Promise<void> {
  await store.append(streamNameFor(complaintId), toNewEvents(events), 'any');
}

export function runnerFor(store: PostgresEventStore, projection: Projection, batchSize = 500): ProjectionRunner {
  return new ProjectionRunner({ store, pool: store.pool, projection, batchSize });
}

/**
 * Applies every stored event. The feed shows only events below the server's oldest running
 * transaction, which may belong to another test's database on the same server, so first wait until
 * every stored event is below it.
 */
export async function projectAll(store: PostgresEventStore, projection: Projection, batchSize = 500): Promise<number> {
  await eventually(async () => {
    const { rows } = await store.pool.query<{ settled: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS settled`,
    );
    return rows[0]!.settled;
  }, 'every stored event to be visible in the feed');
  return runnerFor(store, projection, batchSize).catchUp();
}

/** The clock rows of one complaint, keyed `target/handling`, instants as ISO strings. */
export async function clockRows(store: PostgresEventStore, complaintId: string) {
  const { rows } = await store.pool.query(`SELECT * FROM sla_clock WHERE complaint_id = $1 ORDER BY target, handling`, [
    complaintId,
  ]);
  return Object.fromEntries(
    rows.map((row: Record<string, unknown>) => [
      `${String(row.target)}/${String(row.handling)}`,
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
      ),
    ]),
  );
}
