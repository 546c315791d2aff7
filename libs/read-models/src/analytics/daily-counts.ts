import type { ApplyContext } from '../engine/projection.js';
import { DIMENSIONS, keyOf, NO_KEY } from './dimensions.js';
import type { ComplaintFacts } from './fact-rows.js';

/** A complaint's fact row before and after a batch (before is undefined for a new complaint). */
export interface FactChange {
  before: ComplaintFacts | undefined;
  after: ComplaintFacts;
}

export interface CountDelta {
  /** UTC day of receipt, YYYY-MM-DD. */
  day: string;
  dimension: string;
  key: string;
  delta: number;
}

/**
 * How complaint_daily_counts must move so that it keeps equalling a GROUP BY over complaint_facts:
 * each changed complaint leaves its old (day, dimension, key) cells and enters its new ones. A
 * recategorized complaint thus moves from one category to the other instead of counting in both.
 * Sorted by key, so concurrent writers lock rows in the same order.
 */
export function dailyCountDeltas(changes: readonly FactChange[]): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const add = (facts: ComplaintFacts, delta: number): void => {
    const day = facts.receivedAt.slice(0, 10);
    for (const dimension of DIMENSIONS) {
      const key = keyOf(facts, dimension) ?? NO_KEY;
      const id = `${dimension}\u0000${day}\u0000${key}`;
      const cell = deltas.get(id) ?? { day, dimension, key, delta: 0 };
      cell.delta += delta;
      deltas.set(id, cell);
    }
  };
  for (const { before, after } of changes) {
    if (before) add(before, -1);
    add(after, +1);
  }
  return [...deltas.entries()]
    .filter(([, cell]) => cell.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, cell]) => cell);
}

/** Adds the deltas (one multi-row upsert) and drops the cells that fell to zero. */
export async function applyDailyCountDeltas(
  tx: ApplyContext['tx'],
  table: string,
  deltas: readonly CountDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  const columns = [deltas.map((d) => d.day), deltas.map((d) => d.dimension), deltas.map((d) => d.key)];
  await tx.query(
    `INSERT INTO ${table} AS c (day, dimension, key, complaints)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::integer[])
     ON CONFLICT (dimension, day, key) DO UPDATE SET complaints = c.complaints + EXCLUDED.complaints`,
    [...columns, deltas.map((d) => d.delta)],
  );
  if (deltas.some((d) => d.delta < 0)) {
    await tx.query(
      `DELETE FROM ${table} c USING unnest($1::date[], $2::text[], $3::text[]) AS u(day, dimension, key)
        WHERE c.dimension = u.dimension AND c.day = u.day AND c.key = u.key AND c.complaints = 0`,
      columns,
    );
  }
}
