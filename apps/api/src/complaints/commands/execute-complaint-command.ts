import type { ComplaintCommand } from '#domain';
import type { Caller } from '#platform/auth/roles';

/** Everything about the HTTP request that the write side needs, and nothing else. */
export interface CommandRequest {
  caller: Caller;
  correlationId: string;
  /** From `If-Match`: the revision the client last saw; a mismatch is answered with 412. */
  expectedRevision?: number;
  /** From `Idempotency-Key`: makes the command's ids deterministic, so a retry appends nothing new. */
  idempotency?: { key: string; fingerprint: string };
}

export interface CommandOutcome {
  complaintId: string;
  /** The complaint's revision after the command (its ETag). */
  revision: number;
  events: { id: string; type: string }[];
}

/** The one @nestjs/cqrs command of the write side: run a domain command against a complaint. */
export class ExecuteComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommand,
    readonly request: CommandRequest,
  ) {}
}
