import { Controller, Get, Inject, Param } from '@nestjs/common';
import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { streamNameFor } from '#domain';
import type { EventStore } from '#event-store';
import { type StreamVerdict, verifyStream } from '#event-store/audit/chain-tracker';
import { ApiError } from '#platform/errors/api-error';
import { RAW_EVENT_STORE } from '#platform/event-store/event-store.module';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { ComplaintErrors } from '../../openapi/api-errors.examples.js';
import { StreamVerdictDoc, VERDICT_EXAMPLE } from '../audit.doc.js';
import { UuidPipe } from '../../complaints/http/complaint-id.pipe.js';
import { Allow } from '#platform/auth/access.decorators';

export class VerifyComplaint {
  constructor(readonly complaintId: string) {}
}

/**
 * Checks the complaint's hash chain over the events AS STORED (the raw store: upcasting would change
 * the bytes the hashes cover). A break is reported at the first revision where the chain fails.
 */
@QueryHandler(VerifyComplaint)
export class VerifyComplaintHandler implements IQueryHandler<VerifyComplaint, StreamVerdict> {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  async execute({ complaintId }: VerifyComplaint): Promise<StreamVerdict> {
    const verdict = verifyStream(await this.store.readStream(streamNameFor(complaintId)));
    if (!verdict) throw ApiError.notFound('COMPLAINT_NOT_FOUND', 'No complaint has this id');
    return verdict;
  }
}

@ApiTags('complaints: audit')
@Allow('supervisor', 'auditor', 'admin')
@Controller('complaints/:id')
export class VerifyComplaintController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('verify')
  @ApiReadRoute({
    summary: "Verify the complaint's hash chain over the events as stored",
    description:
      '`{ ok: true, revision }`, or `{ ok: false, brokenAtRevision, reason }` (revision_gap, ' +
      'previous_hash_mismatch, hash_mismatch). Always 200: a broken chain is a finding, not an error.',
    answer: { description: 'The verdict', type: StreamVerdictDoc, example: VERDICT_EXAMPLE },
    errors: [ComplaintErrors.INVALID_ID, ComplaintErrors.NOT_FOUND, EVENT_STORE_TIMEOUT],
  })
  verify(@Param('id', UuidPipe) id: string): Promise<StreamVerdict> {
    return this.queryBus.execute<VerifyComplaint, StreamVerdict>(new VerifyComplaint(id));
  }
}
