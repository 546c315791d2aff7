import { Controller, Get, Inject, Query, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { PG_POOL } from '#platform/database/database.module';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { ReadErrors } from '../../openapi/api-errors.examples.js';
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
import {
  CAUSES_EXAMPLE,
  COMPENSATION_EXAMPLE,
  PARETO_EXAMPLE,
  RESOLUTION_EXAMPLE,
  SATISFACTION_EXAMPLE,
  TRENDS_EXAMPLE,
} from './analytics.examples.js';
import { Allow } from '#platform/auth/access.decorators';

/** Every statistic's period errors: from not before to, or over ~10 years. */
const PERIOD_ERRORS = [ReadErrors.INVALID_TIME_RANGE, ReadErrors.PERIOD_TOO_LONG];

/** A statistic over a period: what it counts, its answer, and the period's errors. */
const ApiStatistic = ({ summary, description, type, example, bucketed = true }: StatisticDoc) =>
  ApiReadRoute({
    summary,
    description,
    answer: { description: 'The statistic', type, example },
    errors: bucketed ? [...PERIOD_ERRORS, ReadErrors.TOO_MANY_BUCKETS] : PERIOD_ERRORS,
  });

interface StatisticDoc {
  summary: string;
  description: string;
  type: Type<unknown>;
  example: object;
  /** Takes `bucket`, so too fine a bucket for the period is a 400. */
  bucketed?: boolean;
}

/**
 * Root-cause statistics for analysts, from the complaint_analytics read model only (never the event
 * store): they trail the write side by the projector's lag. Every statistic covers the complaints
 * RECEIVED in [from, to) and buckets them by their time of receipt (UTC).
 */
@ApiTags('analytics')
@Allow('analyst', 'supervisor', 'auditor', 'admin')
@Controller('analytics')
export class AnalyticsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get('causes')
  @ApiStatistic({
    summary: 'Complaints by time bucket × category, subcategory, root cause, product, channel or team',
    description: DEFINITIONS.causes,
    type: CausesAnswer,
    example: CAUSES_EXAMPLE,
  })
  async causes(@Query() query: CausesQuery): Promise<CausesAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await complaintCauses(this.pool, scope) };
  }

  @Get('pareto')
  @ApiStatistic({
    summary: 'Pareto of causes: ranked, with cumulative shares and the vital few',
    description: DEFINITIONS.pareto,
    type: ParetoAnswer,
    example: PARETO_EXAMPLE,
    bucketed: false,
  })
  async pareto(@Query() query: ParetoQuery): Promise<ParetoAnswer> {
    const scope = scopeOf(query);
    const pareto = await complaintPareto(this.pool, { ...scope, by: query.by });
    return { from: scope.from.toISOString(), to: scope.to.toISOString(), ...pareto };
  }

  @Get('trends')
  @ApiStatistic({
    summary: 'Complaints per bucket, against the bucket before and the previous period',
    description: DEFINITIONS.trends,
    type: TrendsAnswer,
    example: TRENDS_EXAMPLE,
  })
  async trends(@Query() query: TrendsQuery): Promise<TrendsAnswer> {
    return complaintTrends(this.pool, { ...scopeOf(query), bucket: query.bucket });
  }

  @Get('resolution')
  @ApiStatistic({
    summary: 'Reopen rate, first-contact resolution, mean and median time to resolve',
    description: DEFINITIONS.resolution,
    type: ResolutionAnswer,
    example: RESOLUTION_EXAMPLE,
  })
  async resolution(@Query() query: BreakdownQuery): Promise<ResolutionAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await resolutionStatistics(this.pool, scope) };
  }

  @Get('compensation')
  @ApiStatistic({
    summary: 'Compensation totals by kind and currency',
    description: DEFINITIONS.compensation,
    type: CompensationAnswer,
    example: COMPENSATION_EXAMPLE,
  })
  async compensation(@Query() query: BreakdownQuery): Promise<CompensationAnswer> {
    const scope = scopeOf(query);
    return { ...echo(query, scope), rows: await compensationStatistics(this.pool, scope) };
  }

  @Get('satisfaction')
  @ApiStatistic({
    summary: 'Customer satisfaction: average and CSAT',
    description: DEFINITIONS.satisfaction,
    type: SatisfactionAnswer,
    example: SATISFACTION_EXAMPLE,
  })
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
