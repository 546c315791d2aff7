import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsTimeZone, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, PRIORITIES, SLA_TARGETS } from '#domain';
import {
  COMPLIANCE_GROUPS,
  COMPLIANCE_PERIODS,
  type ComplianceGroup,
  type CompliancePeriod,
} from '#read-models/sla/index';
import { PageCursor, PageSize } from '../paging.js';

export const MAX_PAGE_SIZE = 200;
const TEAM = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Filters and paging shared by GET /sla/breaches and GET /sla/due; unknown parameters are a 400. */
export class SlaListQueryDto {
  @ApiPropertyOptional({ description: 'Only complaints of this team', example: 'quality' })
  @IsOptional()
  @Matches(TEAM, { message: 'team must be a lower-case slug' })
  team?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: (typeof PRIORITIES)[number];

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: (typeof CATEGORIES)[number];

  @ApiPropertyOptional({ enum: SLA_TARGETS })
  @IsOptional()
  @IsIn(SLA_TARGETS)
  target?: (typeof SLA_TARGETS)[number];

  @PageSize(MAX_PAGE_SIZE, 50) limit = 50;

  @PageCursor("The previous page's nextCursor (only valid for the same list)") cursor?: string;
}

/** `30m`, `4h`, `2d`: at least a minute, at most 90 days. */
export const WITHIN = /^[1-9]\d{0,5}[mhd]$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
export const MAX_WITHIN_MS = 90 * UNIT_MS.d!;

export function durationMs(within: string): number {
  return Number(within.slice(0, -1)) * UNIT_MS[within.slice(-1)]!;
}

export class SlaDueQueryDto extends SlaListQueryDto {
  @ApiProperty({ description: 'How far ahead to look: minutes, hours or days (at most 90 days)', example: '4h' })
  @Matches(WITHIN, { message: 'within must be a duration such as 30m, 4h or 2d' })
  within!: string;
}

/** Query parameters of GET /sla/compliance. */
export class SlaComplianceQueryDto {
  @ApiProperty({ enum: COMPLIANCE_GROUPS })
  @IsIn(COMPLIANCE_GROUPS)
  groupBy!: ComplianceGroup;

  @ApiProperty({ enum: COMPLIANCE_PERIODS, description: 'Weeks start on Monday' })
  @IsIn(COMPLIANCE_PERIODS)
  period!: CompliancePeriod;

  @ApiProperty({ description: 'Inclusive; a date is the start of that day in timeZone', example: '2026-01-01' })
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'Exclusive; a date is the start of that day in timeZone', example: '2026-04-01' })
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ description: 'IANA time zone the periods are cut in', default: 'UTC' })
  @IsOptional()
  @MaxLength(64)
  @IsTimeZone()
  timeZone = 'UTC';
}
