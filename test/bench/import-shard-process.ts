/**
 * One shard of the import bench's sharded phase, in a process of its own as `import csv --shard k/n`
 * runs: `node dist/test/bench/import-shard-process.js <file> <database url> <k/n>`. Prints its
 * report's counts and its peak RSS as one JSON line.
 */
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { cfpbProfile, DEFAULT_WRITERS, importCsv, parseShard } from '../../libs/import/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { CliContext } from '../../apps/cli/src/cli-context.js';

async function main(): Promise<void> {
  const [file, databaseUrl, shardText] = process.argv.slice(2);
  const shard = parseShard(shardText ?? '');
  if (!file || !databaseUrl || !shard) throw new Error('usage: import-shard-process.js <file> <database url> <k/n>');
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: '.data/bench', LOG_LEVEL: 'silent' });
  const context = new CliContext(config);
  const store = new PostgresEventStore({ connectionString: databaseUrl, poolSize: DEFAULT_WRITERS.batches });
  try {
    const sealed = await context.sealingPersonalData(store);
    const report = await importCsv({ store: sealed, profile: cfpbProfile, path: file, shard });
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ imported: report.imported, events: report.events, peakRssMb })}\n`);
  } finally {
    await context.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
