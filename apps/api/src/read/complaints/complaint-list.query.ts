import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, CHANNELS, COMPLAINT_STATUSES, PRIORITIES } from '#domain';
import { SUMMARY_SORTS, type SortOrder, type SummarySort } from '#read-models';

export const MAX_PAGE_SIZE = 200;

/** Query parameters of GET /complaints; unknown parameters are a 400 like unknown body fields. */
export class ComplaintListQuery {
  @IsOptional() @IsIn(COMPLAINT_STATUSES) status?: (typeof COMPLAINT_STATUSES)[number];
  @IsOptional() @IsIn(CATEGORIES) category?: (typeof CATEGORIES)[number];
  @IsOptional() @IsIn(PRIORITIES) priority?: (typeof PRIORITIES)[number];
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'team must be a lower-case slug' }) team?: string;
  @IsOptional() @IsString() @Length(1, 128) owner?: string;
  @IsOptional() @IsIn(CHANNELS) channel?: (typeof CHANNELS)[number];
  @IsOptional() @IsString() @Length(1, 128) product?: string;
  /** Received at or after (ISO-8601). */
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true }) receivedFrom?: string;
  /** Received before (ISO-8601). */
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true }) receivedTo?: string;
  @IsOptional() @IsIn(SUMMARY_SORTS) sort: SummarySort = 'receivedAt';
  @IsOptional() @IsIn(['asc', 'desc']) order: SortOrder = 'desc';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit = 50;
  /** From the previous page's `nextCursor`; only valid with the same sort and order. */
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}
