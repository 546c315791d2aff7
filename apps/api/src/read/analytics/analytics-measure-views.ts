import { ApiProperty } from '@nestjs/swagger';
import type { CompensationRow, ResolutionRow, SatisfactionRow } from '#read-models/analytics/index';
import { BUCKET, KEY, PeriodAnswer, RATE } from './answer-parts.js';

const SECONDS = {
  type: Number,
  nullable: true,
  description: 'From receipt to the resolution in force; null without one',
};

export class ResolutionRowView implements ResolutionRow {
  @ApiProperty(BUCKET) bucket!: string | null;
  @ApiProperty(KEY) key!: string | null;
  @ApiProperty() complaints!: number;
  @ApiProperty({ description: 'Resolved or closed at least once' }) concluded!: number;
  @ApiProperty({ description: 'Reopened at least once (a second handling)' }) reopened!: number;
  @ApiProperty({ ...RATE, description: 'reopened / concluded' }) reopenRate!: number | null;
  @ApiProperty({ description: 'Resolved at least once' }) everResolved!: number;
  @ApiProperty({ description: 'First-contact resolutions (see the route description)' })
  firstContactResolutions!: number;
  @ApiProperty({ ...RATE, description: 'firstContactResolutions / everResolved' })
  firstContactResolutionRate!: number | null;
  @ApiProperty({ description: 'Whose resolution stands (not reopened since): the base of the times' })
  resolved!: number;
  @ApiProperty(SECONDS) meanSecondsToResolve!: number | null;
  @ApiProperty({ ...SECONDS, description: 'Median (interpolated), from receipt to the resolution in force' })
  medianSecondsToResolve!: number | null;
}

export class ResolutionAnswer extends PeriodAnswer {
  @ApiProperty({ type: [ResolutionRowView] }) rows!: ResolutionRowView[];
}

export class CompensationRowView implements CompensationRow {
  @ApiProperty(BUCKET) bucket!: string | null;
  @ApiProperty(KEY) key!: string | null;
  @ApiProperty({ description: 'refund, discount, voucher, replacement, repair, extra_service or goodwill' })
  kind!: string;
  @ApiProperty({ description: 'ISO 4217; amounts are never summed across currencies' }) currency!: string;
  @ApiProperty({ description: 'Compensations offered' }) compensations!: number;
  @ApiProperty() declined!: number;
  @ApiProperty({ description: 'Offered amounts, in minor units (cents)' }) offered!: number;
  @ApiProperty({
    description: 'What may be paid: the approved amount, or the offer when no approval was needed; 0 when declined',
  })
  payable!: number;
  @ApiProperty({ description: 'Paid so far, in minor units' }) paid!: number;
}

export class CompensationAnswer extends PeriodAnswer {
  @ApiProperty({ type: [CompensationRowView] }) rows!: CompensationRowView[];
}

export class SatisfactionRowView implements SatisfactionRow {
  @ApiProperty(BUCKET) bucket!: string | null;
  @ApiProperty(KEY) key!: string | null;
  @ApiProperty({ description: "Complaints with an answer to a resolution (the customer's latest answer counts)" })
  responses!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean satisfaction, 1 to 5' }) averageSatisfaction!:
    number | null;
  @ApiProperty({ description: 'Answers of 4 or 5' }) satisfied!: number;
  @ApiProperty({ ...RATE, description: 'CSAT: satisfied / responses' }) csat!: number | null;
  @ApiProperty({ description: 'The latest answer confirmed the resolution' }) confirmed!: number;
  @ApiProperty({ description: 'The latest answer disputed it' }) disputed!: number;
}

export class SatisfactionAnswer extends PeriodAnswer {
  @ApiProperty({ type: [SatisfactionRowView] }) rows!: SatisfactionRowView[];
}
