import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { streamNameFor } from '#domain';
import type { ExportSelection } from '#event-store/audit/export-reader';
import { ApiError } from '#platform/errors/api-error';
import { ISO_INSTANT, parseInstant } from '../time-travel/state-at.dto.js';

const INSTANT_MESSAGE = '$property must be an ISO-8601 date-time with a zone, e.g. 2025-03-10T12:00:00Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `<category>-<id>`, the only shape of stream name the product writes. */
const STREAM_NAME = /^[a-z][a-z0-9]*-[A-Za-z0-9-]{1,100}$/;

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'Events recorded at or after this instant', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'Events recorded before this instant', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ description: 'A complaint id, or a stream name such as complaint-<id>' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  stream?: string;
}

export function exportSelectionOf(query: ExportQueryDto): ExportSelection {
  const from = query.from === undefined ? undefined : parseInstant(query.from, 'from');
  const to = query.to === undefined ? undefined : parseInstant(query.to, 'to');
  if (from && to && from.getTime() >= to.getTime()) {
    throw ApiError.badRequest('INVALID_TIME_RANGE', 'from must be earlier than to');
  }
  return { from, to, stream: query.stream === undefined ? undefined : streamOf(query.stream) };
}

function streamOf(value: string): string {
  if (UUID.test(value)) return streamNameFor(value.toLowerCase());
  if (STREAM_NAME.test(value)) return value;
  throw ApiError.badRequest('INVALID_STREAM', 'stream must be a complaint id or a stream name like complaint-<id>');
}
