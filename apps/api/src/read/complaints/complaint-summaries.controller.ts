import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import {
  type ComplaintSummaryView,
  getComplaintSummary,
  InvalidCursorError,
  listComplaintSummaries,
  type SummaryPage,
} from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { UuidPipe } from '../../complaints/http/complaint-id.pipe.js';
import { ComplaintErrors, ReadErrors } from '../../openapi/api-errors.examples.js';
import { ComplaintListQuery } from './complaint-list.query.js';
import { ComplaintSummaryDoc, SUMMARY_EXAMPLE, SUMMARY_PAGE_EXAMPLE, SummaryPageDoc } from './complaint-summary.doc.js';
import { Allow } from '#platform/auth/access.decorators';

/**
 * The searchable complaint list, from the complaint_summary read model only (never the event store):
 * it trails the write side by the projector's lag.
 */
@ApiTags('complaints: queries')
@Allow('agent', 'supervisor', 'auditor', 'analyst', 'admin')
@Controller('complaints')
export class ComplaintSummariesController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get()
  @ApiReadRoute({
    summary: 'Search complaints: filters, sorting and cursor pagination',
    description: 'Pass `nextCursor` back as `cursor` for the next page, with the same sort and order.',
    answer: { description: 'One page of complaint summaries', type: SummaryPageDoc, example: SUMMARY_PAGE_EXAMPLE },
    errors: [ReadErrors.RECEIVED_RANGE, ReadErrors.INVALID_CURSOR],
  })
  async list(@Query() query: ComplaintListQuery): Promise<SummaryPage> {
    if (query.receivedFrom && query.receivedTo && Date.parse(query.receivedFrom) > Date.parse(query.receivedTo)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'The request is not valid', [
        { field: 'receivedTo', problems: ['receivedTo must not be before receivedFrom'] },
      ]);
    }
    try {
      return await listComplaintSummaries(this.pool, {
        status: query.status,
        category: query.category,
        priority: query.priority,
        team: query.team,
        ownerId: query.owner,
        channel: query.channel,
        productRef: query.product,
        receivedFrom: query.receivedFrom,
        receivedTo: query.receivedTo,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        cursor: query.cursor,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw ApiError.badRequest(error.code, error.message);
      throw error;
    }
  }

  @Get(':id')
  @ApiReadRoute({
    summary: "One complaint's summary",
    description: 'A complaint just received may take a moment to appear (projector lag).',
    answer: { description: 'The summary row', type: ComplaintSummaryDoc, example: SUMMARY_EXAMPLE },
    errors: [ComplaintErrors.INVALID_ID, ComplaintErrors.NOT_PROJECTED],
  })
  async get(@Param('id', UuidPipe) id: string): Promise<ComplaintSummaryView> {
    const summary = await getComplaintSummary(this.pool, id);
    if (!summary)
      throw ApiError.notFound('COMPLAINT_NOT_FOUND', 'No complaint has this id (or it is not projected yet)');
    return summary;
  }
}
