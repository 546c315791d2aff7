import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { BEARER_SCHEME } from '#platform/auth/access.decorators';
import { type AuthSettings, loadAuthSettings } from '#platform/auth/auth-settings';
import { TokenVerifier } from '#platform/auth/token-verifier';
import { createValidationPipe } from '#platform/errors/validation';
import { withValidationSchemas } from '#platform/http/openapi-schemas';
import { installEdgeProtection } from '#platform/http/edge/edge-protection';
import { bearerSubject } from '#platform/http/edge/rate-limit';
import { correlationIdOf } from '#platform/http/request-context';
import { closeConnectionsWhenDrained } from '#platform/lifecycle/drain-connections';
import { ApiModule, type ApiModuleOptions } from './app.module.js';

/**
 * Builds the API application (not yet listening): used by main.ts, the e2e tests and the benchmark.
 * Without `auth`, the token keys come from the configuration (loadAuthSettings).
 */
export async function createApiApp(
  options: Omit<ApiModuleOptions, 'auth'> & { auth?: AuthSettings },
): Promise<NestFastifyApplication> {
  const auth = options.auth ?? (await loadAuthSettings(options.config));
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.BODY_LIMIT_BYTES,
    // One JSON line per request; its reqId is the correlation id. Credentials never reach the log.
    logger: { level: options.config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (raw: IncomingMessage) => {
      const id = correlationIdOf(raw);
      (raw as { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ ...options, auth }), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  installFastifyHooks(app);
  const verifier = app.get(TokenVerifier);
  installEdgeProtection(app, options.config, { subjectOf: bearerSubject((token) => verifier.verify(token)) });
  mountOpenApi(app);
  // No enableShutdownHooks: main.ts closes the app on SIGTERM with a deadline (graceful-shutdown.ts).
  return app;
}

/**
 * Every answer carries the correlation id, so a caller can quote it when reporting a problem; on
 * shutdown, connections close once their requests are answered.
 */
function installFastifyHooks(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-correlation-id', request.id);
  });
  closeConnectionsWhenDrained(fastify);
}

function mountOpenApi(app: NestFastifyApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Complaint desk API')
    .setDescription('Event-sourced complaint handling: every step is an event in the complaint stream.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  SwaggerModule.setup('docs', app, () => withValidationSchemas(SwaggerModule.createDocument(app, document)));
}
