import { type BackoffPolicy, DEFAULT_BACKOFF } from '#subscriptions';

export interface WebhookDeliveryOptions {
  /** Attempts per event (the first included) before it is dead-lettered. */
  maxAttempts: number;
  /** Per-request timeout: no 2xx within it is a failed attempt. */
  timeoutMs: number;
  backoff: BackoffPolicy;
  /** Wait between passes when nothing was due. */
  pollIntervalMs: number;
  /** Events delivered per subscription per pass (in order, one request at a time). */
  batchSize: number;
  /** Subscriptions leased and served (concurrently) per pass. */
  subscriptionsPerPass: number;
  /** How long a lease outlives its last renewal; a crashed worker's subscriptions move on after it. */
  leaseMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  maxAttempts: 10,
  timeoutMs: 10_000,
  backoff: DEFAULT_BACKOFF,
  pollIntervalMs: 500,
  batchSize: 100,
  subscriptionsPerPass: 20,
  leaseMs: 60_000,
};

/** Defaults filled in; the lease always outlasts a few request timeouts, or a slow receiver would lose it. */
export function deliveryOptions(partial: Partial<WebhookDeliveryOptions> = {}): WebhookDeliveryOptions {
  const options = { ...DEFAULT_WEBHOOK_DELIVERY, ...partial };
  return { ...options, leaseMs: Math.max(options.leaseMs, options.timeoutMs * 3) };
}
