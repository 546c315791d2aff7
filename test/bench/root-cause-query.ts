import pg from 'pg';
import { DEFAULT_ROUTING, FISHBONE_CLASSES, TAXONOMY, CHANNELS, type Category } from '../../libs/domain/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import {
  type AnalyticsScope,
  complaintCauses,
  resolutionStatistics,
} from '../../libs/read-models/src/analytics/index.js';
import { dailyCountsSql, fromFacts } from '../../libs/read-models/src/analytics/count-queries.js';
import { percentile, round } from './stats.js';

export interface RootCauseBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one). */
  databaseUrl: string;
  /** Complaints loaded into the analytics read model, received evenly over 2025. */
  complaints: number;
  /** Timed root-cause queries. Default 500 (the slower comparisons run a tenth as many). */
  samples?: number;
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

export interface RootCauseBenchResult {
  complaints: number;
  /** Received in the queried quarter (about a quarter of them). */
  complaintsPerQuarter: number;
  loadSeconds: number;
  /** GET /analytics/causes?by=category&bucket=week over one quarter: the daily counts. */
  rootCauseQuery: Latency;
  targetP99Ms: number;
  /** The same answer counted over the fact rows instead: why the daily counts exist. */
  factScanBaseline: Latency;
  /** by=fishbone&category=product_quality (a filter: answered from the fact rows). */
  filteredByCategory: Latency;
  /** GET /analytics/resolution?by=category over one quarter (median needs the fact rows). */
  resolutionByCategory: Latency;
  /** EXPLAIN ANALYZE of the root-cause query. */
  plan: string;
}

const QUARTERS = [0, 3, 6, 9].map((month) => ({
  from: new Date(Date.UTC(2025, month, 1)),
  to: new Date(Date.UTC(2025, month + 3, 1)),
}));
const YEAR_SECONDS = 365 * 86_400;

/**
 * Latency of the root-cause query (one quarter, by category) with `complaints` rows in the analytics
 * read model, loaded directly by SQL (not projected: this measures the query, not the projector),
 * through the very functions the GET /analytics routes call. Each sample picks one of 2025's quarters.
 */
export async function benchRootCauseQuery(options: RootCauseBenchOptions): Promise<RootCauseBenchResult> {
  await runMigrations(options.databaseUrl, productMigrations);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  try {
    const started = performance.now();
    await loadAnalyticsRows(pool, options.complaints);
    const loadSeconds = round((performance.now() - started) / 1000, 2);
    const samples = options.samples ?? 500;
    const few = Math.max(5, Math.ceil(samples / 10));
    const quarter = (): Pick<AnalyticsScope, 'from' | 'to'> => QUARTERS[Math.floor(Math.random() * 4)]!;
    const byCategory = (): AnalyticsScope => ({ ...quarter(), by: 'category', bucket: 'week' });
    const rootCauseQuery = await latency(samples, () => complaintCauses(pool, byCategory()));
    return {
      complaints: options.complaints,
      complaintsPerQuarter: await complaintsIn(pool, QUARTERS[1]!),
      loadSeconds,
      rootCauseQuery,
      targetP99Ms: 100,
      factScanBaseline: await latency(few, () => fromFacts(pool, byCategory())),
      filteredByCategory: await latency(few, () =>
        complaintCauses(pool, { ...quarter(), by: 'fishbone', filter: { category: 'product_quality' } }),
      ),
      resolutionByCategory: await latency(few, () => resolutionStatistics(pool, { ...quarter(), by: 'category' })),
      plan: await rootCausePlan(pool, { ...QUARTERS[1]!, by: 'category', bucket: 'week' }),
    };
  } finally {
    await pool.end();
  }
}

async function latency(samples: number, query: () => Promise<unknown>): Promise<Latency> {
  for (let warm = 0; warm < Math.min(10, samples); warm += 1) await query();
  const times: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(times, 50), 2), p99Ms: round(percentile(times, 99), 2), samples };
}

async function complaintsIn(pool: pg.Pool, period: { from: Date; to: Date }): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM complaint_facts WHERE received_at >= $1 AND received_at < $2',
    [period.from, period.to],
  );
  return rows[0]!.n;
}

