import { type ComplaintEvent, STREAM_CATEGORY } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ApplyContext, Projection } from '../engine/projection.js';
import { applyDailyCountDeltas, dailyCountDeltas, type FactChange } from './daily-counts.js';
import {
  COMPENSATION_COLUMNS,
  compensationFromStored,
  type CompensationFact,
  type ComplaintFacts,
  FACT_COLUMNS,
  factsFromStored,
  type StoredRow,
} from './fact-rows.js';
import { ANALYTICS_EVENT_TYPES, type AnalyticsState, foldAnalytics } from './fold-facts.js';

export const COMPLAINT_ANALYTICS = 'complaint_analytics';
export const COMPLAINT_FACTS = 'complaint_facts';
export const COMPENSATION_FACTS = 'compensation_facts';
export const COMPLAINT_DAILY_COUNTS = 'complaint_daily_counts';

/**
 * Root-cause statistics: one fact row per complaint (re-bucketed in place when its category, team
 * or root cause changes), one row per compensation, and daily counts per dimension kept equal to a
 * GROUP BY over the facts. Per batch: lock and load the touched rows, fold in memory (skipping
 * revisions already applied), write each table with one multi-row statement.
 */
export const complaintAnalyticsProjection: Projection = {
  name: COMPLAINT_ANALYTICS,
  version: 1,
  eventTypes: ANALYTICS_EVENT_TYPES,
  streamPrefixes: [`${STREAM_CATEGORY}-`],
  tables: [COMPLAINT_FACTS, COMPENSATION_FACTS, COMPLAINT_DAILY_COUNTS],
  apply: applyAnalyticsBatch,
};

async function applyAnalyticsBatch(batch: readonly RecordedEvent[], { tx, tables }: ApplyContext): Promise<void> {
  const ids = [...new Set(batch.map(complaintIdOf))].sort();
  const stored = await loadStates(tx, tables, ids);
  const current = new Map(stored);
  for (const event of batch) {
    const id = complaintIdOf(event);
    const before = current.get(id);
    if (before && event.revision <= before.facts.lastRevision) continue; // already applied
    const after = foldAnalytics(before, { type: event.type, data: event.data } as ComplaintEvent, event.revision);
    if (after) current.set(id, after);
  }
  const changed = [...current.values()].filter((state) => state !== stored.get(state.facts.complaintId));
  if (changed.length === 0) return;
  const written = await upsertFacts(
    tx,
    tables[COMPLAINT_FACTS]!,
    changed.map((state) => state.facts),
  );
  // Only rows this transaction really moved count: a concurrent replay of the same batch moves none.
  const changes: FactChange[] = changed
    .filter((state) => written.has(state.facts.complaintId))
    .map((state) => ({ before: stored.get(state.facts.complaintId)?.facts, after: state.facts }));
  await applyDailyCountDeltas(tx, tables[COMPLAINT_DAILY_COUNTS]!, dailyCountDeltas(changes));
  const compensations = changed.flatMap((state) => {
    const since = stored.get(state.facts.complaintId)?.facts.lastRevision ?? -1;
    return Object.values(state.compensations).filter((compensation) => compensation.lastRevision > since);
  });
  await upsertCompensations(tx, tables[COMPENSATION_FACTS]!, compensations);
}

/** The touched complaints' rows, fact rows locked (in key order) so a concurrent writer waits. */
async function loadStates(
  tx: ApplyContext['tx'],
  tables: ApplyContext['tables'],
  ids: string[],
): Promise<Map<string, AnalyticsState>> {
  const facts = await tx.query<StoredRow>(
    `SELECT * FROM ${tables[COMPLAINT_FACTS]} WHERE complaint_id = ANY ($1::uuid[]) ORDER BY complaint_id FOR UPDATE`,
    [ids],
  );
  const compensations = await tx.query<StoredRow>(
    `SELECT * FROM ${tables[COMPENSATION_FACTS]} WHERE complaint_id = ANY ($1::uuid[])`,
    [ids],
  );
  const states = new Map<string, AnalyticsState>();
  for (const row of facts.rows) {
    const complaintFacts = factsFromStored(row);
    states.set(complaintFacts.complaintId, { facts: complaintFacts, compensations: {} });
  }
  for (const row of compensations.rows) {
    const compensation = compensationFromStored(row);
    const state = states.get(compensation.complaintId);
    if (state) state.compensations = { ...state.compensations, [compensation.compensationId]: compensation };
  }
  return states;
}

/** One multi-row upsert guarded by the revision; answers the ids it actually wrote. */
async function upsertFacts(tx: ApplyContext['tx'], table: string, rows: ComplaintFacts[]): Promise<Set<string>> {
  rows.sort((a, b) => compare(a.complaintId, b.complaintId));
  const { rows: written } = await tx.query<{ complaint_id: string }>(
    `${upsertSql(table, FACT_COLUMNS, ['complaint_id'])} RETURNING complaint_id`,
    FACT_COLUMNS.map(([, , read]) => rows.map(read)),
  );
  return new Set(written.map((row) => String(row.complaint_id)));
}

async function upsertCompensations(tx: ApplyContext['tx'], table: string, rows: CompensationFact[]): Promise<void> {
  if (rows.length === 0) return;
  rows.sort((a, b) => compare(a.complaintId, b.complaintId) || compare(a.compensationId, b.compensationId));
  await tx.query(
    upsertSql(table, COMPENSATION_COLUMNS, ['complaint_id', 'compensation_id']),
    COMPENSATION_COLUMNS.map(([, , read]) => rows.map(read)),
  );
}

function upsertSql(table: string, columns: readonly (readonly [string, string, unknown])[], key: string[]): string {
  const names = columns.map(([column]) => column);
  const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`);
  const updates = names.filter((column) => !key.includes(column)).map((c) => `${c} = EXCLUDED.${c}`);
  return `INSERT INTO ${table} AS t (${names.join(', ')})
     SELECT * FROM unnest(${arrays.join(', ')})
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
     WHERE t.last_revision < EXCLUDED.last_revision`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function complaintIdOf(event: RecordedEvent): string {
  const data = event.data as { complaintId?: unknown } | null;
  if (typeof data?.complaintId === 'string') return data.complaintId.toLowerCase();
  return event.streamName.slice(STREAM_CATEGORY.length + 1).toLowerCase();
}
