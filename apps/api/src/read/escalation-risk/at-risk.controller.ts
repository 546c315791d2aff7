import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { type AtRiskComplaint, listAtRisk } from '#read-models/sla-monitor/index';
import { PG_POOL } from '#platform/database/database.module';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { CLOCK, type Clock } from '#platform/time/clock';
import { ReadErrors } from '../../openapi/api-errors.examples.js';
import { AtRiskQueryDto } from './at-risk-query.dto.js';
import { AT_RISK_EXAMPLE, AtRiskPageDoc, RISK_SCORE_DESCRIPTION } from './at-risk.doc.js';
import { Allow } from '#platform/auth/access.decorators';

export interface AtRiskPage {
  team: string;
  asOf: string;
  items: AtRiskComplaint[];
}

/** The escalation-risk view, from the complaint_risk read model only (never the event store). */
@ApiTags('sla')
@Allow('agent', 'analyst', 'supervisor', 'auditor', 'admin')
@Controller('sla')
export class AtRiskController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('at-risk')
  @ApiReadRoute({
    summary: "A team's open complaints ranked by escalation risk",
    description: RISK_SCORE_DESCRIPTION,
    answer: { description: 'The ranking, highest risk first', type: AtRiskPageDoc, example: AT_RISK_EXAMPLE },
    errors: [ReadErrors.TEAM_NOT_A_SLUG],
  })
  async atRisk(@Query() query: AtRiskQueryDto): Promise<AtRiskPage> {
    const now = this.clock.now();
    const items = await listAtRisk(this.pool, { team: query.team, limit: query.limit }, now);
    return { team: query.team, asOf: now.toISOString(), items };
  }
}
