/** The list's sort orders and their opaque keyset cursors. */
export const SUMMARY_SORTS = ['receivedAt', 'priority', 'updatedAt'] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

interface SortKey {
  /** As in ORDER BY (and in the index). */
  expression: string;
  /** SQL type to cast the cursor's text back to. */
  type: 'timestamptz' | 'uuid' | 'text';
  /** The key as canonical text for the cursor (microsecond UTC timestamps, whatever the session zone). */
  asText: string;
  /** What a decoded value must look like, so a forged cursor is a 400, not a database error. */
  pattern: RegExp;
}

const UTC_TEXT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const timestampKey = (column: string): SortKey => ({
  expression: column,
  type: 'timestamptz',
  asText: UTC_TEXT(column),
  pattern: TIMESTAMP,
});
const idKey: SortKey = { expression: 'complaint_id', type: 'uuid', asText: 'complaint_id::text', pattern: UUID };
/** Uncategorized complaints (no priority yet) sort after P4. */
const priorityKey: SortKey = {
  expression: `coalesce(priority, 'P9')`,
  type: 'text',
  asText: `coalesce(priority, 'P9')`,
  pattern: /^P\d$/,
};

/** Every sort ends with the primary key, so the order is total and a cursor names one place. */
export const SORT_KEYS: Record<SummarySort, SortKey[]> = {
  receivedAt: [timestampKey('received_at'), idKey],
  updatedAt: [timestampKey('updated_at'), idKey],
  priority: [priorityKey, timestampKey('received_at'), idKey],
};

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one this list gave out for this sort order');
  }
}

export function encodeCursor(sort: SummarySort, order: SortOrder, values: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, k: values })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: SummarySort, order: SortOrder): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const { s, o, k } = (decoded ?? {}) as { s?: unknown; o?: unknown; k?: unknown };
  const keys = SORT_KEYS[sort];
  const valid =
    s === sort &&
    o === order &&
    Array.isArray(k) &&
    k.length === keys.length &&
    k.every((value, index) => typeof value === 'string' && keys[index]!.pattern.test(value));
  if (!valid) throw new InvalidCursorError();
  return k as string[];
}
