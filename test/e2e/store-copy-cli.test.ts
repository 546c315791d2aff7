import pg from 'pg';
import { UsageError } from '../../apps/cli/src/command.js';
import { storeCopyCommand } from '../../apps/cli/src/commands/store-copy.command.js';
import { copyStore, countEvents } from '../../libs/event-store/src/copy/index.js';
import { runCli } from './audit-support.js';
import { failingAfter, feedOf, identity, postgresStore, releaseStores, seed, STREAMS } from './store-copy-support.js';

/** `npm run cli -- store copy` between two PostgreSQL databases, as an operator runs it. */
afterAll(releaseStores);

const copyArgs = (from: string, to: string, ...extra: string[]) => [
  ...['--from', 'postgres', '--to', 'postgres', '--from-url', from, '--to-url', to],
  ...extra,
];

/** The last line the progress bar printed for `label` (the final one, at 100 %). */
const finalProgress = (err: string, label: string) =>
  err
    .split('\n')
    .filter((line) => line.startsWith(`${label} `))
    .at(-1);

describe('store copy (CLI), PostgreSQL → PostgreSQL', () => {
  test('copies every stream with a progress bar and ends with a passing verification pass', async () => {
    const source = await postgresStore();
    const streams = await seed(source.store);
    const total = await countEvents(source.store);
    const target = await postgresStore();

    const run = await runCli(storeCopyCommand, copyArgs(source.url, target.url, '--page-size', '64'), source.url);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`copied ${total} events in ${STREAMS} streams (0 already there)`);
    expect(run.out).toContain(
      `verified ${STREAMS} streams, ${total} events: ids, revisions, metadata and hashes identical`,
    );
    expect(finalProgress(run.err, 'copy')).toContain(`100.0% ${total}/${total} events`);
    expect(finalProgress(run.err, 'verify')).toContain(`100.0% ${total}/${total} events`);
    for (const stream of streams) {
      expect(identity(await target.store.readStream(stream))).toEqual(identity(await source.store.readStream(stream)));
    }
    const feed = await feedOf(target.store, total);
    expect(feed.map((e) => e.id)).toEqual((await feedOf(source.store)).map((e) => e.id));
  });

  test('rerun after an interrupted copy, it writes only what is missing and verifies the whole', async () => {
    const source = await postgresStore();
    await seed(source.store);
    const total = await countEvents(source.store);
    const target = await postgresStore();
    const failing = failingAfter(target.store, 30);
    await expect(copyStore({ source: source.store, target: failing.store })).rejects.toThrow('connection lost');
    const already = failing.written();
    expect(already).toBeGreaterThan(0);

    const run = await runCli(storeCopyCommand, copyArgs(source.url, target.url), source.url);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`copied ${total - already} events in ${STREAMS} streams (${already} already there)`);
    expect(run.out).toContain(`verified ${STREAMS} streams, ${total} events`);
    expect(await feedOf(target.store, total)).toHaveLength(total);
  });

  test('a difference found by the verification pass names the event and exits 1', async () => {
    const source = await postgresStore();
    const streams = await seed(source.store);
    const target = await postgresStore();
    expect((await runCli(storeCopyCommand, copyArgs(source.url, target.url), source.url)).code).toBe(0);
    await sql(
      target.url,
      `UPDATE events SET metadata = metadata || '{"ip": "10.6.6.6"}' WHERE stream_name = $1 AND stream_revision = 1`,
      [streams[5]],
    );

    const run = await runCli(storeCopyCommand, copyArgs(source.url, target.url, '--verify', 'only'), source.url);

    expect(run.code).toBe(1);
    expect(run.out).not.toContain('copied');
    expect(run.out).toContain(`MISMATCH ${streams[5]}@1: metadata differs`);
    expect(run.out).toContain(`verification FAILED: 1 of ${STREAMS} streams differ`);
  });

  test('refuses to copy a store onto itself, an unknown store kind and a bad --verify', async () => {
    const { url } = await postgresStore();
    const usage = (args: string[]) => runCli(storeCopyCommand, args, url);
    await expect(usage(['--from', 'postgres', '--to', 'postgres'])).rejects.toThrow(UsageError);
    await expect(usage(['--from', 'postgres', '--to', 'postgres'])).rejects.toThrow(/same store/);
    await expect(usage(['--from', 'mysql', '--to', 'postgres'])).rejects.toThrow(
      /--from takes postgres or eventstoredb/,
    );
    await expect(usage(['--to', 'postgres'])).rejects.toThrow(/--from is required/);
    await expect(usage(copyArgs(url, `${url}_b`, '--verify', 'maybe'))).rejects.toThrow(
      /--verify takes yes, no or only/,
    );
  });
});

async function sql(url: string, text: string, values: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}
