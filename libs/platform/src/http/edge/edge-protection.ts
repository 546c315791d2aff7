import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import { checkedJsonParser } from './json-body.js';
import { installRateLimit } from './rate-limit.js';
import { installJsonOnlyBodies, installStorableQueryText } from './request-checks.js';
import { installSecurityHeaders } from './security-headers.js';
import { UndeclaredQueryInterceptor } from './undeclared-query.interceptor.js';

export interface EdgeOptions {
  /** The verified subject of a request's credentials, for rate limiting per caller rather than per token. */
  subjectOf?: (request: FastifyRequest) => string | undefined;
}

/**
 * What stands between the network and the handlers, in request order: security headers, rate
 * limit, JSON-only bodies (size limit: Fastify's bodyLimit), depth and text checks on the parsed
 * body, text checks on query and path, then each route's DTO validation. Call before init/listen.
 */
export function installEdgeProtection(app: NestFastifyApplication, config: AppConfig, options: EdgeOptions = {}): void {
  const fastify = app.getHttpAdapter().getInstance();
  installSecurityHeaders(app);
  installRateLimit(fastify, {
    perSecond: config.RATE_LIMIT_PER_MINUTE / 60,
    burst: config.RATE_LIMIT_BURST,
    subjectOf: options.subjectOf,
  });
  installJsonOnlyBodies(fastify);
  app.useBodyParser(
    'application/json',
    { bodyLimit: config.BODY_LIMIT_BYTES },
    checkedJsonParser(fastify, config.JSON_MAX_DEPTH),
  );
  installStorableQueryText(fastify);
  app.useGlobalInterceptors(new UndeclaredQueryInterceptor());
}
