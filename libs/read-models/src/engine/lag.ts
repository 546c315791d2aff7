import type { EventStore, FeedFilter, Position } from '#event-store';
import type pg from 'pg';
import { type Checkpoint, readCheckpoint } from './checkpoints.js';
import { feedFilterOf, type Projection } from './projection.js';

/** How far a projection is behind the head of the feed: for the lag metric and `projections status`. */
export interface ProjectionLag {
  name: string;
  projection: string;
  /** Version the rows were built with, and the code's version: unequal means a rebuild is due. */
  builtVersion: number | null;
  codeVersion: number;
  position: Position | null;
  head: Position;
  /** Events of the projection's types after the checkpoint. */
  eventsBehind: number;
  /** False when counting stopped at the cap (`eventsBehind` is then a lower bound). */
  eventsBehindExact: boolean;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  secondsBehind: number;
  lastEventAt: Date | null;
  updatedAt: Date | null;
}

/** Counts feed events after a position; adapters may offer a faster one than paging (see postgres-lag.ts). */
export type FeedCounter = (after: Position, filter: FeedFilter, cap: number) => Promise<number>;

/** Through the port only: pages through the feed, up to `cap` events. */
export function pagingCounter(store: EventStore, pageSize = 1000): FeedCounter {
  return async (after, filter, cap) => {
    let count = 0;
    let position = after;
    while (count < cap) {
      const page = await store.readAll({ after: position, limit: Math.min(pageSize, cap - count), filter });
      count += page.events.length;
      if (page.events.length === 0 || store.comparePositions(page.position, position) <= 0) break;
      position = page.position;
    }
    return count;
  };
}

export interface LagOptions {
  store: EventStore;
  db: Pick<pg.ClientBase, 'query'>;
  projection: Projection;
  checkpointName?: string;
  counter?: FeedCounter;
  /** Stop counting here. Default 1,000,000. */
  cap?: number;
  now?: () => Date;
}

export async function measureLag(options: LagOptions): Promise<ProjectionLag> {
  const { store, projection } = options;
  const name = options.checkpointName ?? projection.name;
  const filter = feedFilterOf(projection);
  const cap = options.cap ?? 1_000_000;
  const checkpoint: Checkpoint | undefined = await readCheckpoint(options.db, name);
  const after = checkpoint?.position ?? 'start';
  const [head, oldest, eventsBehind] = await Promise.all([
    store.headPosition(),
    store.readAll({ after, limit: 1, filter }),
    (options.counter ?? pagingCounter(store))(after, filter, cap),
  ]);
  const first = oldest.events[0];
  const now = (options.now ?? (() => new Date()))();
  return {
    name,
    projection: projection.name,
    builtVersion: checkpoint?.version ?? null,
    codeVersion: projection.version,
    position: checkpoint?.position ?? null,
    head,
    eventsBehind,
    eventsBehindExact: eventsBehind < cap,
    secondsBehind: first ? Math.max(0, (now.getTime() - first.recordedAt.getTime()) / 1000) : 0,
    lastEventAt: checkpoint?.lastEventAt ?? null,
    updatedAt: checkpoint?.updatedAt ?? null,
  };
}