async function rootCausePlan(pool: pg.Pool, scope: AnalyticsScope): Promise<string> {
  const { text, values } = dailyCountsSql(scope);
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * generate_series straight into complaint_facts (in chunks), some compensations, then the daily
 * counts as the GROUP BY the projection keeps them equal to (a test holds it to that), then ANALYZE.
 */
export async function loadAnalyticsRows(pool: pg.Pool, complaints: number, chunk = 100_000): Promise<void> {
  const subcategories = (Object.keys(TAXONOMY) as Category[]).flatMap((category) =>
    Object.keys(TAXONOMY[category].subcategories).map((subcategory) => [
      category,
      subcategory,
      DEFAULT_ROUTING[category],
    ]),
  );
  const columns = [0, 1, 2].map((index) => subcategories.map((row) => row[index]!));
  const client = await pool.connect();
  try {
    await client.query('SELECT setseed(0.42)'); // the same rows on every run
    for (let from = 1; from <= complaints; from += chunk) {
      const to = Math.min(complaints, from + chunk - 1);
      await client.query(FACTS_SQL, [from, to, YEAR_SECONDS / complaints, ...columns, FISHBONE_CLASSES, CHANNELS]);
      await client.query(COMPENSATIONS_SQL, [from, to]);
    }
    await client.query(DAILY_COUNTS_SQL);
    await client.query('VACUUM ANALYZE complaint_facts, compensation_facts, complaint_daily_counts');
  } finally {
    client.release();
  }
}

/** 10 % uncategorized, 30 % of the rest without a root cause; 80 % resolved, 8 % reopened; products skewed. */
const FACTS_SQL = `
  INSERT INTO complaint_facts (complaint_id, received_at, channel, product_ref, category, subcategory, fishbone_class,
    team, first_concluded_at, first_resolved_at, resolved_at, reopen_count, followed_up, first_contact_resolution,
    satisfaction, customer_outcome, last_revision)
  SELECT md5('rc' || n)::uuid, received, ($8::text[])[1 + floor(r_channel * cardinality($8::text[]))::int],
         'P-' || floor(r_product * r_product * 500)::int,
         CASE WHEN categorized THEN ($4::text[])[sub] END, CASE WHEN categorized THEN ($5::text[])[sub] END,
         CASE WHEN categorized AND r_cause < 0.7 THEN ($7::text[])[1 + floor(r_cause / 0.7 * 6)::int] END,
         CASE WHEN categorized THEN ($6::text[])[sub] END,
         CASE WHEN r_resolved < 0.85 THEN received + to_resolve END, CASE WHEN resolved THEN received + to_resolve END,
         CASE WHEN resolved AND r_reopen >= 0.02 THEN received + to_resolve * (1 + (r_reopen < 0.08)::int) END,
         (r_resolved < 0.85 AND r_reopen < 0.08)::int, r_contact < 0.6,
         CASE WHEN resolved THEN r_contact >= 0.6 AND r_reopen >= 0.08 END,
         CASE WHEN resolved AND r_answer < 0.6 THEN 1 + floor(r_answer / 0.6 * 5)::int END,
         CASE WHEN resolved AND r_answer < 0.6 THEN CASE WHEN r_answer < 0.15 THEN 'disputed' ELSE 'confirmed' END END,
         12
    FROM (SELECT n, timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => (n - 1) * $3::float8) AS received,
                 random() < 0.9 AS categorized, 1 + floor(random() * cardinality($4::text[]))::int AS sub,
                 random() AS r_channel, random() AS r_product, random() AS r_cause, random() AS r_resolved,
                 random() AS r_reopen, random() AS r_contact, random() AS r_answer,
                 make_interval(secs => floor(random() * random() * 20 * 86400)) AS to_resolve
            FROM generate_series($1::int, $2::int) AS n) AS s
   CROSS JOIN LATERAL (SELECT r_resolved < 0.8 AS resolved) AS r`;

/** 15 % of complaints compensated (a third of those twice), four kinds, two currencies. */
const COMPENSATIONS_SQL = `
  INSERT INTO compensation_facts (complaint_id, compensation_id, kind, currency, offered_amount, requires_approval,
    approved_amount, paid_amount, declined, last_revision)
  SELECT md5('rc' || n)::uuid, 'c' || k, (ARRAY['refund','voucher','discount','goodwill'])[1 + floor(random() * 4)::int],
         CASE WHEN random() < 0.7 THEN 'EUR' ELSE 'CNY' END, amount, amount > 20000,
         CASE WHEN amount > 20000 THEN amount END, CASE WHEN random() < 0.8 THEN amount ELSE 0 END, false, 12
    FROM (SELECT n, 100 * (1 + floor(random() * 500))::bigint AS amount, random() AS r
            FROM generate_series($1::int, $2::int) AS n) AS s
   CROSS JOIN LATERAL generate_series(1, CASE WHEN s.r < 0.05 THEN 2 ELSE 1 END) AS k
   WHERE s.r < 0.15`;

const DAILY_COUNTS_SQL = `
  INSERT INTO complaint_daily_counts (day, dimension, key, complaints)
  SELECT (received_at AT TIME ZONE 'UTC')::date, d.dimension, coalesce(d.key, ''), count(*)
    FROM complaint_facts
   CROSS JOIN LATERAL (VALUES ('category', category), ('subcategory', subcategory), ('fishbone', fishbone_class),
                              ('product', product_ref), ('channel', channel), ('team', team)) AS d(dimension, key)
   GROUP BY 1, 2, 3`;
