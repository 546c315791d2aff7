import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReasonDto } from '../dto/intake.dto.js';
import { CloseComplaintDto, CustomerResponseDto, ResolveComplaintDto } from '../dto/outcome.dto.js';
import { CLOSE_BODY, CUSTOMER_RESPONSE_BODY, REOPEN_BODY, RESOLVE_BODY } from '../dto/command-bodies.examples.js';
import { missingField, Refusals } from './command-refusals.examples.js';
import { ApiCommandRoute } from './command-route.decorator.js';
import { CommandRunner } from './command-runner.js';
import { UuidPipe } from './complaint-id.pipe.js';
import { Exchange, type HttpExchange } from './exchange.decorator.js';
import { plain } from './plain.js';
import { Allow } from '#platform/auth/access.decorators';

/** The way out: resolve, the customer's verdict, reopen for a second handling, close. */
@ApiTags('complaints: outcome')
@Allow('agent', 'supervisor', 'admin')
@Controller('complaints/:id')
export class OutcomeController {
  constructor(private readonly runner: CommandRunner) {}

  @Post('resolve')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Resolve: the resolution and the plan carried out',
    description: 'Needs a category and an owner. Validation is not required (first-contact resolution).',
    body: { type: ResolveComplaintDto, example: RESOLVE_BODY },
    appends: 'ComplaintResolved',
    refusals: [
      Refusals.COMPLAINT_CLOSED,
      Refusals.COMPLAINT_ALREADY_RESOLVED,
      Refusals.COMPLAINT_REJECTED,
      Refusals.COMPLAINT_NOT_CATEGORIZED,
      Refusals.COMPLAINT_NOT_ASSIGNED,
      missingField('summary'),
    ],
  })
  resolve(@Param('id', UuidPipe) id: string, @Body() body: ResolveComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ResolveComplaint', data: plain(body) }, http);
  }

  @Post('customer-response')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: "Record the customer's verdict on the resolution: confirmed or disputed, with satisfaction 1 to 5",
    description: 'Disputed appends CustomerDisputedResolution instead; the same answer again changes nothing.',
    body: { type: CustomerResponseDto, example: CUSTOMER_RESPONSE_BODY },
    appends: 'CustomerConfirmedResolution',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.COMPLAINT_NOT_RESOLVED, Refusals.CUSTOMER_ALREADY_RESPONDED],
  })
  customerResponse(
    @Param('id', UuidPipe) id: string,
    @Body() body: CustomerResponseDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'RecordCustomerResponse', data: plain(body) }, http);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Reopen for a second handling: after a dispute, or within the reopen window after closure',
    body: { type: ReasonDto, example: REOPEN_BODY },
    appends: 'ComplaintReopened',
    refusals: [Refusals.COMPLAINT_NOT_REOPENABLE, Refusals.REOPEN_WINDOW_EXPIRED, missingField('reason')],
  })
  reopen(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ReopenComplaint', data: plain(body) }, http);
  }

  @Post('close')
  @HttpCode(200)
  @ApiCommandRoute({
    summary: 'Close, with a closure code and the lessons learned (STAR-L)',
    description: 'The code defaults to resolved only for a resolved complaint; any other needs an explicit one.',
    body: { type: CloseComplaintDto, example: CLOSE_BODY },
    appends: 'ComplaintClosed',
    refusals: [Refusals.COMPLAINT_CLOSED, Refusals.CLOSURE_CODE_REQUIRED],
  })
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'CloseComplaint', data: plain(body) }, http);
  }
}
