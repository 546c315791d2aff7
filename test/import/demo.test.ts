/**
 * `npm run demo` (apps/cli/src/demo/main.ts, run from the sources in a child process): it migrates,
 * starts the API and the projector, imports the CFPB sample, waits for the projections and prints
 * links that answer — then stops cleanly on SIGTERM. Run again, it finds the complaints already there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY = 'Ctrl+C stops everything';
let database: TestDatabase;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database.drop();
});

function startDemo(args: string[] = []): { child: ChildProcess; output: () => string; errors: () => string } {
  // As `npm run demo` on a bare machine: no NODE_ENV (jest sets it to test).
  const { NODE_ENV: _testing, ...environment } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', './test/read-models/support/register-ts.mjs', 'apps/cli/src/demo/main.ts', ...args],
    {
      cwd: ROOT,
      env: {
        ...environment,
        NODE_OPTIONS: '',
        DATABASE_URL: database.url,
        PORT: '0',
        PROJECTOR_METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return { child, output: () => output, errors: () => errors };
}

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const linksIn = (output: string) => [...output.matchAll(/^ {2}(.+?) {2,}(http:\/\/\S+)/gm)].map((m) => m[2]!);

describe('npm run demo', () => {
  test('imports the sample, prints links to queues, analytics, docs and metrics that answer, and stops on SIGTERM', async () => {
    const { child, output, errors } = startDemo();
    const exited = once(child, 'exit');
    await until(() => output().includes(READY) || child.exitCode !== null, 'the demo to be ready', 400_000);
    if (child.exitCode !== null) throw new Error(`the demo exited with ${child.exitCode}: ${errors().slice(-2000)}`);
    expect(output()).toContain('6623 complaints (40818 events)');
    const links = linksIn(output());
    for (const path of [
      '/docs',
      '/queues/teams/',
      '/analytics/causes?',
      '/analytics/pareto?',
      '/metrics',
      '/health/ready',
    ]) {
      expect(links.some((link) => link.includes(path))).toBe(true);
    }
    // The links open with the supervisor token the demo printed.
    const token = /export SUPERVISOR_TOKEN=(\S+)/.exec(output())?.[1];
    expect(token).toBeDefined();
    const headers = { authorization: `Bearer ${token}` };
    for (const link of links) {
      const response = await fetch(link, { headers });
      await response.text(); // read to the end, so the connection is free when the demo stops
      expect([link, response.status]).toEqual([link, 200]);
    }
    const causesUrl = links.find((link) => link.includes('/analytics/causes?'))!;
    const causes = (await (await fetch(causesUrl, { headers })).json()) as { rows: { complaints: number }[] };
    expect(causes.rows.reduce((sum, row) => sum + row.complaints, 0)).toBe(6623);

    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 480_000);

  test('run again with --exit-after-import, it finds every complaint there, checks its links and exits 0', async () => {
    const { child, output, errors } = startDemo(['--exit-after-import']);
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the demo exited with ${code}: ${errors().slice(-2000)}`);
    expect(output()).toContain('0 complaints (0 events)');
    expect(output()).toContain('6623 already there, 0 rejected');
    expect(output()).not.toContain('did not answer');
    expect(code).toBe(0);
  }, 480_000);
});
