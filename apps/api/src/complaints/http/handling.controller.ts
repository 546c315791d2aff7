import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  EscalateComplaintDto,
  IdentifyRootCauseDto,
  LogCustomerContactDto,
  ResumeComplaintDto,
} from '../dto/handling.dto.js';
import { ReasonDto } from '../dto/intake.dto.js';
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
  logContact(@Param('id', UuidPipe) id: string, @Body() body: LogCustomerContactDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'LogCustomerContact', data: plain(body) }, http);
  }

  @Post('await-customer')
  @HttpCode(200)
  awaitCustomer(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'AwaitCustomer', data: plain(body) }, http);
  }

  @Post('resume')
  @HttpCode(200)
  resume(@Param('id', UuidPipe) id: string, @Body() body: ResumeComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ResumeComplaint', data: plain(body) }, http);
  }

  @Post('root-cause')
  @HttpCode(200)
  identifyRootCause(
    @Param('id', UuidPipe) id: string,
    @Body() body: IdentifyRootCauseDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'IdentifyRootCause', data: plain(body) }, http);
  }

  @Post('escalate')
  @HttpCode(200)
  escalate(@Param('id', UuidPipe) id: string, @Body() body: EscalateComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'EscalateComplaint', data: plain(body) }, http);
  }
}
