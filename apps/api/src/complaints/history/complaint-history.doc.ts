/** GET /complaints/{id}/history's answer for the OpenAPI document: the events exactly as stored. */
import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_EVENT_TYPES } from '#domain';
import {
  EXAMPLE_COMPLAINT_ID,
  EXAMPLE_CORRELATION_ID,
  EXAMPLE_EVENT_ID,
  EXAMPLE_POSITION,
} from '../../openapi/example-values.js';
import { RECEIVE_BODY } from '../dto/command-bodies.examples.js';
import type { ComplaintHistory, StoredEventView } from './complaint-history.js';

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class StoredEventDoc implements StoredEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: COMPLAINT_EVENT_TYPES }) type!: string;
  @ApiProperty({ description: 'The version of the event’s data schema it was written with' }) schemaVersion!: number;
  @ApiProperty({ description: 'Place in the stream, from 0, without gaps' }) revision!: number;
  @ApiProperty({ description: 'Opaque place in the global feed' }) position!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ ...OBJECT, description: 'As published at /events/schemas/{type}/{schemaVersion}' }) data!: unknown;
  @ApiProperty({ ...OBJECT, description: 'actor, correlationId, causationId, command' }) metadata!: unknown;
  @ApiProperty({ description: 'The hash of the event before it (64 zeros for the first)' }) previousHash!: string;
  @ApiProperty({ description: 'sha256 over previousHash, revision and content: the tamper-evident chain' })
  hash!: string;
}

export class ComplaintHistoryDoc implements ComplaintHistory {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ description: 'The last event’s revision, also sent as the ETag' }) revision!: number;
  @ApiProperty({ type: [StoredEventDoc], description: 'Oldest first' }) events!: StoredEventDoc[];
}

/** The first two events of the example complaint, as stored. */
export const STORED_EVENTS_EXAMPLE: StoredEventView[] = [
  {
    id: 'e478dfdc-2c6f-4a2b-9d92-6fb44d1198bc',
    type: 'ComplaintReceived',
    schemaVersion: 2,
    revision: 0,
    position: '82948/1',
    recordedAt: '2026-11-08T09:12:44.120Z',
    data: { ...RECEIVE_BODY, by: 'agent-7', receivedAt: '2026-11-08T09:12:44.120Z' },
    metadata: {
      actor: { id: 'agent-7', role: 'agent' },
      command: 'ReceiveComplaint',
      causationId: '95dbd699-ca71-4aec-8fe4-db5175cf1274',
      correlationId: EXAMPLE_CORRELATION_ID,
    },
    previousHash: '0'.repeat(64),
    hash: '4567ec9db51c785084c59d7e9e520000e6638c70d6a941bb54ba555262e529be',
  },
  {
    id: EXAMPLE_EVENT_ID,
    type: 'ComplaintAcknowledged',
    schemaVersion: 1,
    revision: 1,
    position: EXAMPLE_POSITION,
    recordedAt: '2026-11-08T09:40:02.310Z',
    data: {
      complaintId: EXAMPLE_COMPLAINT_ID,
      how: 'email',
      by: 'agent-7',
      acknowledgedAt: '2026-11-08T09:40:02.310Z',
    },
    metadata: {
      actor: { id: 'agent-7', role: 'agent' },
      command: 'AcknowledgeComplaint',
      causationId: '7893248e-797e-4ac2-a3f0-b1fba6eadda7',
      correlationId: '92e73975-5ee9-43ce-85e5-85a334e907e6',
    },
    previousHash: '4567ec9db51c785084c59d7e9e520000e6638c70d6a941bb54ba555262e529be',
    hash: '59cb90fbe449cf0e2a5478ebfbef28dc524cc9e7b1ccb5707dc6e01f8472e23e',
  },
];

export const HISTORY_EXAMPLE: ComplaintHistory = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  revision: 1,
  events: STORED_EVENTS_EXAMPLE,
};
