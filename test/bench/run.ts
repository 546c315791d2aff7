import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { benchAuditExport } from './audit-export.js';
import { benchAppends } from './event-store-append.js';
import { benchEventFeedFanout } from './event-feed-fanout.js';
import { benchHttpIntake } from './http-intake.js';
import { benchImportCsv } from './import-csv.js';
import { benchProjectionLag } from './projection-lag.js';
import { benchProjectionRebuild } from './projection-rebuild.js';
import { benchQueuePage } from './queue-page.js';
import { benchRootCauseQuery } from './root-cause-query.js';
import { benchSlaMonitor } from './sla-monitor.js';
import { admin } from './bench-database.js';

type Fresh = () => Promise<string>;

/** Each benchmark section: a name to select it by and the figures it measures beside its baseline. */
const sections: { name: string; title: string; run: (fresh: Fresh) => Promise<unknown> }[] = [
  {
    name: 'appends',
    title: 'event store appends vs raw INSERT, 1 and 8 writers',
    run: async (fresh) => ({
      c1: await benchAppends({ databaseUrl: await fresh(), durationMs: 1500, concurrency: 1 }),
      c8: await benchAppends({ databaseUrl: await fresh(), durationMs: 1500, concurrency: 8 }),
    }),
  },
  {
    name: 'intake',
    title: 'POST /complaints, 32 concurrent clients',
    run: async (fresh) =>
      benchHttpIntake({ databaseUrl: await migrated(fresh), concurrency: 32, durationMs: 5000, rounds: 3, port: 3907 }),
  },
  {
    name: 'fanout',
    title: 'GET /events fan-out: 1 (baseline) and 50 SSE subscribers, POST /complaints at 200/s',
    run: async (fresh) =>
      benchEventFeedFanout({
        databaseUrl: await migrated(fresh),
        port: 3908,
        subscribers: [1, 50],
        postsPerSecond: 200,
        durationMs: 10_000,
      }),
  },
  {
    name: 'rebuild',
    title: 'rebuild of every projection from 1,000,000 stored events vs raw COPY of as many rows',
    // BENCH_REBUILD_EVENTS scales it down for a quick check.
    run: async (fresh) =>
      benchProjectionRebuild({
        databaseUrl: await fresh(),
        events: Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000),
      }),
  },
  {
    name: 'lag',
    title: 'projection lag p50/p99 per projection while POST /complaints runs at 500/s (target p99 <= 1 s)',
    // BENCH_LAG_SECONDS shortens it for a quick check.
    run: async (fresh) =>
      benchProjectionLag({
        databaseUrl: await migrated(fresh),
        port: 3911,
        postsPerSecond: 500,
        durationMs: 1000 * Number(process.env.BENCH_LAG_SECONDS ?? 30),
      }),
  },
  {
    name: 'export',
    title: 'GET /audit/export of 1,000,000 events vs COPY TO STDOUT of the same rows',
    run: async (fresh) => benchAuditExport({ databaseUrl: await fresh(), events: 1_000_000, port: 3910 }),
  },
  {
    name: 'queues',
    title: 'queue page (50 rows) latency p50/p99 with 1,000,000 complaints in the read model (target p99 <= 10 ms)',
    // BENCH_QUEUE_COMPLAINTS scales it down for a quick check.
    run: async (fresh) =>
      benchQueuePage({
        databaseUrl: await fresh(),
        complaints: Number(process.env.BENCH_QUEUE_COMPLAINTS ?? 1_000_000),
      }),
  },
  {
    name: 'analytics',
    title: 'root-cause query (one quarter, by category) p50/p99 with 1,000,000 complaints (target p99 <= 100 ms)',
    // BENCH_ANALYTICS_COMPLAINTS scales it down for a quick check.
    run: async (fresh) =>
      benchRootCauseQuery({
        databaseUrl: await fresh(),
        complaints: Number(process.env.BENCH_ANALYTICS_COMPLAINTS ?? 1_000_000),
      }),
  },
  {
    name: 'import',
    title:
      'CSV import (cfpb profile) of the CFPB sample and of 1,000,000 rows generated from it, vs parse only and ' +
      'raw COPY and INSERT of the same event rows (target >= 5,000 complaints/s, flat memory)',
    // BENCH_IMPORT_ROWS scales the generated file down for a quick check; BENCH_IMPORT_PHASES picks phases.
    run: async (fresh) =>
      benchImportCsv({
        fresh,
        rows: [Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000)],
        phases: process.env.BENCH_IMPORT_PHASES?.split(','),
      }),
  },
  {
    name: 'sla-monitor',
    title: 'one SLA monitor pass over 100,000 open complaints, 1 % due (target <= 1 s per pass), with its plans',
    // BENCH_SLA_COMPLAINTS scales it down for a quick check.
    run: async (fresh) =>
      benchSlaMonitor({
        databaseUrl: await fresh(),
        complaints: Number(process.env.BENCH_SLA_COMPLAINTS ?? 100_000),
      }),
  },
];

async function migrated(fresh: Fresh): Promise<string> {
  const url = await fresh();
  await runMigrations(url, productMigrations);
  return url;
}

/**
 * `npm run bench [-- section...]`: every figure next to its baseline, measured in the same run on the same
 * server. With no argument every section runs. Uses DATABASE_URL when set, otherwise a throw-away
 * embedded PostgreSQL. Results go to `.data/bench/latest.json`.
 */
async function main(): Promise<void> {
  const selected = selectSections(process.argv.slice(2));
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
    for (const section of selected) {
      log(`${section.name}: ${section.title}…`);
      results[section.name] = await section.run(fresh);
      log(JSON.stringify(results[section.name]));
    }
    await mkdir('.data/bench', { recursive: true });
    await writeFile('.data/bench/latest.json', `${JSON.stringify(results, null, 2)}\n`);
    log('results written to .data/bench/latest.json');
  } finally {
    for (const url of databases) await dropDatabase(server.url, url);
    await server.stop();
  }
}

function selectSections(names: string[]): typeof sections {
  if (names.length === 0) return sections;
  const unknown = names.filter((name) => !sections.some((section) => section.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown bench section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`,
    );
  }
  return sections.filter((section) => names.includes(section.name));
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
