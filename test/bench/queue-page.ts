import pg from 'pg';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { listAgentQueue, listTeamQueue, queuePageSql, type QueuePage } from '../../libs/read-models/src/index.js';
import { percentile, round } from './stats.js';

export interface QueuePageBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one). */
  databaseUrl: string;
  /** Rows loaded into complaint_queue. */
  complaints: number;
  /** Timed pages per kind. Default 1000. */
  samples?: number;
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
}

export interface QueuePageBenchResult {
  complaints: number;
  /** Open complaints (in some queue). */
  queued: number;
  loadSeconds: number;
  /** Each page is 50 rows, through the very query functions GET /queues/... runs. */
  teamFirstPage: Latency;
  teamLaterPage: Latency;
  unownedPage: Latency;
  agentPage: Latency;
  /** The worst p99 above, against the 10 ms target. */
  p99Ms: number;
  targetP99Ms: number;
  /** The index scan the team page's plan starts with (EXPLAIN). */
  plan: string;
}

const TEAMS = ['quality', 'customer-service', 'technical', 'logistics', 'billing-compliance'];
const AGENTS = 400;
const PAGE = 50;

/**
 * Latency of one queue page (50 rows) with `complaints` rows in the queue read model, loaded
 * directly by SQL (not projected: this measures the query, not the projector). The shape: 85 %
 * closed, the rest open over 5 teams, 90 % of those owned by one of 400 agents, 3 % waiting on the
 * customer, priorities and due times spread.
 */
export async function benchQueuePage(options: QueuePageBenchOptions): Promise<QueuePageBenchResult> {
  await runMigrations(options.databaseUrl, productMigrations);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  try {
    const started = performance.now();
    await loadQueueRows(pool, options.complaints);
    const loadSeconds = round((performance.now() - started) / 1000, 2);
    const samples = options.samples ?? 1000;
    const random = (count: number) => Math.floor(Math.random() * count);
    const team = () => TEAMS[random(TEAMS.length)]!;
    const laterCursors = await cursorsOf(pool, 20);
    const timed = (page: () => Promise<QueuePage>) => latency(samples, page);
    const teamFirstPage = await timed(() => listTeamQueue(pool, { team: team(), limit: PAGE }));
    const teamLaterPage = await timed(() => {
      const [name, cursor] = laterCursors[random(laterCursors.length)]!;
      return listTeamQueue(pool, { team: name, limit: PAGE, cursor });
    });
    const unownedPage = await timed(() => listTeamQueue(pool, { team: team(), limit: PAGE, unownedOnly: true }));
    const agentPage = await timed(() => listAgentQueue(pool, { agentId: `agent-${random(AGENTS)}`, limit: PAGE }));
    const { rows } = await pool.query<{ queued: number }>(
      'SELECT count(*)::int AS queued FROM complaint_queue WHERE queued',
    );
    const p99Ms = Math.max(...[teamFirstPage, teamLaterPage, unownedPage, agentPage].map((l) => l.p99Ms));
    return {
      complaints: options.complaints,
      queued: rows[0]!.queued,
      loadSeconds,
      teamFirstPage,
      teamLaterPage,
      unownedPage,
      agentPage,
      p99Ms,
      targetP99Ms: 10,
      plan: await teamPagePlan(pool),
    };
  } finally {
    await pool.end();
  }
}

/** generate_series straight into complaint_queue, in chunks, then ANALYZE. */
export async function loadQueueRows(pool: pg.Pool, complaints: number, chunk = 100_000): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT setseed(0.42)'); // the same rows on every run
    for (let from = 1; from <= complaints; from += chunk) {
      await client.query(LOAD_SQL, [from, Math.min(complaints, from + chunk - 1), TEAMS, AGENTS]);
    }
    await client.query('ANALYZE complaint_queue');
  } finally {
    client.release();
  }
}

const LOAD_SQL = `
  INSERT INTO complaint_queue (complaint_id, status, status_before_waiting, queued, team, owner_id, category, priority,
    priority_rank, escalation_tier, sla_target, sla_due_at, sla_paused, paused_remaining_ms, due_key, sla_history,
    received_at, updated_at, last_revision)
  SELECT md5(n::text)::uuid, status, NULL, status <> 'closed', ($3::text[])[1 + floor(r_team * 5)::int],
         CASE WHEN r_owner < 0.9 THEN 'agent-' || floor(r_owner / 0.9 * $4::int)::int END, 'product_quality',
         'P' || rank, rank, 0, CASE WHEN status = 'closed' THEN NULL ELSE 'resolve' END,
         CASE WHEN status = 'investigating' THEN due END, status = 'waiting_on_customer',
         CASE WHEN status = 'waiting_on_customer' THEN floor(r_due * 86400000)::bigint ELSE 0 END,
         CASE WHEN status = 'investigating' THEN due ELSE 'infinity' END,
         jsonb_build_object('receivedAt', received, 'priority', 'P' || rank, 'category', 'product_quality',
           'acknowledgedAt', NULL, 'firstResponseAt', NULL, 'pauses', '[]'::jsonb,
           'handlings', jsonb_build_array(jsonb_build_object('handling', 1, 'startedAt', received))),
         received, received + interval '1 hour', 6
    FROM (SELECT n, r_team, r_owner, r_due, 1 + floor(r_rank * 4)::int AS rank,
                 CASE WHEN r_status < 0.85 THEN 'closed' WHEN r_status < 0.88 THEN 'waiting_on_customer'
                      ELSE 'investigating' END AS status,
                 timestamptz '2026-01-01' + n * interval '20 seconds' AS received,
                 timestamptz '2026-01-01' + n * interval '20 seconds' + floor(r_due * 20 * 86400) * interval '1 second' AS due
            FROM (SELECT n, random() AS r_team, random() AS r_owner, random() AS r_rank, random() AS r_status,
                         random() AS r_due
                    FROM generate_series($1::int, $2::int) AS n) AS draws) AS g`;

async function latency(samples: number, page: () => Promise<QueuePage>): Promise<Latency> {
  for (let warm = 0; warm < Math.min(100, samples); warm += 1) await page();
  const durations: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    const result = await page();
    durations.push(performance.now() - started);
    if (result.items.length === 0) throw new Error('an empty queue page: the load did not fill the queues');
  }
  return { p50Ms: round(percentile(durations, 50), 2), p99Ms: round(percentile(durations, 99), 2) };
}

/** [team, cursor] of pages 2…`depth` of every team: the cursors a client paging down would send. */
async function cursorsOf(pool: pg.Pool, depth: number): Promise<[string, string][]> {
  const cursors: [string, string][] = [];
  for (const team of TEAMS) {
    let cursor: string | undefined;
    for (let page = 1; page < depth; page += 1) {
      cursor = (await listTeamQueue(pool, { team, limit: PAGE, cursor })).nextCursor ?? undefined;
      if (!cursor) break;
      cursors.push([team, cursor]);
    }
  }
  return cursors;
}

/** The first line naming an index in the team page's plan (a Sort or Seq Scan here would be a regression). */
export async function teamPagePlan(pool: pg.Pool): Promise<string> {
  const { text, params } = queuePageSql({ where: ['team = $1'], params: ['quality'] }, { limit: PAGE });
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
  const plan = rows.map((row) => row['QUERY PLAN']);
  if (plan.some((line) => /Sort|Seq Scan/.test(line)))
    throw new Error(`queue page not served by an index:\n${plan.join('\n')}`);
  return plan.find((line) => line.includes('Index'))?.trim() ?? plan.join(' | ');
}
