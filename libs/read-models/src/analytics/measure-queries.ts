import { type AnalyticsScope, factsSql, numberOrNull, type Queryable, ratio } from './analytics-scope.js';
import { COMPENSATION_FACTS, COMPLAINT_FACTS } from './complaint-analytics.projection.js';
import { compareNullable } from './count-queries.js';

/** Every measure row is labelled like a count: bucket of receipt and key (null when not asked for). */
interface Labelled {
  bucket: string | null;
  key: string | null;
}

export interface ResolutionRow extends Labelled {
  complaints: number;
  /** Resolved or closed at least once. */
  concluded: number;
  /** Reopened at least once. */
  reopened: number;
  /** reopened / concluded. */
  reopenRate: number | null;
  /** Resolved at least once. */
  everResolved: number;
  firstContactResolutions: number;
  /** firstContactResolutions / everResolved. */
  firstContactResolutionRate: number | null;
  /** Whose resolution stands now: the base of the times to resolve. */
  resolved: number;
  meanSecondsToResolve: number | null;
  medianSecondsToResolve: number | null;
}

export interface CompensationRow extends Labelled {
  kind: string;
  currency: string;
  compensations: number;
  declined: number;
  /** Amounts in the currency's minor unit. */
  offered: number;
  /** What may be paid: the approved amount, or the offer when it needed no approval; 0 when declined. */
  payable: number;
  paid: number;
}

export interface SatisfactionRow extends Labelled {
  /** Complaints whose customer answered a resolution (the latest answer counts). */
  responses: number;
  averageSatisfaction: number | null;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** satisfied / responses: the CSAT score. */
  csat: number | null;
  confirmed: number;
  disputed: number;
}

type Stored = Record<string, unknown>;

const SECONDS_TO_RESOLVE = `extract(epoch FROM f.resolved_at - f.received_at)`;

export async function resolutionStatistics(db: Queryable, scope: AnalyticsScope): Promise<ResolutionRow[]> {
  const rows = await grouped(
    db,
    scope,
    `count(*) AS complaints, count(f.first_concluded_at) AS concluded,
     count(*) FILTER (WHERE f.reopen_count > 0) AS reopened, count(f.first_resolved_at) AS ever_resolved,
     count(*) FILTER (WHERE f.first_contact_resolution) AS first_contact, count(f.resolved_at) AS resolved,
     avg(${SECONDS_TO_RESOLVE}) AS mean_seconds,
     percentile_cont(0.5) WITHIN GROUP (ORDER BY ${SECONDS_TO_RESOLVE}) AS median_seconds`,
  );
  return rows.map((row) => {
    const [concluded, reopened, everResolved, firstContact] = [
      row.concluded,
      row.reopened,
      row.ever_resolved,
      row.first_contact,
    ].map(Number) as [number, number, number, number];
    return {
      ...labels(row),
      complaints: Number(row.complaints),
      concluded,
      reopened,
      reopenRate: ratio(reopened, concluded),
      everResolved,
      firstContactResolutions: firstContact,
      firstContactResolutionRate: ratio(firstContact, everResolved),
      resolved: Number(row.resolved),
      meanSecondsToResolve: numberOrNull(row.mean_seconds),
      medianSecondsToResolve: numberOrNull(row.median_seconds),
    };
  });
}

export async function satisfactionStatistics(db: Queryable, scope: AnalyticsScope): Promise<SatisfactionRow[]> {
  const rows = await grouped(
    db,
    scope,
    `count(f.satisfaction) AS responses, avg(f.satisfaction) AS average,
     count(*) FILTER (WHERE f.satisfaction >= 4) AS satisfied,
     count(*) FILTER (WHERE f.customer_outcome = 'confirmed') AS confirmed,
     count(*) FILTER (WHERE f.customer_outcome = 'disputed') AS disputed`,
    'f.satisfaction IS NOT NULL',
  );
  return rows.map((row) => ({
    ...labels(row),
    responses: Number(row.responses),
    averageSatisfaction: numberOrNull(row.average),
    satisfied: Number(row.satisfied),
    csat: ratio(Number(row.satisfied), Number(row.responses)),
    confirmed: Number(row.confirmed),
    disputed: Number(row.disputed),
  }));
}

/** Totals per kind and currency (never summed across currencies). */
export async function compensationStatistics(db: Queryable, scope: AnalyticsScope): Promise<CompensationRow[]> {
  const sql = factsSql(scope);
  const { rows } = await db.query<Stored>(
    `SELECT ${sql.bucket} AS bucket, ${sql.key} AS key, c.kind, c.currency, count(*) AS compensations,
            count(*) FILTER (WHERE c.declined) AS declined, sum(c.offered_amount) AS offered,
            sum(CASE WHEN c.declined THEN 0 WHEN c.approved_amount IS NOT NULL THEN c.approved_amount
                     WHEN c.requires_approval THEN 0 ELSE c.offered_amount END) AS payable,
            sum(c.paid_amount) AS paid
       FROM ${COMPLAINT_FACTS} f JOIN ${COMPENSATION_FACTS} c ON c.complaint_id = f.complaint_id
      WHERE ${sql.where} GROUP BY 1, 2, 3, 4`,
    sql.params,
  );
  return rows
    .map((row) => ({
      ...labels(row),
      kind: String(row.kind),
      currency: String(row.currency),
      compensations: Number(row.compensations),
      declined: Number(row.declined),
      offered: Number(row.offered),
      payable: Number(row.payable),
      paid: Number(row.paid),
    }))
    .sort((a, b) => byLabels(a, b) || compareNullable(a.kind, b.kind) || compareNullable(a.currency, b.currency));
}

/** One aggregate row per bucket × key of the scope's fact rows, in bucket then key order. */
async function grouped(db: Queryable, scope: AnalyticsScope, aggregates: string, only?: string): Promise<Stored[]> {
  const sql = factsSql(scope);
  const { rows } = await db.query<Stored>(
    `SELECT ${sql.bucket} AS bucket, ${sql.key} AS key, ${aggregates}
       FROM ${COMPLAINT_FACTS} f WHERE ${sql.where}${only ? ` AND ${only}` : ''} GROUP BY 1, 2`,
    sql.params,
  );
  return rows.sort((a, b) => byLabels(labels(a), labels(b)));
}

function labels(row: Stored): Labelled {
  return { bucket: row.bucket == null ? null : String(row.bucket), key: row.key == null ? null : String(row.key) };
}

function byLabels(a: Labelled, b: Labelled): number {
  return compareNullable(a.bucket, b.bucket) || compareNullable(a.key, b.key);
}
