/**
 * SLA compliance: of the targets whose outcome became final in a period, the share met on time, per
 * target, by team, category or priority and by day, week (ISO, from Monday) or month in a time zone.
 *
 * What counts: a target is closed out when it was met (on time or late) or stopped by a closure after
 * its due instant (missed). A target a closure stopped before its due instant (withdrawn, duplicate…)
 * was neither kept nor broken, so it is reported apart and left out of the rate. Targets still open
 * count nowhere: an outcome is attributed to the period it became final in, once, so past periods
 * do not change as time passes (only when new events arrive, e.g. a recategorization).
 * Team, category and priority are the complaint's current ones.
 */
import { DAY_MS, fromLocalMs, SLA_TARGETS, type SlaTarget } from '#domain';
import type pg from 'pg';
import { SLA_CLOCK } from './sla-clock.projection.js';

export const COMPLIANCE_GROUPS = ['team', 'category', 'priority'] as const;
export type ComplianceGroup = (typeof COMPLIANCE_GROUPS)[number];
export const COMPLIANCE_PERIODS = ['day', 'week', 'month'] as const;
export type CompliancePeriod = (typeof COMPLIANCE_PERIODS)[number];

export interface ComplianceQuery {
  groupBy: ComplianceGroup;
  period: CompliancePeriod;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** IANA zone the periods are cut in. */
  timeZone: string;
}

export interface TargetCompliance {
  /** metOnTime + metLate + missed. */
  closedOut: number;
  metOnTime: number;
  metLate: number;
  /** Stopped unmet after the due instant. */
  missed: number;
  /** Stopped unmet before the due instant: not in closedOut. */
  stoppedInTime: number;
  /** metOnTime / closedOut; null when nothing closed out. */
  rate: number | null;
}

export interface ComplianceBucket {
  /** First local day of the period, YYYY-MM-DD. */
  period: string;
  /** The team, category or priority; null for complaints without one. */
  group: string | null;
  targets: Record<SlaTarget, TargetCompliance>;
}

export interface ComplianceReport extends Omit<ComplianceQuery, 'from' | 'to'> {
  from: string;
  to: string;
  buckets: ComplianceBucket[];
}

interface CountRow {
  period: string;
  group: string | null;
  target: SlaTarget;
  met_on_time: string;
  met_late: string;
  missed: string;
  stopped_in_time: string;
}

export async function slaCompliance(db: Pick<pg.Pool, 'query'>, query: ComplianceQuery): Promise<ComplianceReport> {
  const group = COMPLIANCE_GROUPS.includes(query.groupBy) ? query.groupBy : 'team';
  const period = COMPLIANCE_PERIODS.includes(query.period) ? query.period : 'day';
  const { rows } = await db.query<CountRow>(
    `SELECT to_char(date_trunc('${period}', ended_at AT TIME ZONE $3), 'YYYY-MM-DD') AS period,
            ${group} AS "group", target,
            count(*) FILTER (WHERE state = 'met') AS met_on_time,
            count(*) FILTER (WHERE state = 'breached' AND met_at IS NOT NULL) AS met_late,
            count(*) FILTER (WHERE state = 'breached' AND met_at IS NULL) AS missed,
            count(*) FILTER (WHERE state = 'stopped') AS stopped_in_time
       FROM ${SLA_CLOCK}
      WHERE ended_at >= $1 AND ended_at < $2
      GROUP BY 1, 2, 3
      ORDER BY 1, 2 NULLS LAST, 3`,
    [query.from, query.to, query.timeZone],
  );
  const buckets = new Map<string, ComplianceBucket>();
  for (const row of rows) {
    const key = JSON.stringify([row.period, row.group]);
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = emptyBucket(row.period, row.group)));
    bucket.targets[row.target] = complianceOf(row);
  }
  return {
    ...query,
    groupBy: group,
    period,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    buckets: [...buckets.values()],
  };
}

function complianceOf(row: CountRow): TargetCompliance {
  const [metOnTime, metLate, missed] = [Number(row.met_on_time), Number(row.met_late), Number(row.missed)];
  const closedOut = metOnTime + metLate + missed;
  return {
    closedOut,
    metOnTime,
    metLate,
    missed,
    stoppedInTime: Number(row.stopped_in_time),
    rate: closedOut === 0 ? null : metOnTime / closedOut,
  };
}

function emptyBucket(period: string, group: string | null): ComplianceBucket {
  const none = (): TargetCompliance => ({
    closedOut: 0,
    metOnTime: 0,
    metLate: 0,
    missed: 0,
    stoppedInTime: 0,
    rate: null,
  });
  const targets = Object.fromEntries(SLA_TARGETS.map((target) => [target, none()])) as Record<
    SlaTarget,
    TargetCompliance
  >;
  return { period, group, targets };
}

/** A date ('YYYY-MM-DD') is the start of that day in the zone; anything else is parsed as an instant. */
export function instantInZone(dateOrInstant: string, timeZone: string): Date {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOrInstant);
  if (date === null) return new Date(dateOrInstant);
  const localMidnight = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  return new Date(fromLocalMs(localMidnight, timeZone));
}

/** How many periods a range spans at most (months counted as 28 days: an upper bound). */
export function periodsIn(query: Pick<ComplianceQuery, 'from' | 'to' | 'period'>): number {
  const days = (query.to.getTime() - query.from.getTime()) / DAY_MS;
  return Math.ceil(days / { day: 1, week: 7, month: 28 }[query.period]) + 1;
}
