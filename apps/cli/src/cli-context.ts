import { type EventStore, PostgresEventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { type AppConfig, loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase, type ResolvedDatabase } from '#platform/database/resolve-database';

/** What every CLI command gets: configuration and lazily opened resources, closed at exit. */
export class CliContext {
  private database?: Promise<ResolvedDatabase>;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(
    readonly config: AppConfig = loadConfig(),
    readonly out: NodeJS.WritableStream = process.stdout,
    readonly err: NodeJS.WritableStream = process.stderr,
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
