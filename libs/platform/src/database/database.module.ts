import { Global, Inject, Module, type OnApplicationShutdown, type DynamicModule } from '@nestjs/common';
import pg from 'pg';

export const PG_POOL = Symbol('PG_POOL');

export interface DatabaseOptions {
  url: string;
  poolSize: number;
}

/** One pg pool per process, shared by the event store adapter and the idempotency records. */
export function createPool(options: DatabaseOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // A session stuck in a transaction holds back the global feed for every reader (DESIGN.md, trap 4).
    options: '-c idle_in_transaction_session_timeout=30000',
  });
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: PG_POOL, useFactory: () => createPool(options) }],
      exports: [PG_POOL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
