import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ForgetCustomerController } from './forget-customer.controller.js';
import { ForgetCustomerHandler } from './forget-customer.js';

/** Customers' personal data: forgetting a customer (crypto-shredding). */
@Module({
  imports: [CqrsModule],
  controllers: [ForgetCustomerController],
  providers: [ForgetCustomerHandler],
})
export class CustomersModule {}
