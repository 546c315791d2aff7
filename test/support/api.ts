import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import type { Clock } from '../../libs/platform/src/time/clock.js';
import { testAuthEnvFor } from './auth.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApi {
  url: string;
  app: NestFastifyApplication;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestApiOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Runs before the app listens: the last moment routes and hooks can be added (test-only routes). */
  beforeListen?: (app: NestFastifyApplication) => void;
}

/**
 * The real API on a real (fresh) PostgreSQL database, listening on a random local port, checking
 * bearer tokens signed with the test secret (test/support/auth.ts).
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase('api');
  await runMigrations(database.url, productMigrations);
  // Tests fire requests far faster than any person: no rate limit unless a test sets one.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: database.url,
    ...testAuthEnvFor(options.env),
    ...options.env,
  });
  const app = await createApiApp({ config, databaseUrl: database.url, clock: options.clock });
  options.beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client for tests: JSON in, JSON out, headers kept. */
export function httpClient(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...defaultHeaders, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? safeJson(text) : undefined };
  }
  return {
    post: (path: string, body?: unknown, headers?: Record<string, string>) => send('POST', path, body ?? {}, headers),
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    send,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
