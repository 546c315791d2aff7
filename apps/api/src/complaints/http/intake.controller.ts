import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import {
  AcknowledgeComplaintDto,
  AssignComplaintDto,
  CategorizeComplaintDto,
  ReasonDto,
  ReceiveComplaintDto,
} from '../dto/intake.dto.js';
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
  async receive(@Body() body: ReceiveComplaintDto, @Exchange() http: HttpExchange) {
    const complaintId = body.complaintId ?? newComplaintId(http.request);
    const data = { ...plain(body), complaintId };
    const outcome = await this.runner.run(complaintId, { type: 'ReceiveComplaint', data }, http);
    void http.reply.header('location', `/complaints/${complaintId}`);
    return outcome;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('id', UuidPipe) id: string,
    @Body() body: AcknowledgeComplaintDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'AcknowledgeComplaint', data: plain(body) }, http);
  }

  @Post(':id/categorize')
  @HttpCode(200)
  categorize(@Param('id', UuidPipe) id: string, @Body() body: CategorizeComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'CategorizeComplaint', data: plain(body) }, http);
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'AssignComplaint', data: plain(body) }, http);
  }

  @Post(':id/validate')
  @HttpCode(200)
  validate(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ValidateComplaint', data: plain(body) }, http);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'RejectComplaint', data: plain(body) }, http);
  }
}

/** A retried intake (same Idempotency-Key) must land on the same complaint, not create a second. */
function newComplaintId(req: FastifyRequest): string {
  const idempotency = req.idempotency;
  return idempotency ? deterministicUuid(idempotency.key, idempotency.fingerprint, 'complaint') : randomUUID();
}
