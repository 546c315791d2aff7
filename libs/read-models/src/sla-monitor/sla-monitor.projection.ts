import {
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintState,
  evolve,
  initialState,
  type MonitorPolicy,
  STREAM_CATEGORY,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ApplyContext, Projection } from '../engine/projection.js';
import { type AgendaRow, agendaRowsOf, type RiskRow, riskRowOf } from './monitor-rows.js';
import { configuredMonitorPolicy } from './monitor-policy.js';

export const SLA_MONITOR = 'sla_monitor';
export const SLA_MONITOR_COMPLAINT = 'sla_monitor_complaint';
export const SLA_MONITOR_AGENDA = 'sla_monitor_agenda';
export const COMPLAINT_RISK = 'complaint_risk';

/** What moves a clock, a signal, an escalation or a recorded SLA fact; compensations and root causes do not. */
export const SLA_MONITOR_EVENT_TYPES: readonly ComplaintEventType[] = [
  'ComplaintReceived',
  'ComplaintAcknowledged',
  'ComplaintCategorized',
  'ComplaintAssigned',
  'ComplaintValidated',
  'ComplaintRejected',
  'CustomerContacted',
  'ComplaintAwaitingCustomer',
  'ComplaintResumed',
  'ComplaintEscalated',
  'ComplaintResolved',
  'CustomerDisputedResolution',
  'ComplaintReopened',
  'ComplaintClosed',
  'SlaWarningRaised',
  'SlaBreached',
];
const TYPES: ReadonlySet<string> = new Set(SLA_MONITOR_EVENT_TYPES);

interface Folded {
  state: ComplaintState;
  lastRevision: number;
}

/**
 * The SLA monitor's agenda and the escalation-risk rows (migration 1732400000600). Per batch: load
 * the touched complaints' folded state (one SELECT), fold the new events with the domain's `evolve`,
 * upsert the states guarded by revision, and rewrite the agenda and risk rows of the complaints whose
 * state really moved (RETURNING), so a replayed batch changes nothing.
 */
export function createSlaMonitorProjection(policy: () => MonitorPolicy): Projection {
  return {
    name: SLA_MONITOR,
    version: 1,
    eventTypes: SLA_MONITOR_EVENT_TYPES,
    streamPrefixes: [`${STREAM_CATEGORY}-`],
    tables: [SLA_MONITOR_COMPLAINT, SLA_MONITOR_AGENDA, COMPLAINT_RISK],
    apply: (batch, context) => applyBatch(batch, context, policy()),
  };
}

export const slaMonitorProjection: Projection = createSlaMonitorProjection(configuredMonitorPolicy);

