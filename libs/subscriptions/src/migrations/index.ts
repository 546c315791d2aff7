import { WebhookSubscriptions1732510000000 } from './1732510000000-webhook-subscriptions.js';

/** The webhook subscriptions' schema, in order; part of productMigrations. */
export const subscriptionMigrations = [WebhookSubscriptions1732510000000];
