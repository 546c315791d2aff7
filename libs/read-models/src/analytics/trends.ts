import {
  addBuckets,
  type AnalyticsScope,
  type Bucket,
  bucketsBetween,
  isoDay,
  type Queryable,
  ratio,
} from './analytics-scope.js';
import { compareNullable, countComplaints } from './count-queries.js';
import type { Dimension } from './dimensions.js';

export interface TrendPoint {
  /** First day of the bucket (YYYY-MM-DD). */
  bucket: string;
  complaints: number;
  /** Against the bucket before (the first point: against the previous period's last bucket). */
  change: number;
  /** change / the bucket before; null when that bucket had none. */
  changeRatio: number | null;
}

export interface TrendSeries {
  key: string | null;
  complaints: number;
  /** The same number of buckets just before `from`. */
  previousComplaints: number;
  change: number;
  changeRatio: number | null;
  points: TrendPoint[];
}

export interface Trends {
  /** The requested period widened to whole buckets. */
  from: string;
  to: string;
  previousFrom: string;
  bucket: Bucket;
  by: Dimension | null;
  series: TrendSeries[];
}

/**
 * Complaints per bucket for each key, every bucket present (zeros included), each compared with the
 * bucket before, and the whole period with the period of the same length just before it.
 */
export async function complaintTrends(db: Queryable, scope: AnalyticsScope & { bucket: Bucket }): Promise<Trends> {
  const buckets = bucketsBetween(scope.from, scope.to, scope.bucket);
  const from = buckets[0] ?? scope.from;
  const to = addBuckets(from, scope.bucket, buckets.length);
  const previousFrom = addBuckets(from, scope.bucket, -buckets.length);
  const counts = await countComplaints(db, { ...scope, from: previousFrom, to });
  const all = bucketsBetween(previousFrom, to, scope.bucket).map(isoDay);
  const byKey = new Map<string | null, Map<string, number>>();
  for (const row of counts) {
    const series = byKey.get(row.key) ?? new Map<string, number>();
    series.set(row.bucket!, row.complaints);
    byKey.set(row.key, series);
  }
  const series = [...byKey.entries()].map(([key, values]) =>
    seriesOf(
      key,
      all.map((day) => values.get(day) ?? 0),
      all,
    ),
  );
  series.sort((a, b) => b.complaints - a.complaints || compareNullable(a.key, b.key));
  return {
    from: isoDay(from),
    to: isoDay(to),
    previousFrom: isoDay(previousFrom),
    bucket: scope.bucket,
    by: scope.by ?? null,
    series,
  };
}

/** `values` covers the previous period then the current one, half each. */
function seriesOf(key: string | null, values: number[], days: string[]): TrendSeries {
  const half = values.length / 2;
  const sum = (part: number[]) => part.reduce((total, value) => total + value, 0);
  const complaints = sum(values.slice(half));
  const previousComplaints = sum(values.slice(0, half));
  const points = days.slice(half).map((bucket, index) => {
    const value = values[half + index]!;
    const before = values[half + index - 1] ?? 0;
    return { bucket, complaints: value, change: value - before, changeRatio: ratio(value - before, before) };
  });
  const change = complaints - previousComplaints;
  return { key, complaints, previousComplaints, change, changeRatio: ratio(change, previousComplaints), points };
}
