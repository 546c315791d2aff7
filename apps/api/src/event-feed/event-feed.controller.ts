import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_ENVELOPE_SCHEMA, eventSchema, type JsonSchema, publishedEventSchemas } from '#domain';
import type { EventStore } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { ApiPublicRoute, ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { FeedErrors } from '../openapi/api-errors.examples.js';
import {
  EVENT_STREAM_EXAMPLE,
  SCHEMA_EXAMPLE,
  SCHEMA_SCHEMA,
  SCHEMAS_EXAMPLE,
  SCHEMAS_SCHEMA,
} from './event-feed.doc.js';
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

  @Get()
  @Allow('service', 'auditor', 'admin')
  @ApiReadRoute({
    summary: 'Server-Sent Events: every complaint event after Last-Event-ID / after, then live',
    description:
      'Without Last-Event-ID or after, from now on. Each message: `id` (the position, to resume after), ' +
      '`event` (the type), `data` (the envelope of /events/schemas). Heartbeat comments keep the connection ' +
      'open. See docs/consuming-events.md.',
    answer: { description: 'The event stream', contentType: 'text/event-stream', example: EVENT_STREAM_EXAMPLE },
    headers: [
      {
        name: 'Last-Event-ID',
        required: false,
        description: 'The id of the last message received: EventSource sends it when it reconnects; wins over after',
      },
    ],
    errors: [
      FeedErrors.INVALID_POSITION,
      FeedErrors.INVALID_EVENT_TYPE,
      FeedErrors.INVALID_CATEGORY,
      FeedErrors.PARAMETER_REPEATED,
      FeedErrors.UNKNOWN_PARAMETER,
    ],
  })
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

  @Get('schemas')
  @Public()
  @ApiPublicRoute({
    summary: 'The JSON Schema of the envelope and of every event type at every published version',
    answer: { description: 'The published event contracts', schema: SCHEMAS_SCHEMA, example: SCHEMAS_EXAMPLE },
  })
  schemas(): { envelope: JsonSchema; events: ReturnType<typeof publishedEventSchemas> } {
    return { envelope: EVENT_ENVELOPE_SCHEMA, events: publishedEventSchemas() };
  }

  @Get('schemas/:type/:version')
  @Public()
  @ApiPublicRoute({
    summary: 'The JSON Schema of one event type at one version',
    answer: { description: 'The schema of the whole envelope', schema: SCHEMA_SCHEMA, example: SCHEMA_EXAMPLE },
    errors: [FeedErrors.SCHEMA_NOT_FOUND],
  })
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
