import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_ENVELOPE_SCHEMA, eventSchema, type JsonSchema, publishedEventSchemas } from '#domain';
import type { EventStore } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { EventFeed } from './event-feed.service.js';
import { type FeedQuery, parseFeedRequest } from './feed-request.js';
import { Allow, Public } from '#platform/auth/access.decorators';

@ApiTags('events')
@Controller('events')
export class EventFeedController {
  constructor(
    private readonly feed: EventFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Server-Sent Events: every complaint event after `Last-Event-ID` / `after` (default: from now on),
   * then live. See docs/consuming-events.md.
   */
  @Get()
  @Allow('service', 'auditor', 'admin')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'after', required: false, description: 'Resume after this position ("start": from the beginning)' })
  @ApiQuery({ name: 'types', required: false, description: 'Comma-separated event types' })
  @ApiQuery({ name: 'category', required: false, description: 'Only complaints in this category' })
  async events(
    @Query() query: FeedQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Validation throws before the reply is taken over, so errors still get the usual JSON body.
    const request = parseFeedRequest(query, lastEventId, this.store);
    await this.feed.open(request, reply);
  }

  /** The JSON Schema of the envelope and of every event type at every published version. */
  @Get('schemas')
  @Public()
  schemas(): { envelope: JsonSchema; events: ReturnType<typeof publishedEventSchemas> } {
    return { envelope: EVENT_ENVELOPE_SCHEMA, events: publishedEventSchemas() };
  }

  @Get('schemas/:type/:version')
  @Public()
  schema(@Param('type') type: string, @Param('version') version: string): JsonSchema {
    const schema = /^\d{1,4}$/.test(version) ? eventSchema(type, Number(version)) : undefined;
    if (!schema)
      throw ApiError.notFound(
        'SCHEMA_NOT_FOUND',
        `No schema for ${type.slice(0, 100)} version ${version.slice(0, 10)}`,
      );
    return schema;
  }
}
