import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Pool } from 'undici';
import { SseClient } from '../support/sse-client.js';
import { pacedIntake } from './paced-intake.js';
import { percentile, round } from './stats.js';
import { TEST_PERSONAL_DATA_ENV } from '../support/personal-data.js';
import { TEST_AUTH_ENV } from '../support/auth.js';
import { service } from '../support/complaint-requests.js';

export interface EventFeedFanoutOptions {
  databaseUrl: string;
  port: number;
  /** Subscriber counts to measure, the first being the baseline (e.g. [1, 50]). */
  subscribers: number[];
  postsPerSecond: number;
  durationMs: number;
}

export interface FanoutRound {
  subscribers: number;
  posts: number;
  postErrors: number;
  /** Events delivered over all subscribers, and how many were expected. */
  delivered: number;
  expected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * GET /events fan-out: N live SSE subscribers while `POST /complaints` runs at a paced rate. Latency
 * is the event's recordedAt (stamped by the API when it appends) to its arrival at each subscriber,
 * on the same machine clock. The built API runs as its own process, as in production.
 */
export async function benchEventFeedFanout(options: EventFeedFanoutOptions): Promise<FanoutRound[]> {
  const server = await startApi(options);
  const base = `http://127.0.0.1:${options.port}`;
  const pool = new Pool(base, { connections: 32, pipelining: 1 });
  try {
    await pacedIntake(pool, options.postsPerSecond, 1000); // warm-up
    const rounds: FanoutRound[] = [];
    for (const subscribers of options.subscribers) rounds.push(await measure(base, pool, subscribers, options));
    return rounds;
  } finally {
    await pool.close();
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

async function measure(base: string, pool: Pool, subscribers: number, options: EventFeedFanoutOptions) {
  const latencies: number[] = [];
  const clients = await Promise.all(
    Array.from({ length: subscribers }, () => SseClient.connect(`${base}/events`, service)),
  );
  // Events of earlier posts (the warm-up, the previous round) that the feed shows only after a client
  // connected are delivered too, rightly, but they are not this round's: measured are the posts of
  // the window alone, so that the count matches and old events do not stretch the tail.
  const windowStart = Date.now();
  for (const client of clients) {
    client.onChunk = (self) => {
      const arrived = Date.now();
      for (const message of self.messages.splice(0)) {
        const recordedAt = Date.parse(JSON.parse(message.data).recordedAt);
        if (recordedAt >= windowStart) latencies.push(arrived - recordedAt);
      }
    };
  }
  const { posts, errors } = await pacedIntake(pool, options.postsPerSecond, options.durationMs);
  const expected = (posts - errors) * subscribers;
  const deadline = Date.now() + 10_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const client of clients) client.close();
  return {
    subscribers,
    posts,
    postErrors: errors,
    delivered: latencies.length,
    expected,
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 1),
  };
}

async function startApi(options: EventFeedFanoutOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...TEST_PERSONAL_DATA_ENV,
      ...TEST_AUTH_ENV,
      // One client measuring throughput is not a caller to protect the API from.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`API exited with ${code} before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
  });
  return child;
}
