import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every webhook delivery (documented in docs/webhooks.md). */
export const WEBHOOK_HEADERS = {
  signature: 'complaint-signature',
  timestamp: 'complaint-timestamp',
  eventId: 'complaint-event-id',
  eventType: 'complaint-event-type',
  attempt: 'complaint-delivery-attempt',
  subscriptionId: 'complaint-subscription-id',
} as const;

/** How old a signed timestamp may be (either way) before a receiver refuses it as a possible replay. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * HMAC-SHA256 over `${timestamp}.${body}` with the subscription's secret. Signing the timestamp
 * with the body lets a receiver reject a captured request replayed later.
 */
export function signatureOf(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** The `Complaint-Signature` header value: `t=<unix seconds>,v1=<hex>`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signatureOf(secret, timestampSeconds, body)}`;
}

export interface VerifyWebhookOptions {
  /** The raw `Complaint-Signature` header. */
  header: string | undefined;
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string;
  secret: string;
  /** The receiver's current time in unix seconds. Default: now. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

export type WebhookVerification =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * What a receiver runs on every delivery; self-contained (node:crypto only) so it can be copied.
 * Several `v1=` entries are accepted, so that a sender may sign with an old and a new secret while
 * they are rotated.
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): WebhookVerification {
  const parts = (options.header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const candidates = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''));
  if (!Number.isSafeInteger(timestamp) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(signatureOf(options.secret, timestamp, options.body), 'hex');
  const matches = candidates.some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
