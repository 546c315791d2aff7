// Jest loads global setup outside its ESM module mapping, so this file is plain JavaScript.
// Tests talk to a real PostgreSQL: DATABASE_URL when set, otherwise a throw-away embedded server,
// run in a process of its own (embedded-postgres-process.js). Each test file then creates its own
// database on it (test/support/database.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath, URL } from 'node:url';

const SERVER = fileURLToPath(new URL('./embedded-postgres-process.js', import.meta.url));

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the embedded PostgreSQL process exited (${code}) before it was ready`);
  });
  const ready = once(createInterface({ input: child.stdout }), 'line').then(([line]) => JSON.parse(line));
  const { port } = await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__embeddedPostgres = child;
}
