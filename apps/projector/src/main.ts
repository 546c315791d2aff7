import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase } from '#platform/database/resolve-database';
import { ProjectorModule } from './projector.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  await runMigrations(database.url, productMigrations);
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: database.url }),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  process.once('beforeExit', () => void database.stop());
  app.get(Logger).log('projector running');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
