import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReasonDto } from '../dto/intake.dto.js';
import { CloseComplaintDto, CustomerResponseDto, ResolveComplaintDto } from '../dto/outcome.dto.js';
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
  resolve(@Param('id', UuidPipe) id: string, @Body() body: ResolveComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ResolveComplaint', data: plain(body) }, http);
  }

  @Post('customer-response')
  @HttpCode(200)
  customerResponse(
    @Param('id', UuidPipe) id: string,
    @Body() body: CustomerResponseDto,
    @Exchange() http: HttpExchange,
  ) {
    return this.runner.run(id, { type: 'RecordCustomerResponse', data: plain(body) }, http);
  }

  @Post('reopen')
  @HttpCode(200)
  reopen(@Param('id', UuidPipe) id: string, @Body() body: ReasonDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'ReopenComplaint', data: plain(body) }, http);
  }

  @Post('close')
  @HttpCode(200)
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseComplaintDto, @Exchange() http: HttpExchange) {
    return this.runner.run(id, { type: 'CloseComplaint', data: plain(body) }, http);
  }
}
