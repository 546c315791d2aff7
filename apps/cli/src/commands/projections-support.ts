import pg from 'pg';
import { upcast } from '#domain';
import { type EventStore, PostgresEventStore } from '#event-store';
import { UpcastingEventStore } from '#event-store/upcasting/upcasting-event-store';
import { type FeedCounter, pagingCounter, postgresFeedCounter } from '#read-models';
import type { CliContext } from '../cli-context.js';

export interface ProjectionTools {
  /** The store as the live projector reads it: stored events upcast to their current schema version. */
  store: EventStore;
  pool: pg.Pool;
  counter: FeedCounter;
  close(): Promise<void>;
}

/** The event store (through the port, upcast like the projector's) and a pool on the read-model database. */
export async function projectionTools(context: CliContext): Promise<ProjectionTools> {
  const raw = await context.eventStore();
  const pool = new pg.Pool({ connectionString: await context.databaseUrl(), max: 4 });
  const counter = raw instanceof PostgresEventStore ? postgresFeedCounter(pool) : pagingCounter(raw);
  return { store: new UpcastingEventStore(raw, upcast), pool, counter, close: () => pool.end() };
}
