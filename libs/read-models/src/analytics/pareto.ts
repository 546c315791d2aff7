import type { AnalyticsScope, Queryable } from './analytics-scope.js';
import { compareNullable, countComplaints } from './count-queries.js';
import type { Dimension } from './dimensions.js';

/** The share of complaints the "vital few" causes account for (the 80/20 rule). */
export const VITAL_SHARE = 0.8;

export interface ParetoItem {
  key: string;
  complaints: number;
  /** Of the classified complaints. */
  share: number;
  /** This cause and every bigger one. */
  cumulativeShare: number;
  /** Among the biggest causes that together first reach VITAL_SHARE. */
  vital: boolean;
}

export interface Pareto {
  by: Dimension;
  /** Complaints received in the period (classified or not). */
  complaints: number;
  /** Complaints with no key in this dimension yet (e.g. no root cause identified); not ranked. */
  unclassified: number;
  items: ParetoItem[];
}

/** Causes ranked by complaints, biggest first (ties by key), with cumulative shares. */
export async function complaintPareto(
  db: Queryable,
  scope: Omit<AnalyticsScope, 'bucket' | 'by'> & { by: Dimension },
): Promise<Pareto> {
  const counts = await countComplaints(db, { ...scope, bucket: undefined });
  const classified = counts.filter((row): row is typeof row & { key: string } => row.key !== null);
  const unclassified = counts.find((row) => row.key === null)?.complaints ?? 0;
  const total = classified.reduce((sum, row) => sum + row.complaints, 0);
  classified.sort((a, b) => b.complaints - a.complaints || compareNullable(a.key, b.key));
  let running = 0;
  const items = classified.map((row) => {
    const before = running;
    running += row.complaints;
    return {
      key: row.key,
      complaints: row.complaints,
      share: row.complaints / total,
      cumulativeShare: running / total,
      vital: before / total < VITAL_SHARE,
    };
  });
  return { by: scope.by, complaints: total + unclassified, unclassified, items };
}
