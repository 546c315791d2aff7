/**
 * The services refuse to start without the personal-data master key in production, and with a
 * master key other than the one that wrapped the database's customer keys anywhere.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { CUSTOMER_KEYS } from '../../libs/platform/src/event-store/event-store.module.js';
import type { PostgresCustomerKeys } from '../../libs/platform/src/personal-data/postgres-customer-keys.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { TEST_AUTH_ENV } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
const key = () => randomBytes(32).toString('base64');

beforeAll(async () => {
  database = await createTestDatabase('master_key');
  await runMigrations(database.url, productMigrations);
});
afterAll(() => database.drop());

const configWith = (env: Record<string, string>) =>
  loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...TEST_AUTH_ENV, ...env });

async function startApi(env: Record<string, string>): Promise<void> {
  const app = await createApiApp({ config: configWith(env), databaseUrl: database.url });
  await app.close();
}

async function startProjector(env: Record<string, string>): Promise<void> {
  const module = ProjectorModule.forRoot({ config: configWith(env), databaseUrl: database.url });
  const app = await NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
  await app.close();
}

describe('starting the services', () => {
  test('in production neither the API nor the projector starts without PERSONAL_DATA_MASTER_KEY', async () => {
    const production = { NODE_ENV: 'production' };
    await expect(startApi(production)).rejects.toThrow(/PERSONAL_DATA_MASTER_KEY: required when NODE_ENV=production/);
    await expect(startProjector(production)).rejects.toThrow(/PERSONAL_DATA_MASTER_KEY: required/);
  });

  test('in production both start with the key, and refuse another key once it has wrapped customer keys', async () => {
    const first = key();
    const app = await createApiApp({
      config: configWith({ NODE_ENV: 'production', PERSONAL_DATA_MASTER_KEY: first }),
      databaseUrl: database.url,
    });
    await app.get<PostgresCustomerKeys>(CUSTOMER_KEYS).keyForWriting('cust-1');
    await app.close();
    const other = { NODE_ENV: 'production', PERSONAL_DATA_MASTER_KEY: key() };
    await expect(startApi(other)).rejects.toThrow(/is not the key that wrapped the customer keys/);
    await expect(startProjector(other)).rejects.toThrow(/is not the key that wrapped/);
    await startProjector({ NODE_ENV: 'production', PERSONAL_DATA_MASTER_KEY: first });
  });
});
