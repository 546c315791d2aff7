import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type EventStore, START } from '#event-store';
import {
  checkExportFile,
  type CheckResult,
  ImportRefusedError,
  importExportFile,
  type LineSource,
} from '#event-store/audit/import-events';
import type { CliContext } from '../cli-context.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { countEvents, parseOptions, progressFor } from './events-support.js';

/**
 * Restores an export into an EMPTY store (or resumes an interrupted import of the same file):
 * identical streams, revisions, ids, metadata, recordedAt and hashes. The file is read twice: first
 * every line and every stream's hash chain is checked (a bad file is refused with its line numbers
 * before anything is written), then the events are stored as recorded.
 */
export const eventsImportCommand: CliCommand = {
  name: 'events import',
  usage: 'events import --in <file.ndjson> [--resume yes]',
  summary: 'import an NDJSON export into an empty store, keeping ids, times and hashes',
  async run(args, context) {
    const options = parseOptions(args, ['in', 'resume']);
    if (!options.in) throw new UsageError('--in is required');
    if (options.resume !== undefined && options.resume !== 'yes') throw new UsageError('--resume takes "yes"');
    await access(options.in).catch(() => {
      throw new UsageError(`cannot read ${options.in}`);
    });
    const lines = linesOf(options.in);
    const checked = await checkExportFile(lines);
    if (checked.badLines.length > 0) return refuseBadFile(checked, context);
    const store = await context.eventStore();
    const progress = progressFor(context, 'import', checked.events);
    try {
      const result = await importExportFile(store, lines, {
        resume: options.resume === 'yes',
        onProgress: (events) => progress.tick(events),
        isEmpty: () => isEmpty(store),
      });
      progress.done();
      const stored = await countEvents(store);
      if (stored !== undefined && stored !== checked.events) {
        context.print(`the store holds ${stored} events, the file ${checked.events}: it held events of another origin`);
        return 1;
      }
      context.print(
        `imported ${result.imported} events in ${checked.streams} streams (${result.skipped} already there)`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ImportRefusedError)) throw error;
      progress.done();
      context.print(`refused: ${error.message}`);
      return 1;
    }
  },
};

function linesOf(path: string): LineSource {
  return () => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

function refuseBadFile(checked: CheckResult, context: CliContext): number {
  for (const bad of checked.badLines) context.print(`bad line ${bad.line}: ${bad.problem}`);
  if (checked.moreBadLines > 0) context.print(`... and ${checked.moreBadLines} more bad lines`);
  context.print(`refused: ${checked.badLines.length + checked.moreBadLines} bad lines; nothing was imported`);
  return 1;
}

/** Exact on PostgreSQL (a count), not through the feed's head, which an open transaction holds back. */
async function isEmpty(store: EventStore): Promise<boolean> {
  const count = await countEvents(store);
  return count === undefined ? (await store.headPosition()) === START : count === 0;
}
