import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ID_PATTERN = /^[\w.@:-]{1,128}$/;

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
