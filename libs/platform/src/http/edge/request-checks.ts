import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/api-error.js';
import { findUnstorableText } from './text-safety.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request carries a body when it says so: a non-zero Content-Length or a chunked transfer. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Bodies are JSON and nothing else: a form, text or a missing Content-Type is 415 before any
 * parser sees it, so no other parser's quirks (or a body silently read as a string) reach a DTO.
 */
export function installJsonOnlyBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (!WITH_BODY.has(request.method) || !hasBody(request)) return;
    if (mediaTypeOf(request) !== 'application/json') {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    }
  });
}

/**
 * Query and path values are bound as SQL parameters; one PostgreSQL cannot store (a NUL, an
 * unpaired surrogate) would fail the query, so it is a 400 before any handler runs.
 */
export function installStorableQueryText(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const problem = findUnstorableText(request.query) ?? findUnstorableText(request.params);
    if (problem) throw ApiError.badRequest('UNSUPPORTED_CHARACTER', 'The request is not valid', [problem]);
  });
}
