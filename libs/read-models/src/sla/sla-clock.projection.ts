import {
  type ComplaintEvent,
  type ComplaintEventType,
  type SlaHistory,
  type SlaPolicy,
  STREAM_CATEGORY,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ApplyContext, Projection } from '../engine/projection.js';
import { clockRowsOf, foldSlaComplaint } from './clock-rows.js';
import { configuredSlaPolicies } from './sla-policy-config.js';
import { CLOCK_COLUMNS, type SlaClockRow, type SlaComplaintState, type StoredRow } from './sla-row.js';

export const SLA_CLOCK = 'sla_clock';
export const SLA_COMPLAINT = 'sla_complaint';

/** The events that move a clock (see libs/domain/src/sla/history.ts), plus the team for filters. */
export const SLA_EVENT_TYPES: readonly ComplaintEventType[] = [
  'ComplaintReceived',
  'ComplaintAcknowledged',
  'ComplaintCategorized',
  'ComplaintAssigned',
  'CustomerContacted',
  'ComplaintRejected',
  'ComplaintValidated',
  'ComplaintResolved',
  'ComplaintAwaitingCustomer',
  'ComplaintResumed',
  'ComplaintReopened',
  'ComplaintClosed',
];

const SLA_EVENT_TYPE_SET: ReadonlySet<string> = new Set(SLA_EVENT_TYPES);

/**
 * SLA clocks: one `sla_clock` row per complaint × target (× handling for resolve), and one
 * `sla_complaint` row per complaint holding the folded SLA history the clocks are recomputed from.
 * Per batch: load the touched complaints (one SELECT), fold in memory skipping revisions already
 * applied, recompute the changed complaints' clocks, write both tables in one multi-row upsert each,
 * guarded by the revision so that replaying a batch changes nothing.
 */
export function createSlaClockProjection(policies: () => readonly SlaPolicy[]): Projection {
  return {
    name: SLA_CLOCK,
    version: 1,
    eventTypes: SLA_EVENT_TYPES,
    streamPrefixes: [`${STREAM_CATEGORY}-`],
    tables: [SLA_COMPLAINT, SLA_CLOCK],
    apply: (batch, context) => applySlaBatch(batch, context, policies()),
  };
}

/** The projection the projector runs, on the configured policies (the ones the queries use). */
export const slaClockProjection: Projection = createSlaClockProjection(configuredSlaPolicies);

async function applySlaBatch(
  batch: readonly RecordedEvent[],
  { tx, tables }: ApplyContext,
  policies: readonly SlaPolicy[],
): Promise<void> {
  const complaints = tables[SLA_COMPLAINT]!;
  const ids = [...new Set(batch.map(complaintIdOf))];
  const { rows } = await tx.query<StoredRow>(`SELECT * FROM ${complaints} WHERE complaint_id = ANY ($1::uuid[])`, [
    ids,
  ]);
  const current = new Map(rows.map((stored) => [String(stored.complaint_id), complaintFromStored(stored)]));
  const changed = new Map<string, SlaComplaintState>();
  for (const event of batch) {
    // The feed is filtered to these types; an unfiltered batch must not move revisions either.
    if (!SLA_EVENT_TYPE_SET.has(event.type)) continue;
    const id = complaintIdOf(event);
    const before = current.get(id);
    if (before && event.revision <= before.lastRevision) continue; // already applied
    const after = foldSlaComplaint(
      before,
      { type: event.type, data: event.data } as ComplaintEvent,
      id,
      event.revision,
    );
    if (!after) continue;
    current.set(id, after);
    changed.set(id, after);
  }
  if (changed.size === 0) return;
  // Sorted by key: two writers of overlapping batches lock rows in the same order (no deadlock).
  const states = [...changed.values()].sort((a, b) => compare(a.complaintId, b.complaintId));
  await upsertComplaints(tx, complaints, states);
  await upsertClocks(
    tx,
    tables[SLA_CLOCK]!,
    states.flatMap((state) => clockRowsOf(state, policies)),
  );
}

async function upsertComplaints(tx: ApplyContext['tx'], table: string, states: SlaComplaintState[]): Promise<void> {
  // One JSON document for the batch: cheaper than a jsonb[] array literal, whose every quote is escaped.
  const document = states.map((state) => ({
    complaint_id: state.complaintId,
    history: state.history,
    team: state.team,
    last_revision: state.lastRevision,
  }));
  await tx.query(
    `INSERT INTO ${table} AS c (complaint_id, history, team, last_revision)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(complaint_id uuid, history jsonb, team text, last_revision bigint)
     ON CONFLICT (complaint_id) DO UPDATE
       SET history = EXCLUDED.history, team = EXCLUDED.team, last_revision = EXCLUDED.last_revision
     WHERE c.last_revision < EXCLUDED.last_revision`,
    [JSON.stringify(document)],
  );
}

async function upsertClocks(tx: ApplyContext['tx'], table: string, rows: SlaClockRow[]): Promise<void> {
  const columns = CLOCK_COLUMNS.map(([column]) => column);
  const arrays = CLOCK_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`);
  const key = ['complaint_id', 'target', 'handling'];
  const updates = columns.filter((column) => !key.includes(column)).map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} AS s (${columns.join(', ')})
     SELECT * FROM unnest(${arrays.join(', ')})
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
     WHERE s.last_revision < EXCLUDED.last_revision`,
    CLOCK_COLUMNS.map(([, , read]) => rows.map(read)),
  );
}

function complaintFromStored(stored: StoredRow): SlaComplaintState {
  return {
    complaintId: String(stored.complaint_id),
    history: stored.history as SlaHistory,
    team: stored.team == null ? null : String(stored.team),
    lastRevision: Number(stored.last_revision),
  };
}

function complaintIdOf(event: RecordedEvent): string {
  const data = event.data as { complaintId?: unknown } | null;
  if (typeof data?.complaintId === 'string') return data.complaintId.toLowerCase();
  return event.streamName.slice(STREAM_CATEGORY.length + 1).toLowerCase();
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
