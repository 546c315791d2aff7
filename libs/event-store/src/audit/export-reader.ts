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

export const EXPORT_PAGE_SIZE = 1000;

/**
 * The selected events in feed order, one page at a time, so that a consumer that stops pulling
 * stops the reads (back-pressure) and memory stays at one page whatever the store's size.
 * The whole feed is read up to the head as it was when the export started: an export under load
 * ends, and everything appended meanwhile is left for the next one.
 */
export async function* exportPages(
  store: EventStore,
  selection: ExportSelection = {},
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<RecordedEvent[]> {
  const pages = selection.stream ? streamPages(store, selection.stream, pageSize) : feedPages(store, pageSize);
  for await (const page of pages) {
    const selected = page.filter((event) => inWindow(event, selection));
    if (selected.length > 0) yield selected;
  }
}

/** The same, as NDJSON text: one chunk per page, one event per line. */
export async function* exportNdjson(
  store: EventStore,
  selection: ExportSelection = {},
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  for await (const page of exportPages(store, selection, pageSize)) yield page.map(toExportLine).join('');
}

async function* feedPages(store: EventStore, pageSize: number): AsyncGenerator<RecordedEvent[]> {
  const head = await store.headPosition();
  if (head === START) return;
  let after: Position = START;
  while (store.comparePositions(after, head) < 0) {
    const page = await store.readAll({ after, limit: pageSize });
    const upToHead = page.events.filter((event) => store.comparePositions(event.position, head) <= 0);
    if (upToHead.length > 0) yield upToHead;
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
