import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TEST_PERSONAL_DATA_ENV } from '../support/personal-data.js';
import { TEST_AUTH_ENV } from '../support/auth.js';

/** The built API (`npm run build`), beside this file in dist/. */
const API_MAIN = fileURLToPath(new URL('../../apps/api/src/main.js', import.meta.url));

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident memory of the API process now, in bytes (Linux /proc). */
  rss(): Promise<number>;
  /** Its highest resident memory since the last resetPeak() (the kernel's own high-water mark). */
  peakRss(): Promise<number>;
  resetPeak(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The API as its own process, as it runs in production, so that its memory is measured alone:
 * not mixed with the benchmark's client, seeding or baseline. Linux only (/proc/<pid>/status).
 */
export async function startApiProcess(databaseUrl: string, port: number): Promise<ApiProcess> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...TEST_PERSONAL_DATA_ENV,
      ...TEST_AUTH_ENV,
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      // One client measuring throughput is not a caller to protect the API from.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await listening(child);
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    rss: () => statusKb(pid, 'VmRSS'),
    peakRss: () => statusKb(pid, 'VmHWM'),
    // "5" resets the peak resident set size (proc(5), clear_refs).
    resetPeak: () => writeFile(`/proc/${pid}/clear_refs`, '5'),
    stop: () => stopped(child),
  };
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening:\n${output}`)));
  });
}

async function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
