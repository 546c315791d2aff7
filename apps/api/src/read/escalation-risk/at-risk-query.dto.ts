import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export const MAX_AT_RISK = 200;
const TEAM = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** GET /sla/at-risk: one team's ranking, the first `limit` complaints; unknown parameters are a 400. */
export class AtRiskQueryDto {
  @ApiProperty({ description: "The team whose open complaints are ranked (a supervisor's team)", example: 'quality' })
  @Matches(TEAM, { message: 'team must be a lower-case slug' })
  team!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AT_RISK, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AT_RISK)
  limit = 50;
}
