import { COMPLAINT_EVENT_TYPES, type ComplaintEvent, STREAM_CATEGORY } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ApplyContext, Projection } from '../engine/projection.js';
import { foldSummary } from './fold-summary.js';
import { fromStored, SUMMARY_COLUMNS, type StoredSummaryRow, type SummaryRow } from './summary-row.js';

export const COMPLAINT_SUMMARY = 'complaint_summary';

/**
 * One row per complaint for the searchable list. Per batch: load the touched rows (one SELECT), fold
 * the batch in memory, write every changed row in one multi-row upsert guarded by the revision, so
 * replaying a batch (after a crash or a lost compare-and-set) changes nothing.
 */
export const complaintSummaryProjection: Projection = {
  name: COMPLAINT_SUMMARY,
  version: 1,
  eventTypes: COMPLAINT_EVENT_TYPES,
  streamPrefixes: [`${STREAM_CATEGORY}-`],
  tables: [COMPLAINT_SUMMARY],
  apply: applySummaryBatch,
};

async function applySummaryBatch(batch: readonly RecordedEvent[], { tx, tables }: ApplyContext): Promise<void> {
  const table = tables[COMPLAINT_SUMMARY]!;
  const ids = [...new Set(batch.map(complaintIdOf))];
  const { rows } = await tx.query<StoredSummaryRow>(`SELECT * FROM ${table} WHERE complaint_id = ANY ($1::uuid[])`, [
    ids,
  ]);
  const current = new Map(rows.map((stored) => [String(stored.complaint_id), fromStored(stored)]));
  const changed = new Map<string, SummaryRow>();
  for (const event of batch) {
    const id = complaintIdOf(event);
    const before = current.get(id);
    if (before && event.revision <= before.lastRevision) continue; // already applied
    const after = foldSummary(
      before,
      { type: event.type, data: event.data } as ComplaintEvent,
      event.revision,
      iso(event),
    );
    if (!after) continue;
    current.set(id, after);
    changed.set(id, after);
  }
  if (changed.size > 0) await upsert(tx, table, [...changed.values()]);
}

async function upsert(tx: ApplyContext['tx'], table: string, rows: SummaryRow[]): Promise<void> {
  // Sorted by key: two writers of overlapping batches lock rows in the same order (no deadlock).
  rows.sort((a, b) => (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0));
  const columns = SUMMARY_COLUMNS.map(([column]) => column);
  const arrays = SUMMARY_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`);
  const updates = columns.filter((column) => column !== 'complaint_id').map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} AS s (${columns.join(', ')})
     SELECT * FROM unnest(${arrays.join(', ')})
     ON CONFLICT (complaint_id) DO UPDATE SET ${updates.join(', ')}
     WHERE s.last_revision < EXCLUDED.last_revision`,
    SUMMARY_COLUMNS.map(([, , read]) => rows.map(read)),
  );
}

function complaintIdOf(event: RecordedEvent): string {
  const data = event.data as { complaintId?: unknown } | null;
  if (typeof data?.complaintId === 'string') return data.complaintId.toLowerCase();
  return event.streamName.slice(STREAM_CATEGORY.length + 1).toLowerCase();
}

const iso = (event: RecordedEvent): string => event.recordedAt.toISOString();
