import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import {
  ApproveCompensationDto,
  DeclineCompensationDto,
  OfferCompensationDto,
  PayCompensationDto,
} from '../dto/compensation.dto.js';
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
  async offer(@Param('id', UuidPipe) id: string, @Body() body: OfferCompensationDto, @Exchange() http: HttpExchange) {
    const compensationId = body.compensationId ?? newCompensationId(http);
    const data = { ...plain(body), compensationId };
    const outcome = await this.runner.run(id, { type: 'OfferCompensation', data }, http);
    return { ...outcome, compensationId };
  }

  @Post(':compensationId/approve')
  @HttpCode(200)
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
