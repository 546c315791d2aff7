import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import {
  ACKNOWLEDGE_BODY,
  ASSIGN_BODY,
  CATEGORIZE_BODY,
  RECEIVE_BODY,
  REJECT_BODY,
  VALIDATE_BODY,
} from '../dto/command-bodies.examples.js';
import {
  AcknowledgeComplaintDto,
  AssignComplaintDto,
  CategorizeComplaintDto,
  ReasonDto,
  ReceiveComplaintDto,
} from '../dto/intake.dto.js';
import { missingField, Refusals } from './command-refusals.examples.js';
import { ApiCommandRoute } from './command-route.decorator.js';
import { CommandRunner } from './command-runner.js';
import { UuidPipe } from './complaint-id.pipe.js';
import { Exchange, type HttpExchange } from './exchange.decorator.js';
import { plain } from './plain.js';
import { Allow } from '#platform/auth/access.decorators';

/** Intake and triage: receive, acknowledge, categorize, assign, validate or reject. */
@ApiTags('complaints: intake')
@Allow('agent', 'supervisor', 'admin')
@Controller('complaints')
export class IntakeController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @HttpCode(201)
  @ApiCommandRoute({
    summary: 'Receive a complaint',
    description:
      'The caller may choose the id (complaintId, e.g. when importing); otherwise the server does. With an ' +
      'Idempotency-Key and no complaintId, a retry lands on the same complaint.',
    body: { type: ReceiveComplaintDto, example: RECEIVE_BODY },
    appends: 'ComplaintReceived',
    creates: true,
    refusals: [Refusals.COMPLAINT_ALREADY_EXISTS, Refusals.OCCURRED_AT_IN_FUTURE, missingField('subject')],
  })
  async receive(@Body() body: ReceiveComplaintDto, @Exchange() http: HttpExchange) {
    const complaintId = body.complaintId ?? newComplaintId(http.request);
    const data = { ...plain(body), complaintId };
    const outcome = await this.runner.run(complaintId, { type: 'ReceiveComplaint', data }, http);
    void http.reply.header('location', `/complaints/${complaintId}`);
    return outcome;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Acknowledge receipt to the customer',
    description: 'A second acknowledgement changes nothing (events is empty).',
    body: { type: AcknowledgeComplaintDto, example: ACKNOWLEDGE_BODY },
    appends: 'ComplaintAcknowledged',
    refusals: [Refusals.COMPLAINT_CLOSED],
  })
  acknowledge(
    @Param('id', UuidPipe) id: string,
    @Body() body: AcknowledgeComplaintDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'AcknowledgeComplaint', data: plain(body) }, http);
  }

  @Post(':id/categorize')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Categorize: category, subcategory, severity and impact, from which the priority follows',
    body: { type: CategorizeComplaintDto, example: CATEGORIZE_BODY },
    appends: 'ComplaintCategorized',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.SUBCATEGORY_NOT_IN_CATEGORY],
  })
  categorize(@Param('id', UuidPipe) id: string, @Body() body: CategorizeComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'CategorizeComplaint', data: plain(body) }, http);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Assign to a team and an owner',
    body: { type: AssignComplaintDto, example: ASSIGN_BODY },
    appends: 'ComplaintAssigned',
    refusals: [Refusals.COMPLAINT_CLOSED],
  })
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'AssignComplaint', data: plain(body) }, http);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Judge the complaint founded and start investigating (overturns a rejection)',
    body: { type: ReasonDto, example: VALIDATE_BODY },
    appends: 'ComplaintValidated',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.COMPLAINT_ALREADY_RESOLVED, missingField('reason')],
  })
  validate(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ValidateComplaint', data: plain(body) }, http);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Reject the complaint as unfounded',
    body: { type: ReasonDto, example: REJECT_BODY },
    appends: 'ComplaintRejected',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.COMPLAINT_ALREADY_RESOLVED, missingField('reason')],
  })
  reject(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'RejectComplaint', data: plain(body) }, http);
  }
}

/** A retried intake (same Idempotency-Key) must land on the same complaint, not create a second. */
function newComplaintId(req: FastifyRequest): string {
  const idempotency = req.idempotency;
  return idempotency ? deterministicUuid(idempotency.key, idempotency.fingerprint, 'complaint') : randomUUID();
}
