import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

export class AdvanceClockDto {
  @ApiProperty({ description: 'How far to move the clock forward, in ms (never back)', example: 3_600_000 })
  @IsInt()
  @Min(1)
  @Max(YEAR_MS)
  ms!: number;
}
