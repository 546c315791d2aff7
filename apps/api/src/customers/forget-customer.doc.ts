import { ApiProperty } from '@nestjs/swagger';
import type { CustomerForgottenAnswer } from './forget-customer.js';

/** POST /customers/{id}/forget's answer, for the OpenAPI document. */
export class CustomerForgottenDoc implements CustomerForgottenAnswer {
  @ApiProperty({ example: 'cust-2002' }) customerId!: string;
  @ApiProperty({ description: 'Keys erased by this request: 0 when none were left (forgotten before, or never seen)' })
  erasedKeys!: number;
  @ApiProperty({ description: "The stream of the auditors' record of each erasure (GET /audit/export?stream=…)" })
  erasureStream!: string;
}

export const FORGOTTEN_EXAMPLE: CustomerForgottenAnswer = {
  customerId: 'cust-2002',
  erasedKeys: 1,
  erasureStream: 'erasure-cust-2002',
};
