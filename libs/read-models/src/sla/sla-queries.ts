/**
 * The SLA views, from the sla_clock read model only (never the event store): a complaint's clocks,
 * the targets breached and still unmet, the targets coming due. States and remaining times are
 * measured at `now` (the caller's injected clock) on the policies the projection used.
 */
import { SLA_TARGETS, type SlaPolicy } from '#domain';
import type pg from 'pg';
import { clockViewAt, type SlaClockView } from './clock-view.js';
import { SLA_CLOCK } from './sla-clock.projection.js';
import {
  cursorInstantSql,
  decodeSlaCursor,
  encodeSlaCursor,
  type SlaCursorKey,
  type SlaListKind,
} from './sla-cursor.js';
import { clockRowFromStored, type StoredRow } from './sla-row.js';

export type { SlaClockView } from './clock-view.js';
export { InvalidSlaCursorError } from './sla-cursor.js';

type Queryable = Pick<pg.Pool, 'query'>;

export interface ComplaintSlaView {
  complaintId: string;
  /** The instant the states and remaining times are measured at. */
  asOf: string;
  /** Acknowledge, first response, then one resolve clock per handling, oldest first. */
  clocks: SlaClockView[];
}

export async function getComplaintSla(
  db: Queryable,
  complaintId: string,
  now: Date,
  policies: readonly SlaPolicy[],
): Promise<ComplaintSlaView | undefined> {
  const { rows } = await db.query<StoredRow>(`SELECT * FROM ${SLA_CLOCK} WHERE complaint_id = $1`, [complaintId]);
  if (rows.length === 0) return undefined;
  const order = (view: SlaClockView) => SLA_TARGETS.indexOf(view.target) * 1_000_000 + view.handling;
  const clocks = rows.map((row) => clockViewAt(clockRowFromStored(row), now, policies));
  return { complaintId, asOf: now.toISOString(), clocks: clocks.sort((a, b) => order(a) - order(b)) };
}

export interface SlaListFilter {
  team?: string;
  priority?: string;
  category?: string;
  target?: string;
}

export interface SlaListQuery extends SlaListFilter {
  limit: number;
  cursor?: string;
}

export interface SlaClockPage {
  asOf: string;
  items: SlaClockView[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/** Open targets whose breach instant has passed (running overdue, or paused after breaching), oldest breach first. */
export function listSlaBreaches(
  db: Queryable,
  query: SlaListQuery,
  now: Date,
  policies: readonly SlaPolicy[],
): Promise<SlaClockPage> {
  return listClocks(db, { kind: 'breaches', column: 'breach_at', open: `state IN ('running', 'paused')` }, query, {
    now,
    policies,
    window: (bind) => `breach_at <= ${bind(now.toISOString())}::timestamptz`,
  });
}

/** Running targets not yet breached whose due instant falls within `withinMs` of now, soonest first. */
export function listSlaDue(
  db: Queryable,
  query: SlaListQuery & { withinMs: number },
  now: Date,
  policies: readonly SlaPolicy[],
): Promise<SlaClockPage> {
  const until = new Date(now.getTime() + query.withinMs).toISOString();
  return listClocks(db, { kind: 'due', column: 'due_at', open: `state = 'running'` }, query, {
    now,
    policies,
    window: (bind) => `due_at > ${bind(now.toISOString())}::timestamptz AND due_at <= ${bind(until)}::timestamptz`,
  });
}

interface ListShape {
  kind: SlaListKind;
  /** The instant the list is ordered by (the first key of its index). */
  column: string;
  /** The partial index's predicate, repeated so the planner uses it. */
  open: string;
}

interface Measure {
  now: Date;
  policies: readonly SlaPolicy[];
  /** The list's time window, binding its values as parameters. */
  window: (bind: (value: unknown) => string) => string;
}

const FILTERS: (keyof SlaListFilter)[] = ['team', 'priority', 'category', 'target'];
const KEY_TYPES = ['timestamptz', 'uuid', 'text', 'integer'];

async function listClocks(
  db: Queryable,
  shape: ListShape,
  query: SlaListQuery,
  measure: Measure,
): Promise<SlaClockPage> {
  const params: unknown[] = [];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const where = [shape.open, measure.window(bind)];
  for (const field of FILTERS) if (query[field] !== undefined) where.push(`${field} = ${bind(query[field])}`);
  const keys = [shape.column, 'complaint_id', 'target', 'handling'];
  if (query.cursor) {
    const after = decodeSlaCursor(query.cursor, shape.kind);
    where.push(
      `(${keys.join(', ')}) > (${after.map((value, index) => `${bind(value)}::${KEY_TYPES[index]}`).join(', ')})`,
    );
  }
  const { rows } = await db.query<StoredRow & { cursor_instant: string }>(
    `SELECT *, ${cursorInstantSql(shape.column)} AS cursor_instant FROM ${SLA_CLOCK}
      WHERE ${where.join(' AND ')}
      ORDER BY ${keys.join(', ')}
      LIMIT ${bind(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const key = (row: StoredRow & { cursor_instant: string }): SlaCursorKey => [
    row.cursor_instant,
    String(row.complaint_id),
    String(row.target),
    String(row.handling),
  ];
  return {
    asOf: measure.now.toISOString(),
    items: page.map((row) => clockViewAt(clockRowFromStored(row), measure.now, measure.policies)),
    nextCursor: rows.length > query.limit && last ? encodeSlaCursor(shape.kind, key(last)) : null,
  };
}
