import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type HeadersObject } from '@nestjs/swagger';
import { ApiErrorDoc } from './api-error.doc.js';
import type { ErrorExample } from './error-example.js';

const REASONS: Readonly<Record<number, string>> = {
  400: 'The request is not valid',
  401: 'No bearer token, or one that does not check out',
  403: 'The caller may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  412: 'The If-Match revision is not the current one',
  413: 'The body is too large (BODY_LIMIT_BYTES)',
  415: 'The body is not application/json',
  422: 'Breaks a rule whatever the state',
  429: 'Over the rate limit (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST)',
  503: 'Unavailable for now; try again later',
};

const HEADERS: Readonly<Record<number, HeadersObject>> = {
  401: { 'WWW-Authenticate': { description: 'The bearer challenge (RFC 6750)', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until a request will be accepted', schema: { type: 'integer' } } },
};

/**
 * The error answers of a route: one response per status, each with the ApiError schema and one
 * named example per code (the first example given for a code wins, so a route's own, more telling
 * example of VALIDATION_FAILED goes before the edge's generic one).
 */
export function ApiErrors(...examples: readonly ErrorExample[]): MethodDecorator {
  const byStatus = new Map<number, Map<string, ErrorExample>>();
  for (const example of examples) {
    const codes = byStatus.get(example.status) ?? new Map<string, ErrorExample>();
    if (!codes.has(example.code)) codes.set(example.code, example);
    byStatus.set(example.status, codes);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, codes]) =>
      ApiResponse({
        status,
        type: ApiErrorDoc,
        description: `${REASONS[status] ?? 'Error'}: ${[...codes.keys()].join(', ')}`,
        headers: HEADERS[status],
        examples: Object.fromEntries(
          [...codes].map(([code, example]) => [code, { summary: example.body.message, value: example.body }]),
        ),
      }),
    ),
  );
}
