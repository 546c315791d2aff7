/**
 * The errors that stand in front of every handler (libs/platform/src/http/edge, auth, idempotency),
 * as examples for the OpenAPI document. Messages and details are those the API sends.
 */
import { errorExample } from './error-example.js';

/** Refused at the edge, before any handler runs. */
export const EdgeErrors = {
  VALIDATION_FAILED: errorExample(400, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: 'subject', problems: ['subject must be longer than or equal to 1 characters'] },
  ]),
  UNSUPPORTED_CHARACTER: errorExample(400, 'UNSUPPORTED_CHARACTER', 'The request is not valid', [
    { field: 'subject', problems: ['subject contains a NUL character (U+0000)'] },
  ]),
  UNKNOWN_QUERY_PARAMETER: errorExample(400, 'UNKNOWN_QUERY_PARAMETER', 'This route takes no query parameters', {
    parameters: ['limit'],
  }),
  MALFORMED_JSON: errorExample(400, 'MALFORMED_JSON', 'Request body is not valid JSON'),
  JSON_TOO_DEEP: errorExample(400, 'JSON_TOO_DEEP', 'JSON nesting deeper than 16 levels is not accepted'),
  PAYLOAD_TOO_LARGE: errorExample(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than allowed'),
  UNSUPPORTED_MEDIA_TYPE: errorExample(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'),
  RATE_LIMITED: errorExample(429, 'RATE_LIMITED', 'Too many requests; retry after 2 s', { retryAfterSeconds: 2 }),
} as const;

/** The bearer token and the caller's role (AuthGuard). */
export const AccessErrors = {
  TOKEN_MISSING: errorExample(401, 'TOKEN_MISSING', 'Send Authorization: Bearer <token>'),
  TOKEN_INVALID: errorExample(401, 'TOKEN_INVALID', 'The token signature does not verify'),
  TOKEN_EXPIRED: errorExample(401, 'TOKEN_EXPIRED', 'The token has expired'),
  TOKEN_NOT_YET_VALID: errorExample(401, 'TOKEN_NOT_YET_VALID', 'The token is not valid yet'),
  ROLE_NOT_ALLOWED: errorExample(403, 'ROLE_NOT_ALLOWED', 'This route is for: supervisor, auditor, admin', {
    allowedRoles: ['supervisor', 'auditor', 'admin'],
  }),
} as const;

/** Idempotency-Key on a POST (IdempotencyInterceptor). */
export const IdempotencyErrors = {
  INVALID_IDEMPOTENCY_KEY: errorExample(
    400,
    'INVALID_IDEMPOTENCY_KEY',
    'Idempotency-Key must be 1 to 255 visible ASCII characters',
  ),
  IDEMPOTENCY_KEY_IN_PROGRESS: errorExample(
    409,
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'A request with this Idempotency-Key is still running',
  ),
  IDEMPOTENCY_KEY_REUSED: errorExample(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was used for a different request',
  ),
} as const;

/** The event store did not answer within EVENTSTORE_TIMEOUT_MS: trying later may succeed. */
export const EVENT_STORE_TIMEOUT = errorExample(
  503,
  'EVENT_STORE_TIMEOUT',
  'The event store did not answer within 10000 ms; try again later',
);
