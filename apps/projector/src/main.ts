import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase } from '#platform/database/resolve-database';
import { exitGracefullyOnSignals } from '#platform/lifecycle/graceful-shutdown';
import { METRICS_REGISTRY, type Registry } from '#platform/metrics/registry';
import { configuredMonitorPolicy } from '#read-models/sla-monitor/index';
import { configuredSlaPolicies } from '#read-models/sla/index';
import { startMetricsServer } from './metrics/metrics-server.js';
import { ProjectorModule } from './projector.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  configuredSlaPolicies(); // a bad SLA_POLICIES_FILE stops the start, as it does the API's
  configuredMonitorPolicy(); // … and so does a bad ESCALATION_POLICY_FILE
  const database = await resolveDatabase(config);
  await runMigrations(database.url, productMigrations);
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: database.url, slaMonitor: config.SLA_MONITOR_ENABLED }),
    { bufferLogs: true, abortOnError: false },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  const metrics = await startMetricsServer(app.get<symbol, Registry>(METRICS_REGISTRY), {
    host: config.PROJECTOR_METRICS_HOST,
    port: config.PROJECTOR_METRICS_PORT,
  }).catch(async (error: unknown) => {
    await app.close(); // the workers already run: let them stop cleanly before the process fails
    throw error;
  });
  // SIGTERM: the workers stop taking batches, a batch in flight commits with its checkpoint, leases
  // are released (ProjectionWorker); past SHUTDOWN_TIMEOUT_MS the process exits and the batch rolls back.
  exitGracefullyOnSignals({
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    log: (message) => logger.log(message),
    close: async () => {
      await app.close();
      await metrics.close();
      await database.stop();
    },
  });
  logger.log(`projector running; metrics on ${metrics.url}/metrics`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
