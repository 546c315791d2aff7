import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The API answers JSON and event streams only: nothing in it may load, frame or submit anything. */
const API_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * Swagger UI at /docs is the one HTML page: its own scripts and styles (it sets inline style
 * attributes), data: images for its icons, and requests back to this origin for "Try it out".
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const DOCS = /^\/docs(?:[/?-]|$)/;

/**
 * Security headers on every response, errors and 404s included (Nest's own hook writes them on
 * the raw response): nosniff, no framing, no referrer, a CSP that allows nothing (relaxed only for
 * /docs), no X-Powered-By. API answers are personal and change with every event: `no-store`.
 */
export function installSecurityHeaders(app: NestFastifyApplication): void {
  app.useSecurityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    xPoweredBy: true,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      if (DOCS.test(request.url)) void reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
      else void reply.header('cache-control', 'no-store');
    });
}
