import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '#event-store';
import { exportNdjson } from '#event-store/audit/export-reader';
import { RAW_EVENT_STORE } from '#platform/event-store/event-store.module';
import { exportSelectionOf, ExportQueryDto } from './export-query.dto.js';

export const NDJSON = 'application/x-ndjson';

@ApiTags('audit')
@Controller('audit')
export class AuditExportController {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Every stored event (or those of one stream, or recorded in [from, to)) as NDJSON, one event per
   * line with its metadata and hashes, in feed order. The body is streamed page by page: the store
   * is read only as fast as the client takes the lines, so memory stays flat whatever the size.
   */
  @Get('export')
  @ApiProduces(NDJSON)
  export(@Query() query: ExportQueryDto, @Res() reply: FastifyReply): FastifyReply {
    // Validated before the reply is taken over, so a bad query still gets the usual JSON error.
    const selection = exportSelectionOf(query);
    // One page (a string of up to EXPORT_PAGE_SIZE lines) buffered ahead at most.
    const body = Readable.from(exportNdjson(this.store, selection), { objectMode: true, highWaterMark: 1 });
    return reply.header('content-type', `${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(body);
  }
}
