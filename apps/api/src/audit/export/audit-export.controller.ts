import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '#event-store';
import { ExportHeldBackError, openNdjsonExport } from '#event-store/audit/export-reader';
import { ApiError } from '#platform/errors/api-error';
import { RAW_EVENT_STORE } from '#platform/event-store/event-store.module';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { AuditErrors } from '../../openapi/api-errors.examples.js';
import { EXPORT_EXAMPLE } from '../audit.doc.js';
import { exportSelectionOf, ExportQueryDto } from './export-query.dto.js';
import { Allow } from '#platform/auth/access.decorators';

export const NDJSON = 'application/x-ndjson';

@ApiTags('audit')
@Allow('auditor', 'admin')
@Controller('audit')
export class AuditExportController {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Every stored event (or those of one stream, or recorded in [from, to)) as NDJSON, one event per
   * line with its metadata and hashes, in feed order. It holds every event committed before the
   * request, even those an older open transaction still hides from the feed (it waits for them, up
   * to EXPORT_MAX_WAIT_MS, then answers 503 EXPORT_FEED_HELD_BACK before writing anything). The body
   * is streamed page by page: the store is read only as fast as the client takes the lines, so
   * memory stays flat whatever the size.
   */
  @Get('export')
  @ApiReadRoute({
    summary: 'Export stored events as NDJSON: all, one stream, or those recorded in [from, to)',
    description:
      'One event per line with its metadata and hashes, in feed order, streamed as the client reads. It holds ' +
      'every event committed before the request; while an older open transaction still hides some, it waits ' +
      '(up to 30 s), then answers 503 EXPORT_FEED_HELD_BACK before writing anything.',
    answer: { description: 'The events, one JSON object a line', contentType: NDJSON, example: EXPORT_EXAMPLE },
    errors: [
      AuditErrors.INVALID_STREAM,
      AuditErrors.EXPORT_TIME_RANGE,
      AuditErrors.EXPORT_FEED_HELD_BACK,
      EVENT_STORE_TIMEOUT,
    ],
  })
  async export(@Query() query: ExportQueryDto, @Res() reply: FastifyReply): Promise<FastifyReply> {
    // Validated and opened before the reply is taken over, so errors still get the usual JSON body.
    const selection = exportSelectionOf(query);
    const chunks = await openNdjsonExport(this.store, selection).catch((error: unknown) => {
      if (!(error instanceof ExportHeldBackError)) throw error;
      throw new ApiError(503, error.code, error.message);
    });
    // One page (a string of up to EXPORT_PAGE_SIZE lines) buffered ahead at most.
    const body = Readable.from(chunks, { objectMode: true, highWaterMark: 1 });
    return reply.header('content-type', `${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(body);
  }
}
