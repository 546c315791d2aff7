import type pg from 'pg';
import { COMPLAINT_SUMMARY } from './complaint-summary.projection.js';
import { fromStored, type StoredSummaryRow } from './summary-row.js';
import { decodeCursor, encodeCursor, SORT_KEYS, type SummarySort, type SortOrder } from './summary-cursor.js';

export { InvalidCursorError, SUMMARY_SORTS, type SummarySort, type SortOrder } from './summary-cursor.js';

/** What GET /complaints shows per complaint (no personal data; the customer is an id). */
export interface ComplaintSummaryView {
  complaintId: string;
  status: string;
  channel: string;
  customerId: string;
  productRef: string | null;
  category: string | null;
  subcategory: string | null;
  severity: string | null;
  impact: string | null;
  priority: string | null;
  team: string | null;
  ownerId: string | null;
  escalationTier: number;
  reopenCount: number;
  receivedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  revision: number;
}

export interface SummaryFilter {
  status?: string;
  category?: string;
  priority?: string;
  team?: string;
  ownerId?: string;
  channel?: string;
  productRef?: string;
  /** Inclusive. */
  receivedFrom?: string;
  /** Exclusive. */
  receivedTo?: string;
}

export interface SummaryListQuery extends SummaryFilter {
  sort: SummarySort;
  order: SortOrder;
  limit: number;
  cursor?: string;
}

export interface SummaryPage {
  items: ComplaintSummaryView[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

type Queryable = Pick<pg.Pool, 'query'>;

const FILTER_COLUMNS: [keyof SummaryFilter, string][] = [
  ['status', 'status = $'],
  ['category', 'category = $'],
  ['priority', 'priority = $'],
  ['team', 'team = $'],
  ['ownerId', 'owner_id = $'],
  ['channel', 'channel = $'],
  ['productRef', 'product_ref = $'],
  ['receivedFrom', 'received_at >= $::timestamptz'],
  ['receivedTo', 'received_at < $::timestamptz'],
];

/** One page of the list: filters, a keyset cursor over the sort's keys (never OFFSET). */
export async function listComplaintSummaries(db: Queryable, query: SummaryListQuery): Promise<SummaryPage> {
  const keys = SORT_KEYS[query.sort];
  const params: unknown[] = [];
  const where: string[] = [];
  for (const [field, condition] of FILTER_COLUMNS) {
    if (query[field] === undefined) continue;
    params.push(query[field]);
    where.push(condition.replace('$', `$${params.length}`));
  }
  if (query.cursor) {
    const values = decodeCursor(query.cursor, query.sort, query.order);
    const placeholders = keys.map((key, index) => {
      params.push(values[index]);
      return `$${params.length}::${key.type}`;
    });
    const comparison = query.order === 'asc' ? '>' : '<';
    where.push(`(${keys.map((key) => key.expression).join(', ')}) ${comparison} (${placeholders.join(', ')})`);
  }
  params.push(query.limit + 1);
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await db.query<StoredSummaryRow & { cursor_key: string[] }>(
    `SELECT *, ARRAY[${keys.map((key) => key.asText).join(', ')}] AS cursor_key FROM ${COMPLAINT_SUMMARY}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${keys.map((key) => `${key.expression} ${direction}`).join(', ')}
      LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last;
  return {
    items: page.map(toView),
    nextCursor: more ? encodeCursor(query.sort, query.order, last.cursor_key) : null,
  };
}

export async function getComplaintSummary(
  db: Queryable,
  complaintId: string,
): Promise<ComplaintSummaryView | undefined> {
  const { rows } = await db.query<StoredSummaryRow>(`SELECT * FROM ${COMPLAINT_SUMMARY} WHERE complaint_id = $1`, [
    complaintId,
  ]);
  return rows[0] && toView(rows[0]);
}

function toView(stored: StoredSummaryRow): ComplaintSummaryView {
  const { statusBeforeWaiting: _internal, lastRevision, ...row } = fromStored(stored);
  return { ...row, revision: lastRevision };
}
