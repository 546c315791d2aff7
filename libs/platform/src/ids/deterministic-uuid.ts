import { createHash } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8) derived from its inputs. A retried request carrying the same
 * Idempotency-Key gets the same complaint and event ids, so the store's idempotent append
 * absorbs a retry after a crash between "events stored" and "answer recorded".
 */
export function deterministicUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
