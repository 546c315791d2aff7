import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AppProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches `pattern`; rejects if the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with how the process ended. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * One of the product's processes (`apps/api/src/main.ts`, `apps/projector/src/main.ts`) run from the
 * sources in a child process, as in production but without a build (test/read-models/support/ts-loader).
 */
export function startAppProcess(entry: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', './test/read-models/support/register-ts.mjs', entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    output: () => text,
    exited: () => exit,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`)), timeoutMs);
        const check = () => pattern.test(text) && done();
        const ended = () => done(new Error(`the process exited before printing ${pattern}:\n${text}`));
        function done(error?: Error) {
          clearTimeout(deadline);
          child.stdout!.off('data', check);
          child.stderr!.off('data', check);
          child.off('exit', ended);
          if (error) reject(error);
          else resolve();
        }
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        child.once('exit', ended);
        check();
      }),
  };
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
