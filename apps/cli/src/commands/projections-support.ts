import pg from 'pg';
import { type EventStore, PostgresEventStore } from '#event-store';
import { type FeedCounter, pagingCounter, postgresFeedCounter } from '#read-models';
import type { CliContext } from '../cli-context.js';

export interface ProjectionTools {
  store: EventStore;
  pool: pg.Pool;
  counter: FeedCounter;
  close(): Promise<void>;
}

/** The event store (through the port) and a pool on the read-model database. */
export async function projectionTools(context: CliContext): Promise<ProjectionTools> {
  const store = await context.eventStore();
  const pool = new pg.Pool({ connectionString: await context.databaseUrl(), max: 4 });
  const counter = store instanceof PostgresEventStore ? postgresFeedCounter(pool) : pagingCounter(store);
  return { store, pool, counter, close: () => pool.end() };
}
