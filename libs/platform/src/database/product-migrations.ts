import { eventStoreMigrations } from '#event-store';
import { readModelMigrations } from '#read-models/migrations/index';
import { subscriptionMigrations } from '#subscriptions/migrations/index';
import { IdempotencyRecords1732320000000 } from '../idempotency/migrations/1732320000000-idempotency-records.js';

/** Every migration of the product, in the order they apply. */
export const productMigrations = [
  ...eventStoreMigrations,
  IdempotencyRecords1732320000000,
  ...readModelMigrations,
  ...subscriptionMigrations,
];
