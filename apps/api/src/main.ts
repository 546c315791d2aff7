import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadAuthSettings } from '#platform/auth/auth-settings';
import { loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase } from '#platform/database/resolve-database';
import { exitGracefullyOnSignals } from '#platform/lifecycle/graceful-shutdown';
import { createApiApp } from './bootstrap.js';
import { developmentTokenNotice } from './development-tokens.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything starts: production without token keys stops here (development generates a secret).
  const auth = await loadAuthSettings(config);
  const database = await resolveDatabase(config);
  await runMigrations(database.url, productMigrations);
  const app = await createApiApp({ config, databaseUrl: database.url, auth });
  await app.listen(config.PORT, config.HOST);
  const logger = app.get(Logger);
  // SIGTERM: stop accepting connections, let requests in flight finish (open event feeds are ended),
  // then close the pool and the store; past SHUTDOWN_TIMEOUT_MS the process exits anyway.
  exitGracefullyOnSignals({
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    log: (message) => logger.log(message),
    close: async () => {
      await app.close();
      await database.stop();
    },
  });
  const url = `http://${config.HOST}:${config.PORT}`;
  const where = database.embedded ? `embedded PostgreSQL under ${config.DATA_DIR}/postgres` : 'DATABASE_URL';
  process.stdout.write(`Complaint desk API listening on ${url} (OpenAPI: ${url}/docs; database: ${where})\n`);
  const tokens = developmentTokenNotice(auth);
  if (tokens) process.stdout.write(tokens);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
