import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamNameFor } from '#domain';
import { toExportLine } from '#event-store/audit/export-line';
import type { RecordedEvent } from '#event-store';
import { EXPORT_MAX_WAIT_MS, type ExportSelection, openExport } from '#event-store/audit/export-reader';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { countEvents, instantOption, parseOptions, progressFor } from './events-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The same NDJSON as GET /audit/export, written to a file: the store as written (never upcast), in
 * feed order, one page in memory. It is written beside the target and renamed at the end, so an
 * interrupted export never leaves a file that looks complete.
 */
export const eventsExportCommand: CliCommand = {
  name: 'events export',
  usage:
    'events export --out <file.ndjson> [--from <iso>] [--to <iso>] [--stream <complaint id | stream>] [--max-wait <seconds>]',
  summary: 'export stored events (with metadata and hashes) to an NDJSON file',
  async run(args, context) {
    const options = parseOptions(args, ['out', 'from', 'to', 'stream', 'max-wait']);
    if (!options.out) throw new UsageError('--out is required');
    const selection: ExportSelection = {
      from: instantOption(options.from, 'from'),
      to: instantOption(options.to, 'to'),
      stream:
        options.stream && (UUID.test(options.stream) ? streamNameFor(options.stream.toLowerCase()) : options.stream),
    };
    const maxWaitMs = secondsOption(options['max-wait'], EXPORT_MAX_WAIT_MS);
    const store = await context.eventStore();
    // Before any file is written: fails after --max-wait while older transactions hide events.
    const pages = await openExport(store, selection, { maxWaitMs });
    const total = selection.stream || selection.from || selection.to ? undefined : await countEvents(store);
    const progress = progressFor(context, 'export', total);
    const partial = `${options.out}.partial`;
    const counted = { events: 0 };
    try {
      const chunks = ndjsonCounted(pages, (events) => {
        counted.events += events;
        progress.tick(events);
      });
      const lines = Readable.from(chunks, { objectMode: true, highWaterMark: 1 });
      await pipeline(lines, createWriteStream(partial));
      await rename(partial, options.out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    progress.done();
    context.print(`exported ${counted.events} events to ${options.out}`);
    return 0;
  },
};

async function* ndjsonCounted(
  pages: AsyncGenerator<RecordedEvent[]>,
  onPage: (events: number) => void,
): AsyncGenerator<string> {
  for await (const page of pages) {
    yield page.map(toExportLine).join('');
    onPage(page.length);
  }
}

/** `--max-wait` is in seconds (fractions allowed); the default is in ms. */
function secondsOption(value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600)
    throw new UsageError('--max-wait must be 0 to 3600 seconds');
  return Math.round(seconds * 1000);
}
