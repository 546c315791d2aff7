import type { FeedFilter, RecordedEvent } from '#event-store';
import type pg from 'pg';

/**
 * Logical table name (as the projection declares it) → the physical table to write in this run.
 * Live runs map a name to itself; a rebuild maps `complaint_summary` to `complaint_summary_next`.
 */
export type TableNames = Readonly<Record<string, string>>;

/** What `apply` gets: the batch's transaction and where to write. */
export interface ApplyContext {
  /** A client inside the transaction that also advances the checkpoint. Never COMMIT or ROLLBACK it. */
  tx: pg.ClientBase;
  /** Physical names, already quoted for SQL (`"complaint_summary_next"`). */
  tables: TableNames;
}

/**
 * A read model kept up to date from the global feed. The engine calls `apply` with consecutive
 * batches of the feed (only the event types and stream prefixes declared here), each in its own
 * transaction together with the checkpoint, so `apply` sees every event exactly once per committed
 * checkpoint — but may see a batch again after a crash or a lost compare-and-set, so it must be
 * idempotent (compare the stream revision, e.g. `WHERE t.last_revision < EXCLUDED.last_revision`).
 */
export interface Projection {
  /** Stable name; also the checkpoint's name and the advisory lock's key. */
  readonly name: string;
  /** Bump when the rows' meaning changes; `projections status` then says a rebuild is due. */
  readonly version: number;
  /** The feed is filtered to these, so the projection never pays for events it ignores. */
  readonly eventTypes: readonly string[];
  readonly streamPrefixes?: readonly string[];
  /**
   * The tables this projection owns (created by a migration). A rebuild copies each one's shape
   * with `CREATE TABLE <t>_next (LIKE <t> INCLUDING ALL)`, so no identity/serial columns: keys must
   * come from the events.
   */
  readonly tables: readonly string[];
  /** Set-based: fold the batch in memory, then a few multi-row statements. */
  apply(batch: readonly RecordedEvent[], context: ApplyContext): Promise<void>;
}

export function feedFilterOf(projection: Projection): FeedFilter {
  return {
    eventTypes: [...projection.eventTypes],
    ...(projection.streamPrefixes ? { streamPrefixes: [...projection.streamPrefixes] } : {}),
  };
}
