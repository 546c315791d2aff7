/** `npm run cli -- import csv <file> --profile cfpb` against a real PostgreSQL. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { CliContext } from '../../apps/cli/src/cli-context.js';
import { UsageError } from '../../apps/cli/src/command.js';
import { importCsvCommand } from '../../apps/cli/src/commands/import-csv.command.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { csvLine, sampleRecords } from './support.js';

const { header, rows } = sampleRecords();
let database: TestDatabase;
let dir: string;
let file: string;

beforeAll(async () => {
  database = await createTestDatabase('import_cli');
  dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
  file = join(dir, 'complaints.csv');
  const good = rows.slice(0, 5).map((row) => header.map((column) => row[column]!));
  const unknownProduct = header.map((column) => (column === 'Product' ? 'Spaceship loan' : rows[5]![column]!));
  await writeFile(file, `${[header, ...good.slice(0, 2), unknownProduct, ...good.slice(2)].map(csvLine).join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

/** This CLI from its sources, as `--parallel` starts it again for each shard. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_FROM_SOURCES = {
  main: join(ROOT, 'apps/cli/src/main.ts'),
  execArgv: ['--import', join(ROOT, 'test/read-models/support/register-ts.mjs')],
};

/** Runs the command as `main.ts` would; returns the exit code and what it printed. */
async function run(args: string[], launcher = CLI_FROM_SOURCES): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  err.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DATA_DIR: dir });
  const context = new CliContext(config, out, err, launcher);
  try {
    const code = await importCsvCommand.run(args, context);
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  } finally {
    await context.close();
  }
}

describe('import csv', () => {
  test('imports the good records, prints each rejected one with its line and exits 1', async () => {
    const { code, out, err } = await run([file, '--profile', 'cfpb', '--writers', '2']);
    const lineOfBad =
      2 + rows.slice(0, 2).reduce((lines, row) => lines + csvLine(Object.values(row)).split('\n').length, 0);
    expect(out).toContain(`rejected line ${lineOfBad}: UNKNOWN_PRODUCT unknown product "Spaceship loan"\n`);
    expect(out).toMatch(
      /6 records in [\d.]+ s \(\d+\/s\): 5 complaints imported \(\d+ events\), 0 already there, 1 rejected/,
    );
    expect(out).toContain('  rejected UNKNOWN_PRODUCT: 1\n');
    expect(err).toMatch(/import cfpb .*6 complaints/);
    expect(code).toBe(1);
  });

  test('run again, it finds every complaint already there and writes nothing', async () => {
    const { out } = await run([file, '--profile', 'cfpb']);
    expect(out).toMatch(/0 complaints imported \(0 events\), 5 already there, 1 rejected/);
  });

  test('refuses a file without the profile columns, and usage mistakes', async () => {
    const other = join(dir, 'other.csv');
    await writeFile(other, 'id,text\n1,hello\n');
    const refused = await run([other, '--profile', 'cfpb']);
    expect(refused.out).toContain('refused: not a cfpb file: the header lacks "Date received", "Product"');
    expect(refused.code).toBe(1);
    await expect(run([file, '--profile', 'acme'])).rejects.toThrow(UsageError);
    await expect(run(['--profile', 'cfpb'])).rejects.toThrow('the CSV file is required');
    await expect(run([join(dir, 'missing.csv'), '--profile', 'cfpb'])).rejects.toThrow('cannot read');
    await expect(run([file, '--profile', 'cfpb', '--writers', '0'])).rejects.toThrow('--writers must be 1 to 64');
    await expect(run([file, '--profile', 'cfpb', '--shard', '2/2'])).rejects.toThrow('--shard must be k/n');
    await expect(run([file, '--profile', 'cfpb', '--parallel', '1'])).rejects.toThrow('--parallel must be 2 to 32');
    await expect(run([file, '--profile', 'cfpb', '--parallel', '2', '--shard', '0/2'])).rejects.toThrow(
      'give --parallel or --shard',
    );
    const parallelRefusal = await run([other, '--profile', 'cfpb', '--parallel', '2']);
    expect(parallelRefusal.out).toContain('refused: not a cfpb file: the header lacks "Date received", "Product"');
    expect(parallelRefusal.out.match(/refused/g)).toHaveLength(1);
    expect(parallelRefusal.code).toBe(1);
  });

  test('with --shard k/n, each of n runs side by side takes its share of the records, with a bar of its own', async () => {
    const shardFile = join(dir, 'sharded.csv');
    const records = rows.slice(10, 17).map((row) => header.map((column) => row[column]!));
    await writeFile(shardFile, `${[header, ...records].map(csvLine).join('\n')}\n`);
    const [first, second] = await Promise.all(
      ['0/2', '1/2'].map((shard) => run([shardFile, '--profile', 'cfpb', '--shard', shard])),
    );
    expect(first!.out).toMatch(/4 records in [\d.]+ s \(\d+\/s\): 4 complaints imported/);
    expect(second!.out).toMatch(/3 records in [\d.]+ s \(\d+\/s\): 3 complaints imported/);
    expect(first!.err).toMatch(/import cfpb shard 0\/2 .*4 complaints/);
    expect([first!.code, second!.code]).toEqual([0, 0]);
    const whole = await run([shardFile, '--profile', 'cfpb']);
    expect(whole.out).toMatch(/0 complaints imported \(0 events\), 7 already there, 0 rejected/);
  });

  test('with --parallel 2, two processes of the CLI import the file together: one bar, one report, each rejection once', async () => {
    const parallelFile = join(dir, 'parallel.csv');
    const records = rows.slice(20, 29).map((row) => header.map((column) => row[column]!));
    const spaceship = header.map((column) => (column === 'Product' ? 'Spaceship loan' : rows[30]![column]!));
    await writeFile(parallelFile, `${[header, ...records, spaceship].map(csvLine).join('\n')}\n`);
    const first = await run([parallelFile, '--profile', 'cfpb', '--parallel', '2']);
    expect(first.out).toMatch(
      /10 records in [\d.]+ s \(\d+\/s\): 9 complaints imported \(\d+ events\), 0 already there, 1 rejected/,
    );
    expect(first.out.match(/rejected line \d+: UNKNOWN_PRODUCT/g)).toHaveLength(1);
    expect(first.err).toMatch(/import cfpb \(2 processes\) .*10\/10 complaints/);
    expect(first.code).toBe(1);
    const again = await run([parallelFile, '--profile', 'cfpb', '--parallel', '2']);
    expect(again.out).toMatch(/0 complaints imported \(0 events\), 9 already there, 1 rejected/);
  }, 60_000);

  test('with --parallel, a shard process that fails is named with its last error line, and the exit code is 1', async () => {
    const crashing = join(dir, 'crashing-cli.mjs');
    await writeFile(crashing, "process.stderr.write('database unreachable\\n'); process.exit(3);\n");
    const { out, code } = await run([file, '--profile', 'cfpb', '--parallel', '2'], { main: crashing, execArgv: [] });
    expect(out).toContain('shard 0/2 failed (exit 3): database unreachable\n');
    expect(out).toContain('shard 1/2 failed (exit 3): database unreachable\n');
    expect(out).toContain('run the same command again to finish the import');
    expect(code).toBe(1);
  });
});
