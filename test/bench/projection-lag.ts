import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool } from 'undici';
import { TEST_PERSONAL_DATA_ENV } from '../support/personal-data.js';
import { startApiProcess } from './api-process.js';
import { pacedIntake } from './paced-intake.js';
import { percentile, round } from './stats.js';

export interface ProjectionLagOptions {
  /** A migrated, empty database. */
  databaseUrl: string;
  port: number;
  postsPerSecond: number;
  durationMs: number;
}

export interface ProjectionLagResult {
  postsPerSecond: number;
  posts: number;
  postErrors: number;
  /** Per projection: lag of every event posted, recordedAt → the commit of its batch (seen by polling). */
  projections: Record<string, { events: number; p50Ms: number; p99Ms: number; maxMs: number }>;
  /** Baseline: the same events' recordedAt → first visible in the global feed (the floor of any lag). */
  feedVisible: { p50Ms: number; p99Ms: number; maxMs: number };
  /** How often checkpoints and the feed were sampled: the resolution of the figures above. */
  pollMs: number;
}

const POLL_MS = 10;
const PROJECTOR_MAIN = fileURLToPath(new URL('../../apps/projector/src/main.js', import.meta.url));

/**
 * Projection lag under load: the built API and projector run as their own processes, as in
 * production, while `POST /complaints` is paced at `postsPerSecond`. A sampler polls every
 * projection's checkpoint (committed with its batch) and the feed's head; afterwards each stored
 * event's lag per projection is the first sample whose checkpoint had passed it, minus its recordedAt.
 */
export async function benchProjectionLag(options: ProjectionLagOptions): Promise<ProjectionLagResult> {
  const api = await startApiProcess(options.databaseUrl, options.port);
  const projector = await startProjector(options.databaseUrl);
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const http = new Pool(api.url, { connections: 32, pipelining: 1 });
  const samples: Sample[] = [];
  const sampling = new AbortController();
  try {
    const sampler = sample(db, samples, sampling.signal);
    const { posts, errors } = await pacedIntake(http, options.postsPerSecond, options.durationMs);
    await settle(db);
    sampling.abort();
    await sampler;
    return { postsPerSecond: options.postsPerSecond, posts, postErrors: errors, ...(await lags(db, samples)) };
  } finally {
    sampling.abort();
    await http.close();
    await db.end();
    await stop(projector);
    await api.stop();
  }
}

interface Sample {
  at: number;
  /** Projection name → recordedAt (ms) of the last event its committed checkpoint covers. */
  checkpoints: Map<string, number>;
  /** recordedAt (ms) of the newest event the feed shows. */
  feedHead: number;
}

async function sample(db: pg.Pool, samples: Sample[], signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const [checkpoints, head] = await Promise.all([
      db.query<{ name: string; last: Date | null }>(
        `SELECT name, last_event_at AS last FROM projection_checkpoints WHERE name NOT LIKE '%:rebuild'`,
      ),
      db.query<{ last: Date | null }>(
        `SELECT max(recorded_at) AS last FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    ]);
    samples.push({
      at: Date.now(),
      checkpoints: new Map(checkpoints.rows.map((row) => [row.name, row.last?.getTime() ?? 0])),
      feedHead: head.rows[0]?.last?.getTime() ?? 0,
    });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Until every projection's checkpoint has caught up with the newest stored event (30 s at most). */
async function settle(db: pg.Pool): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ behind: number }>(
      `SELECT count(*)::int AS behind FROM projection_checkpoints
        WHERE name NOT LIKE '%:rebuild' AND coalesce(last_event_at, 'epoch') < (SELECT max(recorded_at) FROM events)`,
    );
    if (rows[0]!.behind === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the projections did not catch up within 30 s of the last post');
}

async function lags(
  db: pg.Pool,
  samples: Sample[],
): Promise<Omit<ProjectionLagResult, 'postsPerSecond' | 'posts' | 'postErrors'>> {
  const { rows } = await db.query<{ at: Date }>('SELECT recorded_at AS at FROM events ORDER BY recorded_at');
  const recorded = rows.map((row) => row.at.getTime());
  const names = [...new Set(samples.flatMap((s) => [...s.checkpoints.keys()]))].sort();
  const projections: ProjectionLagResult['projections'] = {};
  for (const name of names) {
    projections[name] = {
      events: recorded.length,
      ...summary(lagsOf(recorded, samples, (s) => s.checkpoints.get(name) ?? 0)),
    };
  }
  return { projections, feedVisible: summary(lagsOf(recorded, samples, (s) => s.feedHead)), pollMs: POLL_MS };
}

/** Both lists are in time order, so one pass: each event's first sample at or past it. */
function lagsOf(recorded: number[], samples: Sample[], reached: (sample: Sample) => number): number[] {
  const result: number[] = [];
  let index = 0;
  for (const at of recorded) {
    while (index < samples.length && reached(samples[index]!) < at) index++;
    if (index === samples.length) break;
    result.push(samples[index]!.at - at);
  }
  return result;
}

function summary(values: number[]) {
  return {
    p50Ms: round(percentile(values, 50), 1),
    p99Ms: round(percentile(values, 99), 1),
    maxMs: round(Math.max(...values), 1),
  };
}

async function startProjector(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [PROJECTOR_MAIN], {
    env: {
      ...process.env,
      ...TEST_PERSONAL_DATA_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PROJECTOR_METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('projector running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the projector exited with ${code} before running:\n${output}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
