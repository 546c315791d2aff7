import { WebhookSubscriptions1732510000000 } from './1732510000000-webhook-subscriptions.js';
import { SubscriptionOwners1732510000100 } from './1732510000100-subscription-owners.js';

/** The webhook subscriptions' schema, in order; part of productMigrations. */
export const subscriptionMigrations = [WebhookSubscriptions1732510000000, SubscriptionOwners1732510000100];
