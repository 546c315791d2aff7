import type { EventStore, Position, RecordedEvent, StreamName } from '../port.js';
import { START } from '../port.js';
import { toExportLine } from './export-line.js';

/** Which stored events an export holds. Times are on recordedAt: `from` inclusive, `to` exclusive. */
export interface ExportSelection {
  from?: Date;
  to?: Date;
  /** One stream only; otherwise the whole feed. */
  stream?: StreamName;
}

export interface ExportOptions {
  pageSize?: number;
  /** How long to wait for older open transactions before giving up (see feedEnd). */
  maxWaitMs?: number;
  /** How often the feed's head is probed while waiting. */
  pollMs?: number;
}

export const EXPORT_PAGE_SIZE = 1000;
export const EXPORT_MAX_WAIT_MS = 30_000;

/** The feed still hides events committed before the export started, after the whole wait. */
export class ExportHeldBackError extends Error {
  readonly code = 'EXPORT_FEED_HELD_BACK';
  constructor(readonly waitedMs: number) {
    super(
      `The feed still hides events committed before the export started after ${waitedMs} ms: an older ` +
        'transaction on the database server is still open. Try again when it has ended.',
    );
    this.name = 'ExportHeldBackError';
  }
}

/**
 * Starts an export: fixes where it ends (every event committed by now) and waits until the feed
 * shows all of it, so that the caller can still answer with an error before writing any line.
 * The pages then come one at a time, so that a consumer that stops pulling stops the reads
 * (back-pressure) and memory stays at one page whatever the store's size. Everything appended
 * after the start is left for the next export.
 */
export async function openExport(
  store: EventStore,
  selection: ExportSelection = {},
  options: ExportOptions = {},
): Promise<AsyncGenerator<RecordedEvent[]>> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const pages = selection.stream
    ? streamPages(store, selection.stream, pageSize)
    : feedPages(store, await feedEnd(store, options), pageSize);
  return selectedPages(pages, selection);
}

/** The same, started lazily on the first pull. */
export async function* exportPages(
  store: EventStore,
  selection: ExportSelection = {},
  options: ExportOptions = {},
): AsyncGenerator<RecordedEvent[]> {
  yield* await openExport(store, selection, options);
}

/** The export as NDJSON text: one chunk per page, one event per line. */
export async function openNdjsonExport(
  store: EventStore,
  selection: ExportSelection = {},
  options: ExportOptions = {},
): Promise<AsyncGenerator<string>> {
  return ndjson(await openExport(store, selection, options));
}

async function* ndjson(pages: AsyncGenerator<RecordedEvent[]>): AsyncGenerator<string> {
  for await (const page of pages) yield page.map(toExportLine).join('');
}

async function* selectedPages(
  pages: AsyncGenerator<RecordedEvent[]>,
  selection: ExportSelection,
): AsyncGenerator<RecordedEvent[]> {
  for await (const page of pages) {
    const selected = page.filter((event) => inWindow(event, selection));
    if (selected.length > 0) yield selected;
  }
}

/**
 * The newest committed position, once the feed shows it. A feed (PostgreSQL's) may hide committed
 * events while an older transaction anywhere on the server is open; reading only up to the visible
 * head would silently leave them out, so the export waits, bounded, for the horizon to pass them.
 */
async function feedEnd(store: EventStore, options: ExportOptions): Promise<Position> {
  const end = store.committedHeadPosition ? await store.committedHeadPosition() : await store.headPosition();
  const maxWaitMs = options.maxWaitMs ?? EXPORT_MAX_WAIT_MS;
  const started = Date.now();
  while (store.comparePositions(await store.headPosition(), end) < 0) {
    if (Date.now() - started >= maxWaitMs) throw new ExportHeldBackError(maxWaitMs);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 25));
  }
  return end;
}

/** The feed from the start up to `end`, which the feed already shows in full. */
async function* feedPages(store: EventStore, end: Position, pageSize: number): AsyncGenerator<RecordedEvent[]> {
  let after: Position = START;
  while (store.comparePositions(after, end) < 0) {
    const page = await store.readAll({ after, limit: pageSize });
    const upToEnd = page.events.filter((event) => store.comparePositions(event.position, end) <= 0);
    if (upToEnd.length > 0) yield upToEnd;
    // Nothing more before `end` (events deleted behind the store's back leave such a gap).
    if (page.events.length === 0 || store.comparePositions(page.position, after) <= 0) return;
    after = page.position;
  }
}

/** A stream in revision windows; a stream's revision order is its feed order. */
async function* streamPages(store: EventStore, stream: StreamName, pageSize: number): AsyncGenerator<RecordedEvent[]> {
  // Continues after the last revision read (not by fixed windows), so a hole left by tampering
  // does not end the export early; verify reports the hole.
  for (let fromRevision = 0; ;) {
    const page = await store.readStream(stream, { fromRevision, toRevision: fromRevision + pageSize - 1 });
    if (page.length === 0) return;
    yield page;
    fromRevision = page.at(-1)!.revision + 1;
  }
}

function inWindow(event: RecordedEvent, { from, to }: ExportSelection): boolean {
  const at = event.recordedAt.getTime();
  return (from === undefined || at >= from.getTime()) && (to === undefined || at < to.getTime());
}
