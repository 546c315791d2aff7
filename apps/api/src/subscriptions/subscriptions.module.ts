import { Module } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '#platform/database/database.module';
import { SubscriptionRepository } from '#subscriptions';
import { SubscriptionsController } from './subscriptions.controller.js';

/** Webhook subscriptions over HTTP; delivery itself runs in the projector (apps/projector/src/webhooks). */
@Module({
  controllers: [SubscriptionsController],
  providers: [
    {
      provide: SubscriptionRepository,
      inject: [PG_POOL],
      useFactory: (pool: pg.Pool) => new SubscriptionRepository(pool),
    },
  ],
})
export class SubscriptionsModule {}
