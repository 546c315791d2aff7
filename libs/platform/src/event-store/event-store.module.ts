import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { personalDataLocationOf, upcast } from '#domain';
import { type EventStore, PersonalDataEventStore, type PersonalDataReads, PostgresEventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { UpcastingEventStore } from '#event-store/upcasting/upcasting-event-store';
import { type AppConfig, loadConfig } from '../config/app-config.js';
import { PG_POOL } from '../database/database.module.js';
import { CountingEventStore } from '../metrics/counting-event-store.js';
import { METRICS_REGISTRY, type Registry } from '../metrics/registry.js';
import { resolveMasterKey } from '../personal-data/master-key.js';
import { PostgresCustomerKeys } from '../personal-data/postgres-customer-keys.js';
import { CLOCK, type Clock } from '../time/clock.js';

/**
 * The store as readers should see it: stored events upcast to their current schema version, personal
 * data opened (or shown as erased). Appends through it seal personal data before it is hashed.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');
/**
 * The same, but personal data left sealed as stored: for projections, which never need it, so no
 * read model can ever hold it in clear.
 */
export const SEALED_EVENT_STORE = Symbol('SEALED_EVENT_STORE');
/**
 * The store as written, bytes and schema versions untouched (personal data sealed): for hash-chain
 * verification, export, import and copies, whose hashes only hold over the stored form.
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
/** The per-customer keys that seal personal data (PostgresCustomerKeys), for forgetting a customer. */
export const CUSTOMER_KEYS = Symbol('CUSTOMER_KEYS');

export interface EventStoreModuleOptions {
  kind: 'postgres' | 'eventstoredb';
  /**
   * EVENTSTORE_CONNECTION_STRING and EVENTSTORE_TIMEOUT_MS for eventstoredb; the personal-data
   * master key settings (absent: the defaults, i.e. a development key under .data).
   */
  config?: Pick<
    AppConfig,
    | 'EVENTSTORE_CONNECTION_STRING'
    | 'EVENTSTORE_TIMEOUT_MS'
    | 'NODE_ENV'
    | 'DATA_DIR'
    | 'PERSONAL_DATA_MASTER_KEY'
    | 'PERSONAL_DATA_KEY_CACHE_SIZE'
  >;
}

/** Binds the EventStore port to the adapter chosen by configuration (EVENT_STORE). */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CUSTOMER_KEYS) private readonly keys: PostgresCustomerKeys,
  ) {}

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
          provide: CUSTOMER_KEYS,
          inject: [PG_POOL],
          useFactory: (pool: pg.Pool) =>
            customerKeys(pool, options.config ?? loadConfig({}), { eventsOnSameServer: options.kind === 'postgres' }),
        },
        {
          provide: EVENT_STORE,
          // With MetricsModule in the app, appends through this view count in events_appended_total.
          inject: [RAW_EVENT_STORE, CUSTOMER_KEYS, { token: METRICS_REGISTRY, optional: true }],
          useFactory: (raw: EventStore, keys: PostgresCustomerKeys, registry?: Registry): EventStore => {
            const view = readersView(raw, keys, 'open');
            return registry ? new CountingEventStore(view, registry) : view;
          },
        },
        {
          provide: SEALED_EVENT_STORE,
          inject: [RAW_EVENT_STORE, CUSTOMER_KEYS],
          useFactory: (raw: EventStore, keys: PostgresCustomerKeys) => readersView(raw, keys, 'sealed'),
        },
      ],
      exports: [EVENT_STORE, SEALED_EVENT_STORE, RAW_EVENT_STORE, CUSTOMER_KEYS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
    await this.store.close();
  }
}

/** Stored events → personal data opened or left sealed → upcast to their current schema version. */
function readersView(raw: EventStore, keys: PostgresCustomerKeys, reads: PersonalDataReads): EventStore {
  return new UpcastingEventStore(new PersonalDataEventStore(raw, keys, personalDataLocationOf, reads), upcast);
}

/** Refuses to start with a master key other than the one that wrapped this database's keys. */
async function customerKeys(
  pool: pg.Pool,
  config: NonNullable<EventStoreModuleOptions['config']>,
  placement: { eventsOnSameServer: boolean },
): Promise<PostgresCustomerKeys> {
  const masterKey = await resolveMasterKey(config);
  const cacheSize = config.PERSONAL_DATA_KEY_CACHE_SIZE;
  const keys = new PostgresCustomerKeys({ pool, masterKey, cacheSize, ...placement });
  await keys.assertMasterKey();
  return keys;
}

/** EVENT_STORE=eventstoredb: PostgreSQL stays for idempotency records and read models. */
function eventStoreDb(options: EventStoreModuleOptions, clock: Clock): EventStore {
  const connectionString = options.config?.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  const deadline = options.config?.EVENTSTORE_TIMEOUT_MS ?? 10_000;
  const timeouts = { appendMs: deadline, readMs: deadline, subscribeMs: deadline };
  return new EventStoreDbEventStore({ connectionString, timeouts, clock: () => clock.now() });
}
