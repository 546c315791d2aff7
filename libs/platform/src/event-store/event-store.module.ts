import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { upcast } from '#domain';
import { type EventStore, PostgresEventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { UpcastingEventStore } from '#event-store/upcasting/upcasting-event-store';
import type { AppConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { CountingEventStore } from '../metrics/counting-event-store.js';
import { METRICS_REGISTRY, type Registry } from '../metrics/registry.js';
import { CLOCK, type Clock } from '../time/clock.js';

/** The store as readers should see it: stored events upcast to their current schema version. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/**
 * The store as written, bytes and schema versions untouched: for hash-chain verification, export,
 * import and copies, whose hashes only hold over the stored form.
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

export interface EventStoreModuleOptions {
  kind: 'postgres' | 'eventstoredb';
  /** Required for eventstoredb: EVENTSTORE_CONNECTION_STRING and EVENTSTORE_TIMEOUT_MS. */
  config?: Pick<AppConfig, 'EVENTSTORE_CONNECTION_STRING' | 'EVENTSTORE_TIMEOUT_MS'>;
}

/** Binds the EventStore port to the adapter chosen by configuration (EVENT_STORE). */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: RAW_EVENT_STORE,
          inject: [PG_POOL, CLOCK],
          useFactory: (pool: pg.Pool, clock: Clock): EventStore => {
            if (options.kind === 'eventstoredb') return eventStoreDb(options, clock);
            return new PostgresEventStore({ pool, clock: () => clock.now() });
          },
        },
        {
          provide: EVENT_STORE,
          // With MetricsModule in the app, appends through this view count in events_appended_total.
          inject: [RAW_EVENT_STORE, { token: METRICS_REGISTRY, optional: true }],
          useFactory: (raw: EventStore, registry?: Registry): EventStore => {
            const view = new UpcastingEventStore(raw, upcast);
            return registry ? new CountingEventStore(view, registry) : view;
          },
        },
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** EVENT_STORE=eventstoredb: PostgreSQL stays for idempotency records and read models. */
function eventStoreDb(options: EventStoreModuleOptions, clock: Clock): EventStore {
  const connectionString = options.config?.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  const deadline = options.config?.EVENTSTORE_TIMEOUT_MS ?? 10_000;
  const timeouts = { appendMs: deadline, readMs: deadline, subscribeMs: deadline };
  return new EventStoreDbEventStore({ connectionString, timeouts, clock: () => clock.now() });
}
