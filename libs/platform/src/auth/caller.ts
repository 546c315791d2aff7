import type { FastifyRequest } from 'fastify';
import type { Caller } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard on every route that is not public. */
    caller?: Caller;
  }
}

/**
 * The authenticated caller of a request, as the AuthGuard established it from the bearer token.
 * Only routes that declare roles have one; asking on a public route is a programming error.
 */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller)
    throw new Error(`No authenticated caller on ${request.method} ${request.url}: is the route public?`);
  return request.caller;
}
