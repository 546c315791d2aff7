import pg from 'pg';
import { personalDataLocationOf } from '#domain';
import { type EventStore, PersonalDataEventStore, PostgresEventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { type AppConfig, loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase, type ResolvedDatabase } from '#platform/database/resolve-database';
import { resolveMasterKey } from '#platform/personal-data/master-key';
import { PostgresCustomerKeys } from '#platform/personal-data/postgres-customer-keys';
import { type CliLauncher, thisCli } from './launcher.js';

/** What every CLI command gets: configuration and lazily opened resources, closed at exit. */
export class CliContext {
  private database?: Promise<ResolvedDatabase>;
  private keys?: Promise<PostgresCustomerKeys>;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(
    readonly config: AppConfig = loadConfig(),
    readonly out: NodeJS.WritableStream = process.stdout,
    readonly err: NodeJS.WritableStream = process.stderr,
    readonly launcher: CliLauncher = thisCli(),
  ) {}

  /** The configured PostgreSQL (or the embedded one), migrated to the current schema. */
  databaseUrl(): Promise<string> {
    this.database ??= resolveDatabase(this.config).then(async (database) => {
      this.closers.push(() => database.stop());
      await runMigrations(database.url, productMigrations);
      return database;
    });
    return this.database.then((database) => database.url);
  }

  /** The event store chosen by EVENT_STORE. */
  eventStore(): Promise<EventStore> {
    return this.openEventStore(this.config.EVENT_STORE);
  }

  /**
   * A store of either kind, closed at exit. `connection` overrides the configured one: a postgres://
   * URL (migrated first) or an EventStoreDB connection string (e.g. for `store copy`).
   */
  async openEventStore(kind: 'postgres' | 'eventstoredb', connection?: string): Promise<EventStore> {
    const store = kind === 'eventstoredb' ? this.eventStoreDb(connection) : await this.postgresStore(connection);
    this.closers.unshift(() => store.close());
    return store;
  }

  /**
   * `store` as the API writes to it: personal data sealed with the customer's key (kept in the
   * configured PostgreSQL) before it is hashed and stored. For commands that write new events.
   */
  async sealingPersonalData(store: EventStore): Promise<EventStore> {
    return new PersonalDataEventStore(store, await this.customerKeys(), personalDataLocationOf);
  }

  private customerKeys(): Promise<PostgresCustomerKeys> {
    this.keys ??= (async () => {
      const masterKey = await resolveMasterKey(this.config);
      const pool = new pg.Pool({ connectionString: await this.databaseUrl(), max: 2 });
      const keys = new PostgresCustomerKeys({
        pool,
        masterKey,
        cacheSize: this.config.PERSONAL_DATA_KEY_CACHE_SIZE,
        // The CLI writes events to the configured store, on this same server when it is PostgreSQL.
        eventsOnSameServer: this.config.EVENT_STORE === 'postgres',
      });
      this.closers.unshift(async () => {
        await keys.close();
        await pool.end();
      });
      await keys.assertMasterKey();
      return keys;
    })();
    return this.keys;
  }

  private eventStoreDb(connection?: string): EventStore {
    const connectionString = connection ?? this.config.EVENTSTORE_CONNECTION_STRING;
    if (!connectionString)
      throw new Error('EventStoreDB needs EVENTSTORE_CONNECTION_STRING (or a connection string flag)');
    const deadline = this.config.EVENTSTORE_TIMEOUT_MS;
    return new EventStoreDbEventStore({
      connectionString,
      timeouts: { appendMs: deadline, readMs: deadline, subscribeMs: deadline },
    });
  }

  private async postgresStore(url?: string): Promise<EventStore> {
    if (url) await runMigrations(url, productMigrations);
    return new PostgresEventStore({ connectionString: url ?? (await this.databaseUrl()), poolSize: 4 });
  }

  print(line: string): void {
    this.out.write(`${line}\n`);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
  }
}
