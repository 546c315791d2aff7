import { DomainError } from '#domain';
import { ApiError } from '#platform/errors/api-error';

/**
 * Refusals of the decider become 4xx answers with the decider's own code: 404 for an unknown
 * complaint, 409 when the complaint's current state forbids the step, 422 when the request breaks
 * a business rule whatever the state.
 */
export function toApiError(error: DomainError): ApiError {
  if (error.code === 'COMPLAINT_NOT_FOUND') return ApiError.notFound(error.code, error.message);
  const status = error.kind === 'conflict' ? 409 : 422;
  return new ApiError(status, error.code, error.message, error.details);
}

export function rethrowAsApiError(error: unknown): never {
  throw error instanceof DomainError ? toApiError(error) : error;
}
