import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/api-error.js';
import { TokenBuckets } from './token-buckets.js';

export interface RateLimitOptions {
  /** Sustained requests per second per caller; 0 turns the limit off. */
  perSecond: number;
  burst: number;
  maxKeys?: number;
  /** The verified subject of the caller's credentials, when something upstream established it. */
  subjectOf?: (request: FastifyRequest) => string | undefined;
  nowMs?: () => number;
}

/** Probes and scrapes come from the platform, not from callers, and must not be starved by them. */
export const UNLIMITED_PATHS = /^\/(health\/|metrics(\/|$))/;

/**
 * Who a request counts against: the verified subject when known, otherwise its bearer credentials
 * (hashed, so no token sits in memory), otherwise the client address.
 */
export function rateLimitKeyOf(request: FastifyRequest, subjectOf?: RateLimitOptions['subjectOf']): string {
  const subject = subjectOf?.(request);
  if (subject) return `subject:${subject}`;
  const authorization = request.headers.authorization;
  if (authorization) return `credentials:${createHash('sha256').update(authorization).digest('base64url')}`;
  return `address:${request.ip}`;
}

/**
 * The subject of a request's bearer token when the token verifies, so that every token of one
 * caller draws on one bucket; a token that does not verify counts by its hash instead (forged
 * tokens naming someone else cannot spend that someone's requests).
 */
export function bearerSubject(
  verify: (token: string) => { id: string },
): (request: FastifyRequest) => string | undefined {
  return (request) => {
    const token = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) return undefined;
    try {
      return verify(token).id;
    } catch {
      return undefined;
    }
  };
}

/**
 * Token-bucket rate limiting per caller, before the body is read: a caller over its limit gets
 * 429 RATE_LIMITED with Retry-After (seconds). The buckets live in this process (see TokenBuckets).
 */
export function installRateLimit(fastify: FastifyInstance, options: RateLimitOptions): void {
  if (options.perSecond <= 0) return;
  const buckets = new TokenBuckets(
    { burst: options.burst, perSecond: options.perSecond, maxKeys: options.maxKeys ?? 100_000 },
    options.nowMs,
  );
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_PATHS.test(request.url)) return;
    const outcome = buckets.take(rateLimitKeyOf(request, options.subjectOf));
    if (outcome.allowed) return;
    void reply.header('retry-after', String(outcome.retryAfterSeconds));
    throw new ApiError(429, 'RATE_LIMITED', `Too many requests; retry after ${outcome.retryAfterSeconds} s`, {
      retryAfterSeconds: outcome.retryAfterSeconds,
    });
  });
}
