import { ApiProperty } from '@nestjs/swagger';
import type { CauseRow, ParetoItem, TrendPoint, TrendSeries } from '#read-models/analytics/index';
import { BUCKET, KEY, PeriodAnswer, RATE } from './answer-parts.js';

/*
 * The count answers' shapes for the OpenAPI document. Each row class implements the read model's row
 * type, so the documentation cannot drift from what the queries return.
 */

export class CauseRowView implements CauseRow {
  @ApiProperty(BUCKET) bucket!: string | null;
  @ApiProperty(KEY) key!: string | null;
  @ApiProperty({ description: 'Complaints received in the bucket with this key' }) complaints!: number;
  @ApiProperty({ description: "Of the bucket's complaints (of the period's without `bucket`)" }) share!: number;
}

export class CausesAnswer extends PeriodAnswer {
  @ApiProperty({ type: [CauseRowView] }) rows!: CauseRowView[];
}

export class ParetoItemView implements ParetoItem {
  @ApiProperty() key!: string;
  @ApiProperty() complaints!: number;
  @ApiProperty({ description: 'Of the classified complaints' }) share!: number;
  @ApiProperty({ description: 'This cause and every bigger one' }) cumulativeShare!: number;
  @ApiProperty({ description: 'Among the biggest causes that together first reach 80 % (the vital few)' })
  vital!: boolean;
}

export class ParetoAnswer {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ description: 'Complaints received in the period' }) complaints!: number;
  @ApiProperty({ description: 'Complaints with no key yet (e.g. no root cause identified); not ranked' })
  unclassified!: number;
  @ApiProperty({ type: [ParetoItemView], description: 'Biggest first; ties by key' }) items!: ParetoItemView[];
}

export class TrendPointView implements TrendPoint {
  @ApiProperty() bucket!: string;
  @ApiProperty() complaints!: number;
  @ApiProperty({ description: 'Against the bucket before (the first point: the last bucket of the previous period)' })
  change!: number;
  @ApiProperty(RATE) changeRatio!: number | null;
}

export class TrendSeriesView implements TrendSeries {
  @ApiProperty(KEY) key!: string | null;
  @ApiProperty({ description: 'In the period' }) complaints!: number;
  @ApiProperty({ description: 'In the period of as many buckets just before' }) previousComplaints!: number;
  @ApiProperty() change!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'change / previousComplaints; null when that is 0' })
  changeRatio!: number | null;
  @ApiProperty({ type: [TrendPointView], description: 'Every bucket of the period, zeros included' })
  points!: TrendPointView[];
}

export class TrendsAnswer {
  @ApiProperty({ description: 'The period widened to whole buckets (YYYY-MM-DD)' }) from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Start of the previous period of the same number of buckets' }) previousFrom!: string;
  @ApiProperty() bucket!: string;
  @ApiProperty({ type: String, nullable: true }) by!: string | null;
  @ApiProperty({ type: [TrendSeriesView], description: 'Biggest first' }) series!: TrendSeriesView[];
}
