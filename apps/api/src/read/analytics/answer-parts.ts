import { ApiProperty } from '@nestjs/swagger';

/** What every analytics answer shares: its labels' documentation and the period it covers. */
export const BUCKET = {
  type: String,
  nullable: true,
  description: 'First day (YYYY-MM-DD, UTC) of the bucket of receipt; null without `bucket`',
};
export const KEY = {
  type: String,
  nullable: true,
  description: 'Key in the `by` dimension; null without `by`, or while the complaint has none',
};
export const RATE = { type: Number, nullable: true, description: 'Between 0 and 1; null when the base is 0' };

export class PeriodAnswer {
  @ApiProperty({ description: 'Start of the period (inclusive, ISO-8601)' }) from!: string;
  @ApiProperty({ description: 'End of the period (exclusive, ISO-8601)' }) to!: string;
  @ApiProperty({ type: String, nullable: true }) by!: string | null;
  @ApiProperty({ type: String, nullable: true }) bucket!: string | null;
}
