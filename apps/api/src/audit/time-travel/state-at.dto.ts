import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ApiError } from '#platform/errors/api-error';
import type { HistoryPoint } from './state-at.query.js';

/** An ISO-8601 instant with its offset: a time without one would be read in the server's zone. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = '$property must be an ISO-8601 date-time with a zone, e.g. 2025-03-10T12:00:00Z';

export class StateAtQueryDto {
  @ApiPropertyOptional({ description: 'An instant with its zone', example: '2026-11-08T10:00:00Z' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  asOf?: string;

  @ApiPropertyOptional({ description: 'A stream revision, from 0', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  revision?: number;
}

/** Exactly one of the two, and a real instant (the pattern lets 2025-02-30 through). */
export function historyPointOf(query: StateAtQueryDto): HistoryPoint {
  if ((query.asOf === undefined) === (query.revision === undefined)) {
    throw ApiError.badRequest('INVALID_HISTORY_POINT', 'Give exactly one of asOf or revision');
  }
  if (query.revision !== undefined) return { revision: query.revision };
  return { asOf: parseInstant(query.asOf!, 'asOf') };
}

export function parseInstant(value: string, field: string): Date {
  const instant = new Date(value);
  const [, month, day] = /^\d{4}-(\d{2})-(\d{2})/.exec(value) ?? [];
  // Date() rolls 2025-02-30 over to March; a calendar date that does not exist is a mistake.
  const exists = !Number.isNaN(instant.getTime()) && Number(day) <= daysIn(value.slice(0, 4), month!);
  if (!exists) {
    throw ApiError.badRequest('VALIDATION_FAILED', 'The request is not valid', [
      { field, problems: [`${field} is not a real date-time`] },
    ]);
  }
  return instant;
}

function daysIn(year: string, month: string): number {
  return new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
}
