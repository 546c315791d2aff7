import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import { PG_POOL } from '#platform/database/database.module';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { CLOCK, type Clock } from '#platform/time/clock';
import type { WebhookDeliveryOptions } from './delivery-options.js';
import { WebhookDeliveryWorker } from './delivery-worker.js';

export const WEBHOOK_DELIVERY_OPTIONS = Symbol('WEBHOOK_DELIVERY_OPTIONS');

/** Runs the delivery worker for the life of the projector; stops it before the pool closes. */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly worker: WebhookDeliveryWorker;
  private readonly logger = new Logger('Webhooks');
  private readonly stop = new AbortController();
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(CLOCK) clock: Clock,
    @Inject(WEBHOOK_DELIVERY_OPTIONS) options: Partial<WebhookDeliveryOptions>,
  ) {
    const logger = {
      log: (message: string) => this.logger.log(message),
      warn: (message: string) => this.logger.warn(message),
    };
    this.worker = new WebhookDeliveryWorker({ store, pool, clock, logger }, options);
  }

  onApplicationBootstrap(): void {
    this.logger.log(`webhook delivery running as ${this.worker.owner}`);
    this.running = this.worker.run(this.stop.signal);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
