import { HttpException } from '@nestjs/common';
import { EventStoreTimeoutError } from '#event-store';
import { ApiError, type ErrorBody } from './api-error.js';

/** Fastify's own errors (raised before a route handler runs), mapped to stable codes. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'Request body is larger than allowed',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'Request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_CONTENT_LENGTH',
    message: 'Content-Length does not match the body',
  },
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Turns anything thrown into the body we answer with. Only errors we recognise keep their
 * message; anything else is a 500 whose details stay in the log, never in the response.
 */
export function toErrorBody(error: unknown, correlationId?: string): ErrorBody {
  return { ...describe(error), correlationId };
}

function describe(error: unknown): Omit<ErrorBody, 'correlationId'> {
  if (error instanceof ApiError) {
    return withDetails({ statusCode: error.status, code: error.code, message: error.message }, error.details);
  }
  // Nest hands Fastify's own errors (body parsing, limits) over as an HttpException with the cause.
  const fastify = fastifyError(error) ?? fastifyError((error as { cause?: unknown } | null)?.cause);
  if (fastify) return { statusCode: fastify.status, code: fastify.code, message: fastify.message };
  if (error instanceof HttpException && error.getStatus() < 500) {
    const status = error.getStatus();
    return { statusCode: status, code: HTTP_CODES[status] ?? 'CLIENT_ERROR', message: withoutQuery(error.message) };
  }
  // Neither the client's fault nor a bug: the store did not answer within its deadline
  // (EVENTSTORE_TIMEOUT_MS). 503 tells clients and load balancers that trying later may succeed.
  if (error instanceof EventStoreTimeoutError) {
    return {
      statusCode: 503,
      code: error.code,
      message: `The event store did not answer within ${error.timeoutMs} ms; try again later`,
    };
  }
  if (isJsonSyntaxError(error))
    return { statusCode: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' };
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}

/** "Cannot GET /path?token=…": the path helps, a query string may carry what must not be echoed. */
function withoutQuery(message: string): string {
  return message.replace(/\?\S*/g, '');
}

function withDetails(body: Omit<ErrorBody, 'correlationId'>, details: unknown) {
  return details === undefined ? body : { ...body, details };
}

function fastifyError(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? FASTIFY_ERRORS[code] : undefined;
}

function isJsonSyntaxError(error: unknown): boolean {
  return error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400;
}

export function isServerError(body: ErrorBody): boolean {
  return body.statusCode >= 500;
}
