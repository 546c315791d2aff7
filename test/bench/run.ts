import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { benchAuditExport } from './audit-export.js';
import { benchAppends } from './event-store-append.js';
import { benchEventFeedFanout } from './event-feed-fanout.js';
import { benchHttpIntake } from './http-intake.js';
import { benchProjectionRebuild } from './projection-rebuild.js';

/**
 * `npm run bench`: every figure next to its baseline, measured in the same run on the same server.
 * Uses DATABASE_URL when set, otherwise a throw-away embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: `.data/bench-postgres-${process.pid}`, port: 0, persistent: false });
  const databases: string[] = [];
  const fresh = async () => {
    const url = await createDatabase(server.url);
    databases.push(url);
    return url;
  };
  try {
    const results: Record<string, unknown> = { startedAt: new Date().toISOString(), server: redact(server.url) };
    for (const concurrency of [1, 8]) {
      log(`event store appends vs raw INSERT, ${concurrency} writer(s)…`);
      results[`appends_c${concurrency}`] = await benchAppends({
        databaseUrl: await fresh(),
        durationMs: 3000,
        concurrency,
      });
      log(JSON.stringify(results[`appends_c${concurrency}`]));
    }
    log('POST /complaints, 32 concurrent clients…');
    const intakeUrl = await fresh();
    await runMigrations(intakeUrl, productMigrations);
    results.http_intake_c32 = await benchHttpIntake({
      databaseUrl: intakeUrl,
      concurrency: 32,
      durationMs: 5000,
      rounds: 3,
      port: 3907,
    });
    log(JSON.stringify(results.http_intake_c32));
    log('GET /events fan-out: 1 (baseline) and 50 SSE subscribers, POST /complaints at 200/s…');
    const fanoutUrl = await fresh();
    await runMigrations(fanoutUrl, productMigrations);
    results.event_feed_fanout = await benchEventFeedFanout({
      databaseUrl: fanoutUrl,
      port: 3908,
      subscribers: [1, 50],
      postsPerSecond: 200,
      durationMs: 10_000,
    });
    log(JSON.stringify(results.event_feed_fanout));
    log('projection rebuild from 1,000,000 stored events vs raw COPY of as many rows…');
    results.projection_rebuild = await benchProjectionRebuild({ databaseUrl: await fresh(), events: 1_000_000 });
    log(JSON.stringify(results.projection_rebuild));
    log('GET /audit/export of 1,000,000 events vs COPY TO STDOUT of the same rows…');
    results.audit_export = await benchAuditExport({ databaseUrl: await fresh(), events: 1_000_000, port: 3910 });
    log(JSON.stringify(results.audit_export));
    await mkdir('.data/bench', { recursive: true });
    await writeFile('.data/bench/latest.json', `${JSON.stringify(results, null, 2)}\n`);
    log('results written to .data/bench/latest.json');
  } finally {
    for (const url of databases) await dropDatabase(server.url, url);
    await server.stop();
  }
}

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, url: string): Promise<void> {
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  parsed.password = parsed.password ? '***' : '';
  return parsed.toString();
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
