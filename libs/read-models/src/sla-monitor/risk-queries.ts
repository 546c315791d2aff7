/**
 * The escalation-risk view: a team's open complaints ranked by a risk score, so a supervisor acts
 * before the breach or the regulator. The score is the sum of the points of the factors present at
 * the instant asked for (RISK_POINTS, documented in the API's description of GET /sla/at-risk):
 *
 * - the critical points of DOMAIN.md §3: safety hazard 30, regulator referral 30, negative publicity
 *   or radical intensity 25, disputed resolution 20, 3 or more inbound contacts within the last 7 days
 *   15, a customer owed an update for more than 24 hours 10;
 * - the SLA state of the targets still open, the strongest one only: a breach 40, past the warning
 *   (80 %) 25, a breach due within 4 hours 10;
 * - the priority: P1 15, P2 (or not yet prioritized, held to P2) 10, P3 5, P4 0.
 *
 * Ties go to the nearest breach instant. Rows come from `complaint_risk` (projection `sla_monitor`):
 * the team's open complaints through a partial index, scored and sorted in SQL (top-N).
 */
import type pg from 'pg';
import type { SqlText } from './agenda-queries.js';

export const RISK_POINTS = {
  safety_hazard: 30,
  regulator_channel: 30,
  public_intensity: 25,
  disputed_resolution: 20,
  repeat_contact: 15,
  no_update_24h: 10,
  sla_breached: 40,
  sla_warning: 25,
  sla_due_within_4h: 10,
  priority_p1: 15,
  priority_p2: 10,
  priority_p3: 5,
} as const;
export type RiskFactor = keyof typeof RISK_POINTS;

const NOW = '$1::timestamptz';
const BREACHED = `breach_at <= ${NOW}`;
const WARNING = `warning_at <= ${NOW}`;
/** When each factor is present, at the instant measured at ($1). NULL counts as absent. */
const CONDITIONS: Readonly<Record<RiskFactor, string>> = {
  safety_hazard: 'safety_hazard',
  regulator_channel: 'regulator_channel',
  public_intensity: 'public_intensity',
  disputed_resolution: 'disputed',
  repeat_contact: `cardinality(inbound_contacts) >= 3 AND inbound_contacts[1] >= ${NOW} - interval '7 days'`,
  no_update_24h: `update_owed AND last_update_at < ${NOW} - interval '24 hours'`,
  sla_breached: BREACHED,
  sla_warning: `${WARNING} AND NOT coalesce(${BREACHED}, false)`,
  sla_due_within_4h: `breach_at <= ${NOW} + interval '4 hours' AND NOT coalesce(${WARNING} OR ${BREACHED}, false)`,
  priority_p1: `priority = 'P1'`,
  priority_p2: `coalesce(priority, 'P2') = 'P2'`,
  priority_p3: `priority = 'P3'`,
};
const FACTORS = Object.keys(RISK_POINTS) as RiskFactor[];

export const SLA_RISK_STATES = ['breached', 'warning', 'due_soon', 'on_track', 'paused', 'none'] as const;
export type SlaRiskState = (typeof SLA_RISK_STATES)[number];

export interface AtRiskComplaint {
  complaintId: string;
  status: string;
  team: string;
  ownerId: string | null;
  priority: string | null;
  escalationTier: number;
  score: number;
  /** The factors present, strongest first, with their points (they add up to the score). */
  factors: { factor: RiskFactor; points: number }[];
  sla: { state: SlaRiskState; nextWarningAt: string | null; nextBreachAt: string | null };
}

export interface AtRiskQuery {
  team: string;
  limit: number;
}

export function atRiskSql({ team, limit }: AtRiskQuery, now: Date): SqlText {
  const present = FACTORS.map((factor) => `coalesce(${CONDITIONS[factor]}, false) AS ${factor}`);
  const score = FACTORS.map((factor) => `CASE WHEN ${factor} THEN ${RISK_POINTS[factor]} ELSE 0 END`).join(' + ');
  return {
    text: `
      SELECT *, ${score} AS score FROM (
        SELECT complaint_id, status, team, owner_id, priority, escalation_tier, sla_paused, warning_at, breach_at,
               ${present.join(',\n               ')}
          FROM complaint_risk WHERE open AND team = $2) AS scored
       ORDER BY score DESC, breach_at ASC NULLS LAST, complaint_id
       LIMIT $3`,
    params: [now, team, limit],
  };
}

export async function listAtRisk(
  db: Pick<pg.Pool, 'query'>,
  query: AtRiskQuery,
  now: Date,
): Promise<AtRiskComplaint[]> {
  const { text, params } = atRiskSql(query, now);
  const { rows } = await db.query<Record<string, unknown>>(text, params);
  return rows.map(atRiskOf);
}

function atRiskOf(row: Record<string, unknown>): AtRiskComplaint {
  const factors = FACTORS.filter((factor) => row[factor] === true)
    .map((factor) => ({ factor, points: RISK_POINTS[factor] }))
    .sort((a, b) => b.points - a.points);
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  return {
    complaintId: String(row.complaint_id),
    status: String(row.status),
    team: String(row.team),
    ownerId: (row.owner_id as string | null) ?? null,
    priority: (row.priority as string | null) ?? null,
    escalationTier: Number(row.escalation_tier),
    score: Number(row.score),
    factors,
    sla: { state: slaStateOf(row), nextWarningAt: iso(row.warning_at), nextBreachAt: iso(row.breach_at) },
  };
}

function slaStateOf(row: Record<string, unknown>): SlaRiskState {
  if (row.sla_breached === true) return 'breached';
  if (row.sla_warning === true) return 'warning';
  if (row.sla_due_within_4h === true) return 'due_soon';
  if (row.sla_paused === true) return 'paused';
  return row.breach_at === null ? 'none' : 'on_track';
}
