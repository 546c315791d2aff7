import { rm } from 'node:fs/promises';
import pg from 'pg';
import { upcast } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { UpcastingEventStore } from '../../libs/event-store/src/upcasting/upcasting-event-store.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { allProjections, rebuildProjection } from '../../libs/read-models/src/index.js';
import { median, round } from './stats.js';

export interface RebuildBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one). */
  databaseUrl: string;
  /** Stored events; 8 per complaint. */
  events: number;
  /** Default 1: a round rebuilds every projection from every event. */
  rounds?: number;
}

export interface RebuildBenchResult {
  events: number;
  /** Stored events / wall time of rebuilding every projection at once, as `projections rebuild` per name would. */
  rebuildEventsPerSecond: number;
  /** Each projection's own rebuild time within that run (they share the 2 cores). */
  projectionSeconds: Record<string, number>;
  /** Same number of rows, COPY FROM a server-side file into a table shaped like `events`. */
  rawCopyRowsPerSecond: number;
  /** rebuild / COPY. */
  ratio: number;
  peakRssMb: number;
  rssBeforeMb: number;
  rounds: { rebuild: number; copy: number; peakRssMb: number; projectionSeconds: Record<string, number> }[];
}

const STEPS = 8;

/**
 * Rebuild of every projection (concurrently, each beside its live tables, then swapped) from `events`
 * stored events, seeded by SQL (valid payloads, dummy hashes), read through the upcasting view as the
 * projector does, beside a raw COPY of as many rows. Complaints advance in blocks, so each
 * 2000-event batch touches ~2000 distinct rows (the update-heavy steady state).
 */
export async function benchProjectionRebuild(options: RebuildBenchOptions): Promise<RebuildBenchResult> {
  await runMigrations(options.databaseUrl, productMigrations);
  const store = new PostgresEventStore({ connectionString: options.databaseUrl, poolSize: 4 });
  const file = `/tmp/projection-bench-${process.pid}.copy`;
  const rounds: RebuildBenchResult['rounds'] = [];
  const rssBefore = process.memoryUsage().rss;
  try {
    await seedEvents(store.pool, Math.ceil(options.events / STEPS));
    await store.pool.query(`CREATE TABLE raw_copy (LIKE events INCLUDING ALL)`);
    await store.pool.query(`COPY events TO '${file}'`);
    for (let index = 0; index < (options.rounds ?? 1); index += 1) {
      const copy = await timedCopy(store.pool, file);
      const { rate, peakRss, projectionSeconds } = await timedRebuild(store, Math.ceil(options.events / STEPS) * STEPS);
      rounds.push({ rebuild: round(rate), copy: round(copy), peakRssMb: mb(peakRss), projectionSeconds });
    }
  } finally {
    await store.close();
    await rm(file, { force: true }).catch(() => undefined);
  }
  const rebuild = median(rounds.map((r) => r.rebuild));
  const copy = median(rounds.map((r) => r.copy));
  return {
    events: Math.ceil(options.events / STEPS) * STEPS,
    rebuildEventsPerSecond: rebuild,
    projectionSeconds: rounds.find((r) => r.rebuild === rebuild)!.projectionSeconds,
    rawCopyRowsPerSecond: copy,
    ratio: round(rebuild / copy, 3),
    peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
    rssBeforeMb: mb(rssBefore),
    rounds,
  };
}

async function timedRebuild(
  raw: PostgresEventStore,
  events: number,
): Promise<{ rate: number; peakRss: number; projectionSeconds: Record<string, number> }> {
  const store = new UpcastingEventStore(raw, upcast);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const results = await Promise.all(
      allProjections.map(async (projection) => {
        const result = await rebuildProjection({ store, pool: raw.pool, projection });
        return [projection.name, round(result.durationMs / 1000, 2)] as const;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { rate: events / seconds, peakRss, projectionSeconds: Object.fromEntries(results) };
  } finally {
    clearInterval(sampler);
  }
}

async function timedCopy(pool: pg.Pool, file: string): Promise<number> {
  await pool.query('TRUNCATE raw_copy');
  const started = performance.now();
  const result = await pool.query(`COPY raw_copy FROM '${file}'`);
  return (result.rowCount ?? 0) / ((performance.now() - started) / 1000);
}

/** `complaints` × 8 events: received, acknowledged, categorized, assigned, validated, contacted, resolved, closed. */
async function seedEvents(pool: pg.Pool, complaints: number): Promise<void> {
  await pool.query(
    `
    INSERT INTO events (event_id, stream_name, stream_revision, event_type, schema_version, data, metadata,
                        recorded_at, previous_hash, hash)
    SELECT gen_random_uuid(), 'complaint-' || c.id, s.rev, s.type, CASE WHEN s.rev = 0 THEN 2 ELSE 1 END, s.data || jsonb_build_object('complaintId', c.id),
           '{"actor":{"id":"bench","role":"agent"},"correlationId":"bench","causationId":"bench"}'::jsonb,
           c.at + s.rev * interval '1 hour', repeat('0', 64), repeat('0', 64)
      FROM generate_series(1, $1::int) g
     CROSS JOIN LATERAL (SELECT md5(g::text)::uuid AS id, timestamptz '2026-01-01' + g * interval '1 minute' AS at) c
     CROSS JOIN LATERAL (VALUES
       (0, 'ComplaintReceived', jsonb_build_object('channel', 'email', 'customer', jsonb_build_object('id', 'cust-' || g % 5000, 'name', 'x'),
           'subject', 's', 'description', 'd', 'productRef', 'KT-' || g % 50, 'intensity', 'passive', 'purpose', 'criticism',
           'by', 'bench', 'receivedAt', to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
       (1, 'ComplaintAcknowledged', jsonb_build_object('how', 'email', 'by', 'bench', 'acknowledgedAt', '2026-01-01T01:00:00.000Z')),
       (2, 'ComplaintCategorized', jsonb_build_object('category', 'product_quality', 'subcategory', 'material', 'severity', 'high',
           'impact', 'individual', 'priority', 'P' || (1 + g % 4), 'by', 'bench', 'categorizedAt', '2026-01-01T02:00:00.000Z')),
       (3, 'ComplaintAssigned', jsonb_build_object('team', 'team-' || g % 8, 'ownerId', 'agent-' || g % 200, 'by', 'bench',
           'assignedAt', '2026-01-01T03:00:00.000Z')),
       (4, 'ComplaintValidated', jsonb_build_object('reason', 'ok', 'by', 'bench', 'validatedAt', '2026-01-01T04:00:00.000Z')),
       (5, 'CustomerContacted', jsonb_build_object('direction', 'outbound', 'channel', 'phone', 'summary', 'call', 'by', 'bench',
           'contactedAt', '2026-01-01T05:00:00.000Z')),
       (6, 'ComplaintResolved', jsonb_build_object('summary', 'done', 'planSteps', jsonb_build_array('refund'), 'by', 'bench',
           'resolvedAt', '2026-01-01T06:00:00.000Z')),
       (7, 'ComplaintClosed', jsonb_build_object('closureCode', 'resolved', 'by', 'bench', 'closedAt', '2026-01-01T07:00:00.000Z'))
     ) AS s(rev, type, data)
     ORDER BY g / 2000, s.rev, g`,
    [complaints],
  );
  await pool.query('ANALYZE events');
}

const mb = (bytes: number): number => round(bytes / 1024 / 1024);
