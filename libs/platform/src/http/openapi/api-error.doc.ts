import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ErrorBody } from '../../errors/api-error.js';

const FIELD_PROBLEMS = {
  type: 'array',
  description: 'VALIDATION_FAILED and UNSUPPORTED_CHARACTER: every field in error and what is wrong with it',
  items: {
    type: 'object',
    required: ['field', 'problems'],
    properties: {
      field: { type: 'string', description: 'Dotted path of the field', example: 'customer.name' },
      problems: { type: 'array', items: { type: 'string' } },
    },
  },
};

const FACTS = {
  type: 'object',
  description: 'Other codes: facts about the refusal, such as the current revision or the allowed roles',
  additionalProperties: true,
};

/** The OpenAPI description of ErrorBody: every 4xx and 5xx answer of the API has this shape. */
@ApiSchema({
  name: 'ApiError',
  description: 'The body of every error answer. Branch on `code`; `message` is for people and may change.',
})
export class ApiErrorDoc implements ErrorBody {
  @ApiProperty({ type: 'integer', description: 'The HTTP status, repeated', example: 404 }) statusCode!: number;
  @ApiProperty({ description: 'Stable, machine-readable reason', example: 'COMPLAINT_NOT_FOUND' }) code!: string;
  @ApiProperty({ description: 'What went wrong, for people', example: 'No complaint has this id' }) message!: string;
  @ApiPropertyOptional({ oneOf: [FIELD_PROBLEMS, FACTS] }) details?: unknown;
  @ApiPropertyOptional({ description: 'The request’s correlation id, also sent as x-correlation-id' })
  correlationId?: string;
}