async function applyBatch(batch: readonly RecordedEvent[], { tx, tables }: ApplyContext, policy: MonitorPolicy) {
  const ids = [...new Set(batch.filter((event) => TYPES.has(event.type)).map(complaintIdOf))];
  if (ids.length === 0) return;
  const { rows } = await tx.query<{ complaint_id: string; state: ComplaintState; last_revision: string }>(
    `SELECT complaint_id, state, last_revision FROM ${tables[SLA_MONITOR_COMPLAINT]} WHERE complaint_id = ANY ($1::uuid[])`,
    [ids],
  );
  const current = new Map<string, Folded>(
    rows.map((row) => [row.complaint_id, { state: row.state, lastRevision: Number(row.last_revision) }]),
  );
  const changed = foldBatch(batch, current);
  if (changed.size === 0) return;
  // Sorted by key: two writers of overlapping batches lock rows in the same order (no deadlock).
  const folded = [...changed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const moved = await upsertStates(tx, tables[SLA_MONITOR_COMPLAINT]!, folded);
  const received = folded.filter(([id, { state }]) => moved.has(id) && state.exists);
  await replaceAgenda(
    tx,
    tables[SLA_MONITOR_AGENDA]!,
    [...moved],
    received.flatMap(([, f]) => agendaRowsOf(f.state, policy)),
  );
  await upsertRisk(
    tx,
    tables[COMPLAINT_RISK]!,
    received.map(([, f]) => riskRowOf(f.state, policy, f.lastRevision)),
  );
}

function foldBatch(batch: readonly RecordedEvent[], current: Map<string, Folded>): Map<string, Folded> {
  const changed = new Map<string, Folded>();
  for (const event of batch) {
    // The feed is filtered to these types; an unfiltered batch must not move revisions either.
    if (!TYPES.has(event.type)) continue;
    const id = complaintIdOf(event);
    const before = current.get(id) ?? { state: initialState, lastRevision: -1 };
    if (event.revision <= before.lastRevision) continue; // already applied
    const state = evolve(before.state, { type: event.type, data: event.data } as ComplaintEvent);
    const after = { state, lastRevision: event.revision };
    current.set(id, after);
    changed.set(id, after);
  }
  return changed;
}

/** The ids whose stored state moved (an older or equal revision already stored moves nothing). */
async function upsertStates(tx: ApplyContext['tx'], table: string, folded: [string, Folded][]): Promise<Set<string>> {
  const document = folded.map(([id, { state, lastRevision }]) => ({
    complaint_id: id,
    state,
    last_revision: lastRevision,
  }));
  const { rows } = await tx.query<{ complaint_id: string }>(
    `INSERT INTO ${table} AS c (complaint_id, state, last_revision)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(complaint_id uuid, state jsonb, last_revision bigint)
     ON CONFLICT (complaint_id) DO UPDATE SET state = EXCLUDED.state, last_revision = EXCLUDED.last_revision
     WHERE c.last_revision < EXCLUDED.last_revision
     RETURNING complaint_id`,
    [JSON.stringify(document)],
  );
  return new Set(rows.map((row) => row.complaint_id));
}

async function replaceAgenda(tx: ApplyContext['tx'], table: string, ids: string[], rows: AgendaRow[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`DELETE FROM ${table} WHERE complaint_id = ANY ($1::uuid[])`, [ids]);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${table} (complaint_id, kind, subject, handling, fire_at, due_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::timestamptz[], $6::timestamptz[])`,
    [
      rows.map((row) => row.complaintId),
      rows.map((row) => row.kind),
      rows.map((row) => row.subject),
      rows.map((row) => row.handling),
      rows.map((row) => row.fireAt),
      rows.map((row) => row.dueAt),
    ],
  );
}

const RISK_COLUMNS: readonly [string, string, (row: RiskRow) => unknown][] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['open', 'boolean', (row) => row.open],
  ['status', 'text', (row) => row.status],
  ['team', 'text', (row) => row.team],
  ['owner_id', 'text', (row) => row.ownerId],
  ['priority', 'text', (row) => row.priority],
  ['escalation_tier', 'smallint', (row) => row.escalationTier],
  ['public_intensity', 'boolean', (row) => row.publicIntensity],
  ['regulator_channel', 'boolean', (row) => row.regulatorChannel],
  ['safety_hazard', 'boolean', (row) => row.safetyHazard],
  ['disputed', 'boolean', (row) => row.disputed],
  ['inbound_contacts', 'text', (row) => `{${row.inboundContacts.join(',')}}`],
  ['update_owed', 'boolean', (row) => row.updateOwed],
  ['last_update_at', 'timestamptz', (row) => row.lastUpdateAt],
  ['sla_paused', 'boolean', (row) => row.slaPaused],
  ['warning_at', 'timestamptz', (row) => row.warningAt],
  ['breach_at', 'timestamptz', (row) => row.breachAt],
  ['received_at', 'timestamptz', (row) => row.receivedAt],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

async function upsertRisk(tx: ApplyContext['tx'], table: string, rows: RiskRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = RISK_COLUMNS.map(([column]) => column);
  const arrays = RISK_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`);
  // An array per row cannot be unnested column-wise: the contacts travel as array literals, cast back here.
  const selected = columns.map((column) => (column === 'inbound_contacts' ? `${column}::timestamptz[]` : column));
  const updates = columns.filter((column) => column !== 'complaint_id').map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} AS r (${columns.join(', ')})
     SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${columns.join(', ')})
     ON CONFLICT (complaint_id) DO UPDATE SET ${updates.join(', ')}
     WHERE r.last_revision < EXCLUDED.last_revision`,
    RISK_COLUMNS.map(([, , read]) => rows.map(read)),
  );
}

function complaintIdOf(event: RecordedEvent): string {
  const data = event.data as { complaintId?: unknown } | null;
  if (typeof data?.complaintId === 'string') return data.complaintId.toLowerCase();
  return event.streamName.slice(STREAM_CATEGORY.length + 1).toLowerCase();
}
