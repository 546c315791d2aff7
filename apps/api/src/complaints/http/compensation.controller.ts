import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import { EXAMPLE_COMPENSATION_ID } from '../../openapi/example-values.js';
import {
  ApproveCompensationDto,
  DeclineCompensationDto,
  OfferCompensationDto,
  PayCompensationDto,
} from '../dto/compensation.dto.js';
import { APPROVE_BODY, DECLINE_BODY, OFFER_BODY, PAY_BODY } from '../dto/command-bodies.examples.js';
import { commandAnswerExample, OfferAnswerDoc } from './command-answer.doc.js';
import { missingField, Refusals } from './command-refusals.examples.js';
import { ApiCommandRoute } from './command-route.decorator.js';
import { CommandRunner } from './command-runner.js';
import { UuidPipe } from './complaint-id.pipe.js';
import { Exchange, type HttpExchange } from './exchange.decorator.js';
import { plain } from './plain.js';
import { Allow } from '#platform/auth/access.decorators';

/** Compensation: offered, approved (by a supervisor above the team's limit), paid or declined. */
@ApiTags('complaints: compensation')
@Allow('agent', 'supervisor', 'admin')
@Controller('complaints/:id/compensations')
export class CompensationController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @HttpCode(201)
  @ApiCommandRoute({
    summary: 'Offer a compensation (amount in minor units)',
    description:
      "Above the team's approval limit the offer needs a supervisor's approval before it is paid. " +
      'The caller may choose compensationId; otherwise the server does.',
    body: { type: OfferCompensationDto, example: OFFER_BODY },
    appends: 'CompensationOffered',
    status: 201,
    answer: {
      type: OfferAnswerDoc,
      example: { ...commandAnswerExample('CompensationOffered', 9), compensationId: EXAMPLE_COMPENSATION_ID },
    },
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.COMPLAINT_REJECTED, Refusals.COMPENSATION_ALREADY_EXISTS],
  })
  async offer(@Param('id', UuidPipe) id: string, @Body() body: OfferCompensationDto, @Exchange() http: HttpExchange) {
    const compensationId = body.compensationId ?? newCompensationId(http);
    const data = { ...plain(body), compensationId };
    const outcome = await this.runner.run(id, { type: 'OfferCompensation', data }, http);
    return { ...outcome, compensationId };
  }

  @Post(':compensationId/approve')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Approve a compensation, for the offered amount or less',
    description: 'Above the approval limit only a supervisor or an admin may approve.',
    body: { type: ApproveCompensationDto, example: APPROVE_BODY },
    appends: 'CompensationApproved',
    refusals: [
      Refusals.COMPLAINT_CLOSED,
      Refusals.COMPLAINT_REJECTED,
      Refusals.COMPENSATION_NOT_FOUND,
      Refusals.COMPENSATION_DECLINED,
      Refusals.COMPENSATION_ALREADY_APPROVED,
      Refusals.COMPENSATION_PAYMENT_STARTED,
      Refusals.APPROVED_AMOUNT_EXCEEDS_OFFER,
      Refusals.APPROVER_NOT_AUTHORIZED,
    ],
  })
  approve(
    @Param('id', UuidPipe) id: string,
    @Param('compensationId', UuidPipe) compensationId: string,
    @Body() body: ApproveCompensationDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'ApproveCompensation', data: { ...plain(body), compensationId } }, http);
  }

  @Post(':compensationId/decline')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Decline a compensation before any payment',
    body: { type: DeclineCompensationDto, example: DECLINE_BODY },
    appends: 'CompensationDeclined',
    refusals: [
      Refusals.COMPLAINT_CLOSED,
      Refusals.COMPENSATION_NOT_FOUND,
      Refusals.COMPENSATION_PAYMENT_STARTED,
      missingField('reason'),
    ],
  })
  decline(
    @Param('id', UuidPipe) id: string,
    @Param('compensationId', UuidPipe) compensationId: string,
    @Body() body: DeclineCompensationDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'DeclineCompensation', data: { ...plain(body), compensationId } }, http);
  }

  @Post(':compensationId/pay')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Record a payment of a compensation; several payments may add up to the payable amount',
    description: 'The same paymentRef again changes nothing (events is empty).',
    body: { type: PayCompensationDto, example: PAY_BODY },
    appends: 'CompensationPaid',
    refusals: [
      Refusals.COMPLAINT_CLOSED,
      Refusals.COMPLAINT_REJECTED,
      Refusals.COMPENSATION_NOT_FOUND,
      Refusals.COMPENSATION_DECLINED,
      Refusals.COMPENSATION_NOT_APPROVED,
      Refusals.PAYMENT_EXCEEDS_APPROVED,
    ],
  })
  pay(
    @Param('id', UuidPipe) id: string,
    @Param('compensationId', UuidPipe) compensationId: string,
    @Body() body: PayCompensationDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'PayCompensation', data: { ...plain(body), compensationId } }, http);
  }
}

function newCompensationId({ request }: HttpExchange): string {
  const idempotency = request.idempotency;
  return idempotency ? deterministicUuid(idempotency.key, idempotency.fingerprint, 'compensation') : randomUUID();
}
