/**
 * The queue order and its opaque keyset cursor. The order is total (it ends with the primary key),
 * so a cursor names one place; the same order serves the team and the agent queues.
 */
export const QUEUE_ORDER = ['priority_rank', 'due_key', 'paused_remaining_ms', 'complaint_id'] as const;

/** SQL casts of the cursor's values, in QUEUE_ORDER. */
export const QUEUE_KEY_TYPES = ['smallint', 'timestamptz', 'bigint', 'uuid'] as const;

/** The cursor's values as canonical text (microsecond UTC instants whatever the session's zone). */
export const QUEUE_KEY_TEXT = [
  'priority_rank::text',
  `CASE WHEN due_key = 'infinity' THEN 'infinity'
        ELSE to_char(due_key AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`,
  'paused_remaining_ms::text',
  'complaint_id::text',
].join(', ');

const PATTERNS = [
  /^[1-9]$/,
  /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/,
  /^\d{1,15}$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
];

export class InvalidQueueCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one a queue gave out');
  }
}

export function encodeQueueCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ q: values })).toString('base64url');
}

/** The values back, or InvalidQueueCursorError: a forged cursor is a 400, not a database error. */
export function decodeQueueCursor(cursor: string): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidQueueCursorError();
  }
  const values = (decoded as { q?: unknown } | null)?.q;
  const valid =
    Array.isArray(values) &&
    values.length === PATTERNS.length &&
    values.every((value, index) => typeof value === 'string' && PATTERNS[index]!.test(value));
  if (!valid) throw new InvalidQueueCursorError();
  return values as string[];
}
