import { type DynamicModule, Module } from '@nestjs/common';
import { EventFeedController } from './event-feed.controller.js';
import { EventFeed } from './event-feed.service.js';
import { DEFAULT_EVENT_FEED_OPTIONS, EVENT_FEED_OPTIONS, type EventFeedOptions } from './event-feed.tokens.js';

/** Subscribers' live feed (SSE) and the published event contracts. */
@Module({})
export class EventFeedModule {
  static forRoot(options: Partial<EventFeedOptions> = {}): DynamicModule {
    return {
      module: EventFeedModule,
      controllers: [EventFeedController],
      providers: [EventFeed, { provide: EVENT_FEED_OPTIONS, useValue: { ...DEFAULT_EVENT_FEED_OPTIONS, ...options } }],
      exports: [EventFeed],
    };
  }
}
