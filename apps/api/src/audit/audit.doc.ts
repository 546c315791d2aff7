/** The auditors' answers for the OpenAPI document: time travel, chain verification, the export. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ComplaintEvent, fold, initialState } from '#domain';
import type { StreamVerdict } from '#event-store/audit/chain-tracker';
import { STORED_EVENTS_EXAMPLE } from '../complaints/history/complaint-history.doc.js';
import { EXAMPLE_COMPLAINT_ID, EXAMPLE_STREAM } from '../openapi/example-values.js';
import type { ComplaintStateAt } from './time-travel/state-at.query.js';

export class ComplaintStateAtDoc implements ComplaintStateAt {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ description: 'The revision the state stands at: the last event folded' }) revision!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When that event was recorded' })
  recordedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The instant asked for (with asOf)' })
  asOf?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The complaint folded from its events as the command path folds it (ComplaintState)',
  })
  state!: ComplaintStateAt['state'];
}

export class StreamVerdictDoc {
  @ApiProperty({ description: 'true: every link of the hash chain holds' }) ok!: boolean;
  @ApiPropertyOptional({ description: 'ok: the last revision checked' }) revision?: number;
  @ApiPropertyOptional({ description: 'Not ok: the first revision where the chain fails' }) brokenAtRevision?: number;
  @ApiPropertyOptional({ enum: ['revision_gap', 'previous_hash_mismatch', 'hash_mismatch'] }) reason?: string;
}

const folded = STORED_EVENTS_EXAMPLE.map(({ type, data }) => ({ type, data }) as ComplaintEvent);

/** The example complaint as it stood once acknowledged: folded by the domain's own fold. */
export const STATE_AT_EXAMPLE: ComplaintStateAt = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  revision: 1,
  recordedAt: STORED_EVENTS_EXAMPLE[1]!.recordedAt,
  asOf: '2026-11-08T10:00:00.000Z',
  state: fold(folded, initialState),
};

export const VERDICT_EXAMPLE: StreamVerdict = { ok: true, revision: 15 };
export const BROKEN_VERDICT_EXAMPLE: StreamVerdict = { ok: false, brokenAtRevision: 7, reason: 'hash_mismatch' };

/** Two lines of the export: each stored event with its stream name. */
export const EXPORT_EXAMPLE = STORED_EVENTS_EXAMPLE.map((event) =>
  JSON.stringify({ ...event, streamName: EXAMPLE_STREAM }),
).join('\n');
