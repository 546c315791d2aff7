export * from './subscription.js';
export {
  SubscriptionRepository,
  type NewSubscription,
  type OwnerScope,
  type RedriveSelection,
} from './subscription-repository.js';
export { DeliveryLedger, type LeasedStep, type StepOutcome } from './delivery-ledger.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  WEBHOOK_HEADERS,
  signatureHeader,
  signatureOf,
  verifyWebhookSignature,
  type VerifyWebhookOptions,
  type WebhookVerification,
} from './signature.js';
export { DEFAULT_BACKOFF, backoffDelayMs, backoffSchedule, type BackoffPolicy } from './backoff.js';
export { WEBHOOK_STREAM_PREFIX, feedFilterFor, webhookPayloadOf } from './payload.js';
export { measureSubscriptionLag, type SubscriptionLag } from './lag.js';
export { subscriptionMigrations } from './migrations/index.js';
