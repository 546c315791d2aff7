import pg from 'pg';
import {
  eventStoreMigrations,
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from '../../libs/event-store/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import type { ContractStoreOptions } from './event-store.contract.js';

/** A database of the test file's own, with the event store schema. */
export async function eventStoreDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase('event_store');
  await runMigrations(database.url, eventStoreMigrations);
  return database;
}

/** An empty store on that database; commitDelayMs becomes a pg_sleep inside each append's transaction. */
export async function emptyPostgresStore(
  url: string,
  options: ContractStoreOptions & Partial<PostgresEventStoreOptions> = {},
): Promise<PostgresEventStore> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('TRUNCATE events RESTART IDENTITY').finally(() => admin.end());
  const { commitDelayMs, ...rest } = options;
  return new PostgresEventStore({
    connectionString: url,
    poolSize: 24,
    pollIntervalMs: 250,
    transactionHook: commitDelayMs
      ? async (client) => void (await client.query('SELECT pg_sleep($1)', [commitDelayMs() / 1000]))
      : undefined,
    ...rest,
  });
}
