import type pg from 'pg';
import { COMPLAINT_QUEUE } from './complaint-queue.projection.js';
import { decodeQueueCursor, encodeQueueCursor, QUEUE_KEY_TEXT, QUEUE_KEY_TYPES, QUEUE_ORDER } from './queue-cursor.js';

export { InvalidQueueCursorError } from './queue-cursor.js';

/** One open complaint in a queue, in queue order. No personal data. */
export interface QueueItemView {
  complaintId: string;
  status: string;
  team: string;
  /** Null while nobody owns it: what POST /queues/:team/claim hands out. */
  ownerId: string | null;
  category: string | null;
  priority: string | null;
  escalationTier: number;
  sla: {
    /** The target whose due instant is nearest (or, while paused, with the least time left). */
    target: string | null;
    /** Null while paused (it depends on when the customer answers) and when no clock runs. */
    dueAt: string | null;
    overdue: boolean;
    paused: boolean;
    /** While paused: the time left on that target, frozen until the complaint resumes. */
    remainingMsWhenPaused: number | null;
  };
  receivedAt: string;
  updatedAt: string;
  revision: number;
}

export interface QueuePage {
  items: QueueItemView[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface QueuePageQuery {
  limit: number;
  cursor?: string;
}

type Queryable = Pick<pg.Pool, 'query'>;

/** The open complaints of a team (owned or not; only the unowned ones with `unownedOnly`). */
export function listTeamQueue(
  db: Queryable,
  query: QueuePageQuery & { team: string; unownedOnly?: boolean },
  now: Date = new Date(),
): Promise<QueuePage> {
  const where = query.unownedOnly ? ['team = $1', 'owner_id IS NULL'] : ['team = $1'];
  return queuePage(db, { where, params: [query.team] }, query, now);
}

/** The open complaints an agent owns. */
export function listAgentQueue(
  db: Queryable,
  query: QueuePageQuery & { agentId: string },
  now: Date = new Date(),
): Promise<QueuePage> {
  return queuePage(db, { where: ['owner_id = $1'], params: [query.agentId] }, query, now);
}

/** The SQL a queue page runs (exported for EXPLAIN in tests and the benchmark). */
export function queuePageSql(scope: { where: string[]; params: unknown[] }, query: QueuePageQuery) {
  const params = [...scope.params];
  const where = ['queued', ...scope.where];
  if (query.cursor) {
    const placeholders = decodeQueueCursor(query.cursor).map((value, index) => {
      params.push(value);
      return `$${params.length}::${QUEUE_KEY_TYPES[index]}`;
    });
    where.push(`(${QUEUE_ORDER.join(', ')}) > (${placeholders.join(', ')})`);
  }
  params.push(query.limit + 1);
  const text = `SELECT complaint_id, status, team, owner_id, category, priority, escalation_tier, sla_target,
                       sla_due_at, sla_paused, paused_remaining_ms, received_at, updated_at, last_revision,
                       ARRAY[${QUEUE_KEY_TEXT}] AS cursor_key
                  FROM ${COMPLAINT_QUEUE}
                 WHERE ${where.join(' AND ')}
                 ORDER BY ${QUEUE_ORDER.join(', ')}
                 LIMIT $${params.length}`;
  return { text, params };
}

async function queuePage(
  db: Queryable,
  scope: { where: string[]; params: unknown[] },
  query: QueuePageQuery,
  now: Date,
): Promise<QueuePage> {
  const { text, params } = queuePageSql(scope, query);
  const { rows } = await db.query<Record<string, unknown> & { cursor_key: string[] }>(text, params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toView(row, now)),
    nextCursor: rows.length > query.limit && last ? encodeQueueCursor(last.cursor_key) : null,
  };
}

function toView(row: Record<string, unknown>, now: Date): QueueItemView {
  const dueAt = row.sla_due_at as Date | null;
  const paused = Boolean(row.sla_paused);
  return {
    complaintId: String(row.complaint_id),
    status: String(row.status),
    team: String(row.team),
    ownerId: row.owner_id == null ? null : String(row.owner_id),
    category: row.category == null ? null : String(row.category),
    priority: row.priority == null ? null : String(row.priority),
    escalationTier: Number(row.escalation_tier),
    sla: {
      target: row.sla_target == null ? null : String(row.sla_target),
      dueAt: dueAt?.toISOString() ?? null,
      overdue: dueAt !== null && dueAt.getTime() <= now.getTime(),
      paused,
      remainingMsWhenPaused: paused ? Number(row.paused_remaining_ms) : null,
    },
    receivedAt: (row.received_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
    revision: Number(row.last_revision),
  };
}
