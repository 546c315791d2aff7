import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CATEGORIES, CHANNELS, FISHBONE_CLASSES, SUBCATEGORIES } from '#domain';
import { BUCKETS, type Bucket, DIMENSIONS, type Dimension } from '#read-models/analytics/index';

/** A calendar date (UTC midnight) or an instant with its offset: a bare local time would depend on the server. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_MESSAGE =
  '$property must be a date (2026-01-01, UTC) or a date-time with a zone (2026-01-01T08:00:00+08:00)';
const TEAM = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const BY_DESCRIPTION =
  'Breakdown: category, subcategory, fishbone (the root-cause class of the latest root-cause analysis), product, ' +
  'channel or team — each as the complaint has it now, so a recategorized or reassigned complaint counts once, ' +
  'under its current key. key null: the complaint has no value yet (not categorized, no root cause…).';
const BUCKET_DESCRIPTION =
  'Time bucket of receipt, in UTC: day, week (ISO, Monday to Sunday) or month; `bucket` in the answer is its first day.';

/** The complaints a statistic covers: received in [from, to), optionally narrowed to one key per dimension. */
export class AnalyticsPeriodQuery {
  @ApiProperty({ description: 'Complaints received at or after this date/instant', example: '2026-01-01' })
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  from!: string;

  @ApiProperty({ description: 'Complaints received before this date/instant (exclusive)', example: '2026-04-01' })
  @Matches(DATE_OR_INSTANT, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  to!: string;

  @ApiPropertyOptional({ enum: CATEGORIES, description: 'Only complaints of this category' })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: SUBCATEGORIES, description: 'Only complaints of this subcategory' })
  @IsOptional()
  @IsIn(SUBCATEGORIES)
  subcategory?: string;

  @ApiPropertyOptional({ enum: FISHBONE_CLASSES, description: 'Only complaints whose root cause is of this class' })
  @IsOptional()
  @IsIn(FISHBONE_CLASSES)
  fishbone?: string;

  @ApiPropertyOptional({ description: 'Only complaints about this product reference' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  product?: string;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only complaints received through this channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ description: 'Only complaints assigned to this team (lower-case slug)' })
  @IsOptional()
  @Matches(TEAM, { message: 'team must be a lower-case slug' })
  team?: string;
}

/** Measures per bucket × key; both optional. */
export class BreakdownQuery extends AnalyticsPeriodQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, description: `${BY_DESCRIPTION} Omitted: all complaints together.` })
  @IsOptional()
  @IsIn(DIMENSIONS)
  by?: Dimension;

  @ApiPropertyOptional({ enum: BUCKETS, description: `${BUCKET_DESCRIPTION} Omitted: the whole period.` })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: Bucket;
}

export class CausesQuery extends AnalyticsPeriodQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, default: 'category', description: BY_DESCRIPTION })
  @IsOptional()
  @IsIn(DIMENSIONS)
  by: Dimension = 'category';

  @ApiPropertyOptional({ enum: BUCKETS, description: `${BUCKET_DESCRIPTION} Omitted: the whole period.` })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: Bucket;
}

export class ParetoQuery extends AnalyticsPeriodQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, default: 'fishbone', description: `What a cause is. ${BY_DESCRIPTION}` })
  @IsOptional()
  @IsIn(DIMENSIONS)
  by: Dimension = 'fishbone';
}

export class TrendsQuery extends AnalyticsPeriodQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, description: `${BY_DESCRIPTION} Omitted: one series for all complaints.` })
  @IsOptional()
  @IsIn(DIMENSIONS)
  by?: Dimension;

  @ApiPropertyOptional({ enum: BUCKETS, default: 'week', description: BUCKET_DESCRIPTION })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket: Bucket = 'week';
}
