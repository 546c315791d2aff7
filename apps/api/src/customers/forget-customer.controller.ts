import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '#platform/auth/access.decorators';
import { callerOf } from '#platform/auth/caller';
import { Exchange, type HttpExchange } from '../complaints/http/exchange.decorator.js';
import { CustomerIdPipe } from './customer-id.pipe.js';
import { type CustomerForgottenAnswer, ForgetCustomer } from './forget-customer.js';

@ApiTags('customers: personal data')
@Controller('customers')
export class ForgetCustomerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/forget')
  @Allow('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forget a customer: erase the keys that seal their personal data (crypto-shredding)',
    description:
      'Erases every live key of the customer. From then on their name, email and phone read as "[erased]" ' +
      'everywhere (history, time travel, the event feed, webhooks); stored events, hashes and statistics ' +
      'are untouched, so every chain still verifies. A CustomerForgotten record (who, when, which keys) is ' +
      'appended to the stream `erasure-<customerId>`. Idempotent: a repeat erases nothing more and answers ' +
      'the same way with erasedKeys 0. 202: the keys are gone from the live database now; backups still ' +
      'hold them until their retention ends (docs/personal-data.md).',
  })
  @ApiParam({ name: 'id', description: 'The customer reference, as given at intake in customer.id' })
  @ApiAcceptedResponse({ description: '{ customerId, erasedKeys, erasureStream }' })
  @ApiBadRequestResponse({ description: 'INVALID_CUSTOMER_ID' })
  forget(@Param('id', CustomerIdPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.commandBus.execute<ForgetCustomer, CustomerForgottenAnswer>(
      new ForgetCustomer(id, callerOf(request), request.id),
    );
  }
}
