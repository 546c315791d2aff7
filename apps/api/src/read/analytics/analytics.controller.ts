import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { PG_POOL } from '#platform/database/database.module';
import {
  complaintCauses,
  complaintPareto,
  complaintTrends,
  compensationStatistics,
  resolutionStatistics,
  satisfactionStatistics,
} from '#read-models/analytics/index';
import { BreakdownQuery, CausesQuery, ParetoQuery, TrendsQuery } from './analytics-query.dto.js';
import { scopeOf } from './analytics-scope.js';
import { CompensationAnswer, ResolutionAnswer, SatisfactionAnswer } from './analytics-measure-views.js';
import { CausesAnswer, ParetoAnswer, TrendsAnswer } from './analytics-views.js';
import { DEFINITIONS } from './definitions.js';
import { Allow } from '#platform/auth/access.decorators';

const INVALID =
  'VALIDATION_FAILED (a parameter), INVALID_TIME_RANGE (from not before to, or over ~10 years), TOO_MANY_BUCKETS';

/**
 * Root-cause statistics for analysts, from the complaint_analytics read model only (never the event
 * store): they trail the write side by the projector's lag. Every statistic covers the complaints
 * RECEIVED in [from, to) and buckets them by their time of receipt (UTC).
 */
@ApiTags('analytics')
@ApiBadRequestResponse({ description: INVALID })
@Allow('analyst', 'supervisor', 'auditor', 'admin')
@Controller('analytics')
export class AnalyticsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get('causes')
  @ApiOperation({
    summary: 'Complaints by time bucket × category, subcategory, root cause, product, channel or team',
    description: DEFINITIONS.causes,
  })
  @ApiOkResponse({ type: CausesAnswer })
  async causes(@Query() query: CausesQuery): Promise<CausesAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await complaintCauses(this.pool, scope) };
  }

  @Get('pareto')
  @ApiOperation({
    summary: 'Pareto of causes: ranked, with cumulative shares and the vital few',
    description: DEFINITIONS.pareto,
  })
  @ApiOkResponse({ type: ParetoAnswer })
  async pareto(@Query() query: ParetoQuery): Promise<ParetoAnswer> {
    const scope = scopeOf(query);
    const pareto = await complaintPareto(this.pool, { ...scope, by: query.by });
    return { from: scope.from.toISOString(), to: scope.to.toISOString(), ...pareto };
  }

  @Get('trends')
  @ApiOperation({
    summary: 'Complaints per bucket, against the bucket before and the previous period',
    description: DEFINITIONS.trends,
  })
  @ApiOkResponse({ type: TrendsAnswer })
  async trends(@Query() query: TrendsQuery): Promise<TrendsAnswer> {
    return complaintTrends(this.pool, { ...scopeOf(query), bucket: query.bucket });
  }

  @Get('resolution')
  @ApiOperation({
    summary: 'Reopen rate, first-contact resolution, mean and median time to resolve',
    description: DEFINITIONS.resolution,
  })
  @ApiOkResponse({ type: ResolutionAnswer })
  async resolution(@Query() query: BreakdownQuery): Promise<ResolutionAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await resolutionStatistics(this.pool, scope) };
  }

  @Get('compensation')
  @ApiOperation({ summary: 'Compensation totals by kind and currency', description: DEFINITIONS.compensation })
  @ApiOkResponse({ type: CompensationAnswer })
  async compensation(@Query() query: BreakdownQuery): Promise<CompensationAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await compensationStatistics(this.pool, scope) };
  }

  @Get('satisfaction')
  @ApiOperation({ summary: 'Customer satisfaction: average and CSAT', description: DEFINITIONS.satisfaction })
  @ApiOkResponse({ type: SatisfactionAnswer })
  async satisfaction(@Query() query: BreakdownQuery): Promise<SatisfactionAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await satisfactionStatistics(this.pool, scope) };
  }
}

function echo(query: { by?: string; bucket?: string }, scope: { from: Date; to: Date }) {
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    by: query.by ?? null,
    bucket: query.bucket ?? null,
  };
}
