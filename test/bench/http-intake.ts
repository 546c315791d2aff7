import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Pool } from 'undici';
import { median, percentile, round } from './stats.js';
import { TEST_PERSONAL_DATA_ENV } from '../support/personal-data.js';
import { TEST_AUTH_ENV } from '../support/auth.js';
import { agent } from '../support/complaint-requests.js';

export interface HttpIntakeOptions {
  databaseUrl: string;
  concurrency: number;
  durationMs: number;
  rounds: number;
  port: number;
}

export interface HttpIntakeResult {
  concurrency: number;
  /** Whether every intake came from one customer or each from a new one (BENCH_INTAKE_CUSTOMERS). */
  customers: 'one' | 'each';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  rounds: { requestsPerSecond: number; p50Ms: number; p99Ms: number }[];
}

const BODY = JSON.stringify({
  channel: 'web_form',
  customer: { id: 'cust-42', name: 'Maria Silva', email: 'maria@example.com' },
  subject: 'Charged twice for one order',
  description: 'My card statement shows two identical charges of 59.90 for order 5521 on the same day.',
  productRef: 'SUB-PLUS',
  intensity: 'passive',
  purpose: 'criticism',
});

/**
 * BENCH_INTAKE_CUSTOMERS=each: every intake comes from a customer never seen before, so each one
 * also creates (and wraps) that customer's personal-data key; by default all come from one
 * customer, whose key is cached after the first.
 */
const CUSTOMERS = process.env.BENCH_INTAKE_CUSTOMERS === 'each' ? 'each' : 'one';
let customerSequence = 0;

function intakeBody(): string {
  if (CUSTOMERS === 'one') return BODY;
  customerSequence += 1;
  return BODY.replace('"id":"cust-42"', `"id":"cust-${process.pid}-${customerSequence}"`);
}

/**
 * `POST /complaints` under load: the built API runs as its own process (as in production) and this
 * process drives it with a fixed number of concurrent keep-alive clients.
 */
export async function benchHttpIntake(options: HttpIntakeOptions): Promise<HttpIntakeResult> {
  const server = await startApi(options);
  const pool = new Pool(`http://127.0.0.1:${options.port}`, { connections: options.concurrency, pipelining: 1 });
  try {
    await drive(pool, options.concurrency, 2000); // warm-up: JIT, pool connections, caches
    const rounds = [];
    for (let i = 0; i < options.rounds; i++) rounds.push(await drive(pool, options.concurrency, options.durationMs));
    const summary = rounds.map(({ requestsPerSecond, p50Ms, p99Ms }) => ({ requestsPerSecond, p50Ms, p99Ms }));
    return {
      concurrency: options.concurrency,
      customers: CUSTOMERS,
      requestsPerSecond: median(summary.map((r) => r.requestsPerSecond)),
      p50Ms: median(summary.map((r) => r.p50Ms)),
      p99Ms: median(summary.map((r) => r.p99Ms)),
      errors: rounds.reduce((sum, r) => sum + r.errors, 0),
      rounds: summary,
    };
  } finally {
    await pool.close();
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

async function drive(pool: Pool, concurrency: number, durationMs: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const response = await pool.request({
        method: 'POST',
        path: '/complaints',
        body: intakeBody(),
        headers: { 'content-type': 'application/json', ...agent },
      });
      await response.body.dump();
      latencies.push(performance.now() - t0);
      if (response.statusCode !== 201) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: round(latencies.length / seconds, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    errors,
  };
}

async function startApi(options: HttpIntakeOptions): Promise<ChildProcess> {
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
