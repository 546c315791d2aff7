import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_EVENT_TYPES, type ComplaintEventType } from '#domain';
import { EXAMPLE_COMPLAINT_ID, EXAMPLE_EVENT_ID } from '../../openapi/example-values.js';
import type { CommandOutcome } from '../commands/execute-complaint-command.js';

export class AppendedEventDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: COMPLAINT_EVENT_TYPES }) type!: string;
}

/** What every complaint command answers (CommandOutcome), for the OpenAPI document. */
export class CommandAnswerDoc implements CommandOutcome {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ description: "The complaint's revision after the command, also sent as the ETag" })
  revision!: number;
  @ApiProperty({
    type: [AppendedEventDoc],
    description:
      'The events appended, in order: a step that ends a wait for the customer first appends ComplaintResumed. ' +
      'Empty when the step changed nothing (a retry, or the same step again).',
  })
  events!: AppendedEventDoc[];
}

export class OfferAnswerDoc extends CommandAnswerDoc {
  @ApiProperty({ format: 'uuid', description: 'The compensation’s id: the one given, or a new one' })
  compensationId!: string;
}

/** The answer of a command that appended `type` as the complaint's revision `revision`. */
export function commandAnswerExample(type: ComplaintEventType, revision: number): CommandOutcome {
  return { complaintId: EXAMPLE_COMPLAINT_ID, revision, events: [{ id: EXAMPLE_EVENT_ID, type }] };
}
