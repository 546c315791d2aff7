import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  EscalateComplaintDto,
  IdentifyRootCauseDto,
  LogCustomerContactDto,
  ResumeComplaintDto,
} from '../dto/handling.dto.js';
import { ReasonDto } from '../dto/intake.dto.js';
import {
  AWAIT_CUSTOMER_BODY,
  CONTACT_BODY,
  ESCALATE_BODY,
  RESUME_BODY,
  ROOT_CAUSE_BODY,
} from '../dto/command-bodies.examples.js';
import { missingField, Refusals } from './command-refusals.examples.js';
import { ApiCommandRoute } from './command-route.decorator.js';
import { CommandRunner } from './command-runner.js';
import { UuidPipe } from './complaint-id.pipe.js';
import { Exchange, type HttpExchange } from './exchange.decorator.js';
import { plain } from './plain.js';
import { Allow } from '#platform/auth/access.decorators';

/** Working a complaint: contact log, waiting on the customer, root cause, escalation. */
@ApiTags('complaints: handling')
@Allow('agent', 'supervisor', 'admin')
@Controller('complaints/:id')
export class HandlingController {
  constructor(private readonly runner: CommandRunner) {}

  @Post('contacts')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Log a contact with the customer, inbound or outbound',
    description: 'The first outbound contact meets the first-response SLA target.',
    body: { type: LogCustomerContactDto, example: CONTACT_BODY },
    appends: 'CustomerContacted',
    refusals: [Refusals.COMPLAINT_CLOSED, missingField('summary')],
  })
  logContact(@Param('id', UuidPipe) id: string, @Body() body: LogCustomerContactDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'LogCustomerContact', data: plain(body) }, http);
  }

  @Post('await-customer')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Wait on the customer: the SLA clocks pause until the complaint resumes',
    body: { type: ReasonDto, example: AWAIT_CUSTOMER_BODY },
    appends: 'ComplaintAwaitingCustomer',
    refusals: [
      Refusals.COMPLAINT_CLOSED,
      Refusals.ALREADY_AWAITING_CUSTOMER,
      Refusals.COMPLAINT_REJECTED,
      Refusals.COMPLAINT_ALREADY_RESOLVED,
      missingField('reason'),
    ],
  })
  awaitCustomer(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'AwaitCustomer', data: plain(body) }, http);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Resume a complaint that waits on the customer: back to the status it had',
    body: { type: ResumeComplaintDto, example: RESUME_BODY },
    appends: 'ComplaintResumed',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.NOT_AWAITING_CUSTOMER],
  })
  resume(@Param('id', UuidPipe) id: string, @Body() body: ResumeComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ResumeComplaint', data: plain(body) }, http);
  }

  @Post('root-cause')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Record the root cause: fishbone class, the five whys, corrective and preventive action',
    description: 'The same root cause again changes nothing (events is empty).',
    body: { type: IdentifyRootCauseDto, example: ROOT_CAUSE_BODY },
    appends: 'RootCauseIdentified',
    refusals: [Refusals.COMPLAINT_CLOSED, missingField('correctiveAction')],
  })
  identifyRootCause(
    @Param('id', UuidPipe) id: string,
    @Body() body: IdentifyRootCauseDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'IdentifyRootCause', data: plain(body) }, http);
  }

  @Post('escalate')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Escalate to a tier (1 to 4): up only; a new reason at the current tier is recorded too',
    body: { type: EscalateComplaintDto, example: ESCALATE_BODY },
    appends: 'ComplaintEscalated',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.ESCALATION_DOWNGRADE],
  })
  escalate(@Param('id', UuidPipe) id: string, @Body() body: EscalateComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'EscalateComplaint', data: plain(body) }, http);
  }
}
