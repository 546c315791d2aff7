import { copyStore, countEvents, verifyCopy } from '#event-store/copy/index';
import type { CliContext } from '../cli-context.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { pageSizeOption, parseOptions, progressFor } from './events-support.js';

type StoreKind = 'postgres' | 'eventstoredb';
const KINDS: readonly StoreKind[] = ['postgres', 'eventstoredb'];
const OPTIONS = ['from', 'to', 'from-url', 'to-url', 'prefix', 'page-size', 'verify'] as const;

/**
 * Moves the whole history between stores (PostgreSQL ⇄ EventStoreDB), keeping order, revisions, ids,
 * metadata, recordedAt and hashes. Rerunning it resumes: what the target already holds is skipped.
 * It ends with a verification pass over every stream; any difference exits 1.
 */
export const storeCopyCommand: CliCommand = {
  name: 'store copy',
  usage:
    'store copy --from <postgres|eventstoredb> --to <postgres|eventstoredb> [--from-url <url>] [--to-url <url>] [--prefix complaint-] [--page-size 500] [--verify yes|no|only]',
  summary: 'copy every stream to another event store (resumable), then verify ids, revisions and hashes',
  async run(args, context) {
    const options = parseOptions(args, OPTIONS);
    const from = kindOption(options.from, 'from');
    const to = kindOption(options.to, 'to');
    const verify = options.verify ?? 'yes';
    if (!['yes', 'no', 'only'].includes(verify)) throw new UsageError('--verify takes yes, no or only');
    if (from === to && (options['from-url'] ?? '') === (options['to-url'] ?? ''))
      throw new UsageError('source and target are the same store: give --from-url or --to-url');
    const source = await context.openEventStore(from, options['from-url']);
    const target = await context.openEventStore(to, options['to-url']);
    const filter = options.prefix ? { streamPrefixes: [options.prefix] } : undefined;
    if (verify !== 'only')
      await copy(context, { source, target, filter, batchSize: pageSizeOption(options['page-size'], 500) });
    return verify === 'no' ? 0 : await check(context, { source, target, filter });
  },
};

type Stores = Parameters<typeof copyStore>[0];

async function copy(context: CliContext, stores: Stores): Promise<void> {
  const progress = progressFor(context, 'copy', await countEvents(stores.source, stores.filter));
  const report = await copyStore({ ...stores, onProgress: (seen) => progress.tick(seen) });
  progress.done();
  context.print(
    `copied ${report.written} events in ${report.streams} streams (${report.seen - report.written} already there)`,
  );
}

async function check(context: CliContext, stores: Stores): Promise<number> {
  const progress = progressFor(context, 'verify', await countEvents(stores.source, stores.filter));
  const report = await verifyCopy({ ...stores, onProgress: (events) => progress.tick(events) });
  progress.done();
  for (const mismatch of report.mismatches) {
    context.print(`MISMATCH ${mismatch.stream}@${mismatch.revision}: ${mismatch.reason}`);
  }
  if (report.mismatches.length > 0) {
    context.print(`verification FAILED: ${report.mismatches.length} of ${report.streams} streams differ`);
    return 1;
  }
  context.print(
    `verified ${report.streams} streams, ${report.events} events: ids, revisions, metadata and hashes identical`,
  );
  return 0;
}

function kindOption(value: string | undefined, name: string): StoreKind {
  if (!value) throw new UsageError(`--${name} is required`);
  if (!KINDS.includes(value as StoreKind)) throw new UsageError(`--${name} takes postgres or eventstoredb`);
  return value as StoreKind;
}
