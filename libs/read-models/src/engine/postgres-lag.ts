import { type Position, START } from '#event-store';
import type pg from 'pg';
import type { FeedCounter } from './lag.js';

/**
 * A FeedCounter for the PostgreSQL event store: one count(*) over the feed index instead of paging
 * events through Node. Same visibility rule as the adapter's feed (only below the snapshot's xmin).
 * Lives here, not in the adapter, because it is an operations helper, not part of the port.
 */
export function postgresFeedCounter(pool: Pick<pg.Pool, 'query'>): FeedCounter {
  return async (after, filter, cap) => {
    const { transactionId, globalPosition } = decode(after);
    const prefixes = filter.streamPrefixes?.map((prefix) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) ?? null;
    const { rows } = await pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM events e
          WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
            AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND ($3::text[] IS NULL OR e.stream_name LIKE ANY ($3::text[]))
            AND ($4::text[] IS NULL OR e.event_type = ANY ($4::text[]))
          LIMIT $5) capped`,
      [transactionId, globalPosition, prefixes, filter.eventTypes ?? null, cap],
    );
    return rows[0]?.count ?? 0;
  };
}

function decode(position: Position): { transactionId: string; globalPosition: string } {
  if (position === START) return { transactionId: '0', globalPosition: '0' };
  const [transactionId, globalPosition] = position.split('/');
  if (!transactionId || !globalPosition) throw new TypeError(`Not a PostgreSQL event store position: ${position}`);
  return { transactionId, globalPosition };
}
