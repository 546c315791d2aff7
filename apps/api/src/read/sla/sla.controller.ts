import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { SlaPolicy } from '#domain';
import {
  type ComplaintSlaView,
  type ComplianceReport,
  getComplaintSla,
  instantInZone,
  InvalidSlaCursorError,
  listSlaBreaches,
  listSlaDue,
  periodsIn,
  type SlaClockPage,
  slaCompliance,
} from '#read-models/sla/index';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { CLOCK, type Clock } from '#platform/time/clock';
import { UuidPipe } from '../../complaints/http/complaint-id.pipe.js';
import { ComplaintErrors, ReadErrors } from '../../openapi/api-errors.examples.js';
import { durationMs, MAX_WITHIN_MS, SlaComplianceQueryDto, SlaDueQueryDto, SlaListQueryDto } from './sla-query.dto.js';
import { SLA_POLICIES } from './sla.tokens.js';
import { ComplaintSlaDoc, ComplianceReportDoc, SlaClockPageDoc } from './sla-views.doc.js';
import { BREACHES_EXAMPLE, COMPLAINT_SLA_EXAMPLE, COMPLIANCE_EXAMPLE, DUE_EXAMPLE } from './sla.examples.js';
import { Allow } from '#platform/auth/access.decorators';

/** A compliance report answers at most this many periods (about a year of days, or decades of months). */
export const MAX_COMPLIANCE_PERIODS = 400;

/**
 * The SLA views, from the sla_clock read model only (never the event store): they trail the write
 * side by the projector's lag. States and remaining times are measured at the API's clock, on the
 * same SLA policies the projector used (SLA_POLICIES_FILE, or the defaults).
 */
@ApiTags('sla')
@Allow('agent', 'analyst', 'supervisor', 'auditor', 'admin')
@Controller('sla')
export class SlaController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_POLICIES) private readonly policies: readonly SlaPolicy[],
  ) {}

  @Get('complaints/:id')
  @ApiReadRoute({
    summary: "A complaint's SLA clocks: every target with its state and remaining time, now",
    answer: { description: 'The clocks, measured now', type: ComplaintSlaDoc, example: COMPLAINT_SLA_EXAMPLE },
    errors: [ComplaintErrors.INVALID_ID, ComplaintErrors.NOT_PROJECTED],
  })
  async complaint(@Param('id', UuidPipe) id: string): Promise<ComplaintSlaView> {
    const view = await getComplaintSla(this.pool, id, this.clock.now(), this.policies);
    if (!view) throw ApiError.notFound('COMPLAINT_NOT_FOUND', 'No complaint has this id (or it is not projected yet)');
    return view;
  }

  @Get('breaches')
  @ApiReadRoute({
    summary: 'Targets breached and still unmet (running overdue, or paused after breaching), oldest first',
    answer: { description: 'One page of breached clocks', type: SlaClockPageDoc, example: BREACHES_EXAMPLE },
    errors: [ReadErrors.TEAM_NOT_A_SLUG, ReadErrors.INVALID_CURSOR],
  })
  breaches(@Query() query: SlaListQueryDto): Promise<SlaClockPage> {
    return withCursorErrors(listSlaBreaches(this.pool, { ...query }, this.clock.now(), this.policies));
  }

  @Get('due')
  @ApiReadRoute({
    summary: 'Running targets, not yet breached, that come due within the window, soonest first',
    answer: { description: 'One page of clocks coming due', type: SlaClockPageDoc, example: DUE_EXAMPLE },
    errors: [ReadErrors.WITHIN_TOO_LONG, ReadErrors.INVALID_CURSOR],
  })
  due(@Query() query: SlaDueQueryDto): Promise<SlaClockPage> {
    const { within, ...list } = query;
    const withinMs = durationMs(within);
    if (withinMs > MAX_WITHIN_MS) throw invalid('within', 'within must be at most 90 days');
    return withCursorErrors(listSlaDue(this.pool, { ...list, withinMs }, this.clock.now(), this.policies));
  }

  @Get('compliance')
  @ApiReadRoute({
    summary: 'Share of closed-out targets met on time, per target, by team, category or priority and period',
    description:
      'A target is closed out when met (on time or late) or stopped by a closure after its due instant. ' +
      'Targets stopped before their due instant are counted apart (stoppedInTime) and not in the rate. ' +
      'Each outcome falls in the period (in timeZone) it became final in.',
    answer: { description: 'The report', type: ComplianceReportDoc, example: COMPLIANCE_EXAMPLE },
    errors: [ReadErrors.INVALID_TIME_RANGE, ReadErrors.TOO_MANY_PERIODS],
  })
  compliance(@Query() query: SlaComplianceQueryDto): Promise<ComplianceReport> {
    const from = instantInZone(query.from, query.timeZone);
    const to = instantInZone(query.to, query.timeZone);
    if (from.getTime() >= to.getTime())
      throw ApiError.badRequest('INVALID_TIME_RANGE', 'from must be earlier than to', {
        from: query.from,
        to: query.to,
      });
    if (periodsIn({ from, to, period: query.period }) > MAX_COMPLIANCE_PERIODS)
      throw ApiError.badRequest(
        'TOO_MANY_BUCKETS',
        `At most ${MAX_COMPLIANCE_PERIODS} periods: choose a longer period`,
        {
          period: query.period,
        },
      );
    return slaCompliance(this.pool, {
      groupBy: query.groupBy,
      period: query.period,
      from,
      to,
      timeZone: query.timeZone,
    });
  }
}

function invalid(field: string, problem: string): ApiError {
  return ApiError.badRequest('VALIDATION_FAILED', 'The request is not valid', [{ field, problems: [problem] }]);
}

async function withCursorErrors(page: Promise<SlaClockPage>): Promise<SlaClockPage> {
  try {
    return await page;
  } catch (error) {
    if (error instanceof InvalidSlaCursorError) throw ApiError.badRequest(error.code, error.message);
    throw error;
  }
}
