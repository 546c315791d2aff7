import { ApiError, type ErrorBody } from '../../errors/api-error.js';
import { toErrorBody } from '../../errors/error-body.js';

/** One error answer a route can give, as the OpenAPI document shows it. */
export interface ErrorExample {
  readonly status: number;
  readonly code: string;
  readonly body: ErrorBody;
}

/** Any well-formed id a caller sends as X-Correlation-Id, or the one the API makes up. */
const EXAMPLE_CORRELATION_ID = '4c7731ee-1548-4d82-a066-3f8d838e2612';

/** The body is built by the error filter's own toErrorBody, so the example has the real shape. */
export function errorExample(status: number, code: string, message: string, details?: unknown): ErrorExample {
  return exampleOf(new ApiError(status, code, message, details));
}

/** Turns an ApiError the application builds (a domain refusal, say) into its example. */
export function exampleOf(error: ApiError): ErrorExample {
  return { status: error.status, code: error.code, body: toErrorBody(error, EXAMPLE_CORRELATION_ID) };
}
