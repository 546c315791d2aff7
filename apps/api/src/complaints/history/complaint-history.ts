import { Controller, Get, Inject, Param } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { streamNameFor } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { ComplaintErrors } from '../../openapi/api-errors.examples.js';
import { UuidPipe } from '../http/complaint-id.pipe.js';
import { Exchange, type HttpExchange } from '../http/exchange.decorator.js';
import { Allow } from '#platform/auth/access.decorators';
import { ComplaintHistoryDoc, HISTORY_EXAMPLE } from './complaint-history.doc.js';

export class GetComplaintHistory {
  constructor(readonly complaintId: string) {}
}

export interface ComplaintHistory {
  complaintId: string;
  revision: number;
  events: StoredEventView[];
}

/** An event exactly as stored, with all of its metadata: the auditors' raw view. */
export interface StoredEventView {
  id: string;
  type: string;
  schemaVersion: number;
  revision: number;
  position: string;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
  previousHash: string;
  hash: string;
}

@QueryHandler(GetComplaintHistory)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistory, ComplaintHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ complaintId }: GetComplaintHistory): Promise<ComplaintHistory> {
    const events = await this.store.readStream(streamNameFor(complaintId));
    if (events.length === 0) throw ApiError.notFound('COMPLAINT_NOT_FOUND', 'No complaint has this id');
    return { complaintId, revision: events.at(-1)!.revision, events: events.map(toView) };
  }
}

function toView(event: RecordedEvent): StoredEventView {
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
    previousHash: event.previousHash,
    hash: event.hash,
  };
}

@ApiTags('complaints: audit')
@Allow('agent', 'supervisor', 'auditor', 'admin')
@Controller('complaints/:id')
export class ComplaintHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('history')
  @ApiReadRoute({
    summary: 'Every stored event of the complaint, oldest first, with its metadata and hashes',
    answer: {
      description: 'The history; ETag is the last revision',
      headers: { ETag: { description: 'The last revision, for If-Match', schema: { type: 'string' } } },
      type: ComplaintHistoryDoc,
      example: HISTORY_EXAMPLE,
    },
    errors: [ComplaintErrors.INVALID_ID, ComplaintErrors.NOT_FOUND, EVENT_STORE_TIMEOUT],
  })
  async history(@Param('id', UuidPipe) id: string, @Exchange() http: HttpExchange): Promise<ComplaintHistory> {
    const history = await this.queryBus.execute<GetComplaintHistory, ComplaintHistory>(new GetComplaintHistory(id));
    void http.reply.header('etag', `"${history.revision}"`);
    return history;
  }
}
