/**
 * One shard of the import bench's sharded phase, in a process of its own as `import csv --shard k/n`
 * runs: `node dist/test/bench/import-shard-process.js <file> <database url> <k/n>`. Prints its
 * report's counts and its peak RSS as one JSON line.
 */
import { parseShard } from '../../libs/import/src/index.js';
import { importAsTheCli } from './import-as-cli.js';

async function main(): Promise<void> {
  const [file, databaseUrl, shardText] = process.argv.slice(2);
  const shard = parseShard(shardText ?? '');
  if (!file || !databaseUrl || !shard) throw new Error('usage: import-shard-process.js <file> <database url> <k/n>');
  const report = await importAsTheCli(file, databaseUrl, { shard });
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ imported: report.imported, events: report.events, peakRssMb })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
