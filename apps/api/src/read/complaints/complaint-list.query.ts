import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, CHANNELS, COMPLAINT_STATUSES, PRIORITIES } from '#domain';
import { SUMMARY_SORTS, type SortOrder, type SummarySort } from '#read-models';
import { PageCursor, PageSize } from '../paging.js';

export const MAX_PAGE_SIZE = 200;

/** Query parameters of GET /complaints; unknown parameters are a 400 like unknown body fields. */
export class ComplaintListQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: (typeof COMPLAINT_STATUSES)[number];
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: (typeof CATEGORIES)[number];
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: (typeof PRIORITIES)[number];
  @ApiPropertyOptional({ example: 'quality' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'team must be a lower-case slug' })
  team?: string;
  @ApiPropertyOptional({ description: 'The owner’s id', example: 'agent-7' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  owner?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ description: 'The product reference', example: 'BL-310' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  product?: string;
  @ApiPropertyOptional({ description: 'Received at or after (ISO-8601)', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  receivedFrom?: string;
  @ApiPropertyOptional({ description: 'Received before (ISO-8601)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  receivedTo?: string;
  @ApiPropertyOptional({ enum: SUMMARY_SORTS, default: 'receivedAt' })
  @IsOptional()
  @IsIn(SUMMARY_SORTS)
  sort: SummarySort = 'receivedAt';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: SortOrder = 'desc';
  @PageSize(MAX_PAGE_SIZE, 50) limit = 50;
  @PageCursor("The previous page's nextCursor; only with the same sort and order") cursor?: string;
}
