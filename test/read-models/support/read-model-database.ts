import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import pg from 'pg';
import { type EventStore, PostgresEventStore } from '../../../libs/event-store/src/index.js';
import { feedFilterOf, type Projection, ProjectionRunner } from '../../../libs/read-models/src/index.js';
import { runMigrations } from '../../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../../libs/platform/src/database/product-migrations.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/** A database of the test file's own with the whole product schema (event store + read models). */
export async function readModelDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase('read_models');
  await runMigrations(database.url, productMigrations);
  return database;
}

/** md5 over every row of a table in key order: equal checksums = identical tables. */
export async function tableChecksum(db: Pick<pg.Pool, 'query'>, table: string, key: string): Promise<string> {
  const { rows } = await db.query<{ checksum: string }>(
    `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${key}), '')) AS checksum FROM ${table} t`,
  );
  return rows[0]!.checksum;
}

/** Polls until `check` holds (no fixed sleeps); fails with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Until the feed shows every committed event: on a server shared with other test files, an event
 * stays out of the feed while any older transaction is open anywhere on it.
 */
export async function feedShowsAllCommitted(store: EventStore): Promise<void> {
  const committed = store.committedHeadPosition ? await store.committedHeadPosition() : await store.headPosition();
  await eventually(
    async () => store.comparePositions(await store.headPosition(), committed) >= 0,
    `the feed to show ${committed}`,
    30_000,
  );
}

export interface ProjectionTestBed {
  readonly database: TestDatabase;
  readonly store: PostgresEventStore;
  /** A catch-up runner of the projection on the bed's store. */
  runner(batchSize?: number): ProjectionRunner;
  /** The whole feed applied twice in one transaction, on the live tables (idempotence by revision). */
  applyFeedTwice(): Promise<void>;
}

/**
 * A test file's database with the product schema and a PostgreSQL store on it, for one projection:
 * created before the file's tests, dropped after, and the feed, the checkpoints and the projection's
 * own tables emptied before each test.
 */
export function projectionTestBed(projection: Projection, options: { poolSize?: number } = {}): ProjectionTestBed {
  let database: TestDatabase | undefined;
  let store: PostgresEventStore | undefined;
  beforeAll(async () => {
    database = await readModelDatabase();
    store = new PostgresEventStore({ connectionString: database.url, poolSize: options.poolSize ?? 8 });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await store!.pool.query(`TRUNCATE events, projection_checkpoints, ${projection.tables.join(', ')}`);
  });
  return {
    get database() {
      return database!;
    },
    get store() {
      return store!;
    },
    runner: (batchSize = 500) => new ProjectionRunner({ store: store!, pool: store!.pool, projection, batchSize }),
    applyFeedTwice: async () => {
      // As the engine feeds it: only the projection's event types and streams.
      const { events } = await store!.readAll({ limit: 100_000, filter: feedFilterOf(projection) });
      const tables = Object.fromEntries(projection.tables.map((table) => [table, `"${table}"`]));
      const client = await store!.pool.connect();
      try {
        await client.query('BEGIN');
        await projection.apply(events, { tx: client, tables });
        await projection.apply(events, { tx: client, tables });
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
  };
}
