/**
 * Keyset cursors of the SLA lists: the position after the last row given out, as (instant,
 * complaint id, target, handling) — the order of the lists and of their indexes. Opaque to clients,
 * bound to the list that gave it out, and checked on the way back in so that a forged cursor is a
 * 400 rather than a database error.
 */
import { SLA_TARGETS } from '#domain';

export type SlaListKind = 'breaches' | 'due';

export type SlaCursorKey = [instant: string, complaintId: string, target: string, handling: string];

export class InvalidSlaCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one this list gave out');
  }
}

const PATTERNS = [
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  new RegExp(`^(${SLA_TARGETS.join('|')})$`),
  /^[1-9]\d{0,8}$/,
];

/** The instant column as canonical text (microseconds, UTC, whatever the session's zone). */
export const cursorInstantSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeSlaCursor(list: SlaListKind, key: SlaCursorKey): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString('base64url');
}

export function decodeSlaCursor(cursor: string, list: SlaListKind): SlaCursorKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidSlaCursorError();
  }
  const { l, k } = (decoded ?? {}) as { l?: unknown; k?: unknown };
  const valid =
    l === list &&
    Array.isArray(k) &&
    k.length === PATTERNS.length &&
    k.every((value, index) => typeof value === 'string' && PATTERNS[index]!.test(value));
  if (!valid) throw new InvalidSlaCursorError();
  return k as SlaCursorKey;
}
