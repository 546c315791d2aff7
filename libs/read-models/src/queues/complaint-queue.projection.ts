import { COMPLAINT_EVENT_TYPES, type ComplaintEvent, type SlaPolicy, STREAM_CATEGORY } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ApplyContext, Projection } from '../engine/projection.js';
import { configuredSlaPolicies } from '../sla/sla-policy-config.js';
import { foldQueue } from './fold-queue.js';
import { placementOf } from './queue-placement.js';
import { QUEUE_COLUMNS, type QueueRow, type QueueState, stateFromStored, type StoredQueueRow } from './queue-row.js';

export const COMPLAINT_QUEUE = 'complaint_queue';

/**
 * The agent and team queues: one row per complaint with its team, owner, priority and nearest SLA
 * due instant; the queue queries read the open ones through partial indexes. It follows every
 * complaint event, not only the ones that move a complaint, so that `last_revision` is the stream's
 * revision — the claim endpoint appends the assignment expecting exactly that revision.
 *
 * Per batch: load the touched rows (one SELECT), fold in memory, one multi-row upsert guarded by the
 * revision, so replaying a batch (after a crash or a lost compare-and-set) changes nothing. Due
 * instants are measured on the same SLA policies as the SLA views, so both agree.
 */
export function createComplaintQueueProjection(policies: () => readonly SlaPolicy[]): Projection {
  return {
    name: COMPLAINT_QUEUE,
    version: 1,
    eventTypes: COMPLAINT_EVENT_TYPES,
    streamPrefixes: [`${STREAM_CATEGORY}-`],
    tables: [COMPLAINT_QUEUE],
    apply: (batch, context) => applyQueueBatch(batch, context, policies()),
  };
}

/** The projection the projector runs, on the configured SLA policies. */
export const complaintQueueProjection: Projection = createComplaintQueueProjection(configuredSlaPolicies);

async function applyQueueBatch(
  batch: readonly RecordedEvent[],
  { tx, tables }: ApplyContext,
  policies: readonly SlaPolicy[],
): Promise<void> {
  const table = tables[COMPLAINT_QUEUE]!;
  const ids = [...new Set(batch.map(complaintIdOf))];
  const { rows } = await tx.query<StoredQueueRow>(
    `SELECT complaint_id, status, status_before_waiting, team, owner_id, escalation_tier, sla_history,
            received_at, updated_at, last_revision
       FROM ${table} WHERE complaint_id = ANY ($1::uuid[])`,
    [ids],
  );
  const current = new Map(rows.map((stored) => [String(stored.complaint_id), stateFromStored(stored)]));
  const changed = new Map<string, QueueState>();
  for (const event of batch) {
    const id = complaintIdOf(event);
    const before = current.get(id);
    if (before && event.revision <= before.lastRevision) continue; // already applied
    const domainEvent = { type: event.type, data: event.data } as ComplaintEvent;
    const after = foldQueue(before, domainEvent, event.revision, event.recordedAt.toISOString());
    if (!after) continue;
    current.set(id, after);
    changed.set(id, after);
  }
  // Placement (the SLA clock math) once per changed complaint, not once per event.
  const placed = [...changed.values()].map((state): QueueRow => ({ ...state, ...placementOf(state, policies) }));
  if (placed.length > 0) await upsert(tx, table, placed);
}

async function upsert(tx: ApplyContext['tx'], table: string, rows: QueueRow[]): Promise<void> {
  // Sorted by key: two writers of overlapping batches lock rows in the same order (no deadlock).
  rows.sort((a, b) => (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0));
  const columns = QUEUE_COLUMNS.map(([column]) => column);
  const arrays = QUEUE_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`);
  const updates = columns.filter((column) => column !== 'complaint_id').map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} AS q (${columns.join(', ')})
     SELECT * FROM unnest(${arrays.join(', ')})
     ON CONFLICT (complaint_id) DO UPDATE SET ${updates.join(', ')}
     WHERE q.last_revision < EXCLUDED.last_revision`,
    QUEUE_COLUMNS.map(([, , read]) => rows.map(read)),
  );
}

function complaintIdOf(event: RecordedEvent): string {
  const data = event.data as { complaintId?: unknown } | null;
  if (typeof data?.complaintId === 'string') return data.complaintId.toLowerCase();
  return event.streamName.slice(STREAM_CATEGORY.length + 1).toLowerCase();
}
