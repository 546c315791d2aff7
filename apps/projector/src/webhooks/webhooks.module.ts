import { type DynamicModule, Module } from '@nestjs/common';
import type { WebhookDeliveryOptions } from './delivery-options.js';
import { WEBHOOK_DELIVERY_OPTIONS, WebhookDeliveryService } from './webhook-delivery.service.js';

/** Webhook delivery: follows the global feed for every subscription (see docs/webhooks.md). */
@Module({})
export class WebhooksModule {
  static forRoot(options: Partial<WebhookDeliveryOptions> = {}): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [{ provide: WEBHOOK_DELIVERY_OPTIONS, useValue: options }, WebhookDeliveryService],
      exports: [WebhookDeliveryService],
    };
  }
}
