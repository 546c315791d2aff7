import { eventStoreMigrations } from '#event-store';
import { readModelMigrations } from '#read-models/migrations/index';
import { subscriptionMigrations } from '#subscriptions/migrations/index';
import { IdempotencyRecords1732320000000 } from '../idempotency/migrations/1732320000000-idempotency-records.js';
import { CustomerKeys1732330000000 } from '../personal-data/migrations/1732330000000-customer-keys.js';

/** Every migration of the product, in the order they apply. */
export const productMigrations = [
  ...eventStoreMigrations,
  IdempotencyRecords1732320000000,
  CustomerKeys1732330000000,
  ...readModelMigrations,
  ...subscriptionMigrations,
];
