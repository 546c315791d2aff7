/**
 * `npm run demo`: the whole product on one machine, filled with real data. With DATABASE_URL unset
 * PostgreSQL is the embedded one (data under DATA_DIR, like `npm start`). Steps: migrate, start the
 * API and the projector (in this process), import the CFPB sample through the `cfpb` profile, wait
 * until every projection has caught up, then hand back the links worth opening — each checked to
 * answer. Running it again is quick: the import is idempotent and finds the complaints already there.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PostgresEventStore } from '#event-store';
import { cfpbProfile, countCsvRecords, DEFAULT_WRITERS, type ImportReport, importCsv } from '#import';
import { type AuthSettings, loadAuthSettings } from '#platform/auth/auth-settings';
import { mintToken } from '#platform/auth/mint-token';
import { createProgress } from '#platform/cli/progress';
import type { AppConfig } from '#platform/config/app-config';
import { runMigrations } from '#platform/database/migrations';
import { productMigrations } from '#platform/database/product-migrations';
import { resolveDatabase, type ResolvedDatabase } from '#platform/database/resolve-database';
import { METRICS_REGISTRY, type Registry } from '#platform/metrics/registry';
import { createApiApp } from '../../../api/src/bootstrap.js';
import { type MetricsServer, startMetricsServer } from '../../../projector/src/metrics/metrics-server.js';
import { ProjectorModule } from '../../../projector/src/projector.module.js';
import { CliContext } from '../cli-context.js';
import { type DemoLink, demoLinks, waitForProjections } from './demo-links.js';

export interface DemoOptions {
  config: AppConfig;
  /** The CSV to import (the CFPB sample by default, see main.ts). */
  file: string;
  print: (line: string) => void;
  /** Where the import's progress bar is drawn. */
  progress: NodeJS.WriteStream;
}

export interface RunningDemo {
  apiUrl: string;
  /** How the API checks tokens: in development, the generated secret the printed tokens are signed with. */
  auth: AuthSettings;
  report: ImportReport;
  links: DemoLink[];
  /** Stops the API, the projector and (if embedded) PostgreSQL. */
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const { config, print } = options;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const auth = await loadAuthSettings(config);
    const database = await startDatabase(config, print);
    closers.push(() => database.stop());
    const api = await startApi(config, database.url, auth);
    closers.push(() => api.app.close());
    const projector = await startProjector(config, database.url);
    closers.push(projector.close);
    print(`API on ${api.url}, projector metrics on ${projector.metrics.url}`);
    const report = await importSample(options, database.url);
    print(`waiting for the projections to catch up…`);
    await waitForProjections(api.url);
    const links = await demoLinks(api.url, projector.metrics.url, report, linkCheckerToken(auth));
    return { apiUrl: api.url, auth, report, links, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startDatabase(config: AppConfig, print: (line: string) => void): Promise<ResolvedDatabase> {
  print(
    config.DATABASE_URL
      ? 'PostgreSQL: DATABASE_URL'
      : `PostgreSQL: embedded, data under ${config.DATA_DIR}/postgres (first start initialises it)`,
  );
  const database = await resolveDatabase(config);
  try {
    await runMigrations(database.url, productMigrations);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

/** The links are checked as a supervisor would open them: with a short-lived token. */
function linkCheckerToken(auth: AuthSettings): string {
  if (!auth.signingKey) throw new Error('the demo mints its tokens: it needs AUTH_JWT_SECRET or development mode');
  return mintToken({ sub: 'demo', roles: ['supervisor'], ttlSeconds: 600 }, auth.signingKey, auth);
}

async function startApi(
  config: AppConfig,
  databaseUrl: string,
  auth: AuthSettings,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createApiApp({ config, databaseUrl, auth });
  await app.listen(config.PORT, config.HOST);
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

async function startProjector(
  config: AppConfig,
  databaseUrl: string,
): Promise<{ metrics: MetricsServer; close: () => Promise<void> }> {
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl }),
    { logger: false, abortOnError: false },
  );
  await app.init();
  const registry = app.get<symbol, Registry>(METRICS_REGISTRY);
  const metrics = await startMetricsServer(registry, {
    host: config.PROJECTOR_METRICS_HOST,
    port: config.PROJECTOR_METRICS_PORT,
  }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  return {
    metrics,
    close: async () => {
      await app.close();
      await metrics.close();
    },
  };
}

async function importSample(options: DemoOptions, databaseUrl: string): Promise<ImportReport> {
  // As `import csv` runs it: the import's default writers of batches, a pool of as many connections.
  const store = new PostgresEventStore({ connectionString: databaseUrl, poolSize: DEFAULT_WRITERS.batches });
  const progress = createProgress({
    label: 'importing',
    total: Math.max((await countCsvRecords(options.file)) - 1, 0),
    unit: 'complaints',
    stream: options.progress,
  });
  // Personal data sealed as the API and `import csv` seal it (the CLI's customer keys, same database).
  const context = new CliContext(options.config);
  try {
    const report = await importCsv({
      store: await context.sealingPersonalData(store),
      profile: cfpbProfile,
      path: options.file,
      onProgress: () => progress.tick(),
      onRejected: (r) => options.print(`rejected line ${r.line}: ${r.code} ${r.reason}`),
    });
    progress.done();
    options.print(
      `imported ${options.file}: ${report.imported} complaints (${report.events} events) in ` +
        `${(report.elapsedMs / 1000).toFixed(1)} s, ${report.alreadyPresent} already there, ${report.rejected} rejected`,
    );
    return report;
  } finally {
    await context.close();
    await store.close();
  }
}
