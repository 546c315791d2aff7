import type pg from 'pg';
import { DIMENSION_COLUMN, DIMENSIONS, type Dimension } from './dimensions.js';

/** Calendar buckets in UTC: a day, an ISO week (Monday to Sunday), a month. */
export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Only complaints with these keys (each dimension an exact match). */
export type AnalyticsFilter = Partial<Record<Dimension, string>>;

/** Which complaints a statistic covers and how it is broken down. */
export interface AnalyticsScope {
  /** Complaints received at or after (inclusive). */
  from: Date;
  /** … and before (exclusive). */
  to: Date;
  /** One row per key of this dimension; omitted: all complaints together (key null). */
  by?: Dimension;
  /** One row per bucket of receipt; omitted: the whole period (bucket null). */
  bucket?: Bucket;
  filter?: AnalyticsFilter;
}

export type Queryable = Pick<pg.Pool, 'query'>;

/** The SQL pieces that select a scope's fact rows and label them with their bucket and key. */
export interface FactsSql {
  where: string;
  params: unknown[];
  bucket: string;
  key: string;
}

/**
 * WHERE clause, parameters and bucket/key expressions over complaint_facts (as `alias`). Bucket and
 * dimension come from closed lists, so they are written into the SQL; values are parameters.
 */
export function factsSql(scope: AnalyticsScope, alias = 'f'): FactsSql {
  const params: unknown[] = [scope.from.toISOString(), scope.to.toISOString()];
  const where = [`${alias}.received_at >= $1::timestamptz`, `${alias}.received_at < $2::timestamptz`];
  for (const dimension of DIMENSIONS) {
    const value = scope.filter?.[dimension];
    if (value === undefined) continue;
    params.push(value);
    where.push(`${alias}.${DIMENSION_COLUMN[dimension]} = $${params.length}`);
  }
  return {
    where: where.join(' AND '),
    params,
    bucket: scope.bucket ? bucketText(scope.bucket, `(${alias}.received_at AT TIME ZONE 'UTC')`) : 'NULL::text',
    key: scope.by ? `${alias}.${DIMENSION_COLUMN[scope.by]}` : 'NULL::text',
  };
}

/**
 * The bucket's first day as YYYY-MM-DD, from a UTC timestamp without time zone. The bucket is
 * written into the SQL text, so only a known one is (whatever validation ran before).
 */
export function bucketText(bucket: Bucket, utcTimestamp: string): string {
  return `to_char(date_trunc('${checked(bucket)}', ${utcTimestamp}), 'YYYY-MM-DD')`;
}

function checked(bucket: Bucket): Bucket {
  if (!BUCKETS.includes(bucket)) throw new Error(`Unknown bucket ${String(bucket)}`);
  return bucket;
}

const DAY_MS = 86_400_000;

/** The start of the bucket that contains `date`. */
export function bucketStart(date: Date, bucket: Bucket): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (bucket === 'day') return day;
  if (bucket === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addBuckets(date: Date, bucket: Bucket, count: number): Date {
  if (bucket === 'day') return new Date(date.getTime() + count * DAY_MS);
  if (bucket === 'week') return new Date(date.getTime() + count * 7 * DAY_MS);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, date.getUTCDate()));
}

/** The buckets' first days from the one containing `from` up to (excluding) `to`. */
export function bucketsBetween(from: Date, to: Date, bucket: Bucket): Date[] {
  const starts: Date[] = [];
  for (let start = bucketStart(from, bucket); start < to; start = addBuckets(start, bucket, 1)) starts.push(start);
  return starts;
}

/** Whole UTC days: the daily counts can answer for this period. */
export function isWholeDays(scope: Pick<AnalyticsScope, 'from' | 'to'>): boolean {
  return scope.from.getTime() % DAY_MS === 0 && scope.to.getTime() % DAY_MS === 0;
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** pg answers counts as bigint strings and averages as numeric strings. */
export const numberOrNull = (value: unknown): number | null => (value == null ? null : Number(value));

/** `part / whole`, or null when there is nothing to take a share of. */
export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
