import { type AnalyticsScope, bucketText, factsSql, isoDay, isWholeDays, type Queryable } from './analytics-scope.js';
import { COMPLAINT_DAILY_COUNTS, COMPLAINT_FACTS } from './complaint-analytics.projection.js';
import { NO_KEY } from './dimensions.js';

/** Complaints received in one bucket with one key (null: no bucket / no breakdown / no key yet). */
export interface ComplaintCount {
  bucket: string | null;
  key: string | null;
  complaints: number;
}

export interface CauseRow extends ComplaintCount {
  /** Of the bucket's complaints (of all complaints in the period without buckets). */
  share: number;
}

interface CountRow {
  bucket: string | null;
  key: string | null;
  complaints: string;
}

/**
 * Complaints per bucket × key. Unfiltered whole-day periods are summed from the daily counts (a
 * quarter by category is a few hundred rows); anything else counts the fact rows of the period.
 * Both give the same answer (a test holds them to it).
 */
export async function countComplaints(db: Queryable, scope: AnalyticsScope): Promise<ComplaintCount[]> {
  const filtered = Object.values(scope.filter ?? {}).some((value) => value !== undefined);
  const rows = !filtered && isWholeDays(scope) ? await fromDailyCounts(db, scope) : await fromFacts(db, scope);
  return rows.map((row) => ({ bucket: row.bucket, key: row.key, complaints: Number(row.complaints) }));
}

export async function fromDailyCounts(db: Queryable, scope: AnalyticsScope): Promise<CountRow[]> {
  const { text, values } = dailyCountsSql(scope);
  return (await db.query<CountRow>(text, values)).rows;
}

/** The daily-counts query of a scope (whole UTC days, no filter), for running or EXPLAINing it. */
export function dailyCountsSql(scope: AnalyticsScope): { text: string; values: unknown[] } {
  // Without a breakdown any dimension sums to all complaints; channel is never empty.
  const dimension = scope.by ?? 'channel';
  const bucket = scope.bucket ? bucketText(scope.bucket, 'day::timestamp') : 'NULL::text';
  const key = scope.by ? `nullif(key, '${NO_KEY}')` : 'NULL::text';
  return {
    text: `SELECT ${bucket} AS bucket, ${key} AS key, sum(complaints) AS complaints
             FROM ${COMPLAINT_DAILY_COUNTS}
            WHERE dimension = $1 AND day >= $2::date AND day < $3::date
            GROUP BY 1, 2`,
    values: [dimension, isoDay(scope.from), isoDay(scope.to)],
  };
}

export async function fromFacts(db: Queryable, scope: AnalyticsScope): Promise<CountRow[]> {
  const sql = factsSql(scope);
  const { rows } = await db.query<CountRow>(
    `SELECT ${sql.bucket} AS bucket, ${sql.key} AS key, count(*) AS complaints
       FROM ${COMPLAINT_FACTS} f WHERE ${sql.where} GROUP BY 1, 2`,
    sql.params,
  );
  return rows;
}

/** Counts by bucket and key with each key's share of its bucket; buckets in order, biggest key first. */
export async function complaintCauses(db: Queryable, scope: AnalyticsScope): Promise<CauseRow[]> {
  const counts = await countComplaints(db, scope);
  const totals = new Map<string | null, number>();
  for (const row of counts) totals.set(row.bucket, (totals.get(row.bucket) ?? 0) + row.complaints);
  return counts
    .map((row) => ({ ...row, share: row.complaints / totals.get(row.bucket)! }))
    .sort(
      (a, b) => compareNullable(a.bucket, b.bucket) || b.complaints - a.complaints || compareNullable(a.key, b.key),
    );
}

/** Text order with null last. */
export function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
