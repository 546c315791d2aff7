import 'reflect-metadata';
import { loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase } from '#platform/database/resolve-database';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  await runMigrations(database.url, productMigrations);
  const app = await createApiApp({ config, databaseUrl: database.url });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => database.stop());
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST}:${config.PORT}`;
  const where = database.embedded ? `embedded PostgreSQL under ${config.DATA_DIR}/postgres` : 'DATABASE_URL';
  process.stdout.write(`Complaint desk API listening on ${url} (OpenAPI: ${url}/docs; database: ${where})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
