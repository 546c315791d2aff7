import { once } from 'node:events';

export default async function globalTeardown() {
  const child = globalThis.__embeddedPostgres;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
