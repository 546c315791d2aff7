import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '#platform/auth/access.decorators';
import { callerOf } from '#platform/auth/caller';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiWriteRoute } from '#platform/http/openapi/route.decorators';
import { Exchange, type HttpExchange } from '../complaints/http/exchange.decorator.js';
import { CustomerErrors } from '../openapi/api-errors.examples.js';
import { CustomerIdPipe } from './customer-id.pipe.js';
import { CustomerForgottenDoc, FORGOTTEN_EXAMPLE } from './forget-customer.doc.js';
import { type CustomerForgottenAnswer, ForgetCustomer } from './forget-customer.js';

@ApiTags('customers: personal data')
@Controller('customers')
export class ForgetCustomerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/forget')
  @Allow('admin')
  @HttpCode(202)
  @ApiWriteRoute({
    summary: 'Forget a customer: erase the keys that seal their personal data (crypto-shredding)',
    description:
      'Erases every live key of the customer. From then on their name, email and phone read as "[erased]" ' +
      'everywhere (history, time travel, the event feed, webhooks); stored events, hashes and statistics ' +
      'are untouched, so every chain still verifies. A CustomerForgotten record (who, when, which keys) is ' +
      'appended to the stream `erasure-<customerId>`. Idempotent: a repeat erases nothing more and answers ' +
      'the same way with erasedKeys 0. 202: the keys are gone from the live database now; backups still ' +
      'hold them until their retention ends (docs/personal-data.md).',
    answer: {
      status: 202,
      description: 'The keys are erased from the live database',
      type: CustomerForgottenDoc,
      example: FORGOTTEN_EXAMPLE,
    },
    errors: [CustomerErrors.INVALID_CUSTOMER_ID, EVENT_STORE_TIMEOUT],
  })
  @ApiParam({ name: 'id', description: 'The customer reference, as given at intake in customer.id' })
  forget(@Param('id', CustomerIdPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.commandBus.execute<ForgetCustomer, CustomerForgottenAnswer>(
      new ForgetCustomer(id, callerOf(request), request.id),
    );
  }
}
