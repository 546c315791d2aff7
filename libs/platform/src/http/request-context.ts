import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

/** Roles a caller can hold; `system` is reserved for the product's own processes. */
export const CALLER_ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'service', 'admin'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

export interface Caller {
  id: string;
  role: CallerRole;
}

const ID_PATTERN = /^[\w.@:-]{1,128}$/;
const ANONYMOUS: Caller = { id: 'anonymous', role: 'agent' };

/**
 * Who is calling. Until bearer-token authentication is in place the caller is declared by the
 * `X-Actor-Id` and `X-Actor-Role` headers (a development stand-in: trust it only behind a gateway
 * that sets them). Every event records this actor in its metadata.
 */
export function actorOf(request: FastifyRequest): Caller {
  const id = header(request, 'x-actor-id');
  const role = header(request, 'x-actor-role');
  if (id === undefined && role === undefined) return ANONYMOUS;
  if (id === undefined || !ID_PATTERN.test(id)) {
    throw ApiError.badRequest('INVALID_ACTOR', 'X-Actor-Id must be 1 to 128 of letters, digits and . @ : _ -');
  }
  const resolvedRole = role ?? 'agent';
  if (!(CALLER_ROLES as readonly string[]).includes(resolvedRole)) {
    throw ApiError.badRequest('INVALID_ACTOR', `X-Actor-Role must be one of ${CALLER_ROLES.join(', ')}`);
  }
  return { id, role: resolvedRole as CallerRole };
}

/**
 * The correlation id of a request: the caller's `X-Correlation-Id` (or `X-Request-Id`) when it is
 * well-formed, otherwise a new uuid. Used as Fastify's request id, so logs, error bodies and event
 * metadata all carry the same value.
 */
export function correlationIdOf(raw: IncomingMessage): string {
  const given = raw.headers['x-correlation-id'] ?? raw.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value !== undefined && ID_PATTERN.test(value) ? value : randomUUID();
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
