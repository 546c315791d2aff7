import type { EventMetadata, RecordedEvent } from '../port.js';

/**
 * One line of an export (NDJSON): a stored event with everything the store keeps about it, so that
 * an import can rebuild the same streams, revisions, ids, metadata, recordedAt and hashes.
 * `position` is the source store's own (opaque, adapter-specific) place in its feed: informative
 * only, a target store assigns its own.
 */
export interface ExportLine {
  id: string;
  streamName: string;
  revision: number;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  data: unknown;
  metadata: EventMetadata;
  previousHash: string;
  hash: string;
  position: string;
}

/** The event as one NDJSON line, newline included. Keys in a fixed order, for readable diffs. */
export function toExportLine(event: RecordedEvent): string {
  const line: ExportLine = {
    id: event.id,
    streamName: event.streamName,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
    previousHash: event.previousHash,
    hash: event.hash,
    position: event.position,
  };
  return `${JSON.stringify(line)}\n`;
}

/** A line that is not an exported event; `problem` says what is wrong with it. */
export class ExportLineError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'ExportLineError';
  }
}

const HASH = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Parses and checks the shape of one line (not its hash: see StreamChainTracker). */
export function parseExportLine(text: string): RecordedEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportLineError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExportLineError('not an object');
  const line = value as Partial<ExportLine>;
  const missing = shapeProblems(line);
  if (missing.length > 0) throw new ExportLineError(`missing or invalid: ${missing.join(', ')}`);
  return {
    id: line.id!,
    streamName: line.streamName!,
    revision: line.revision!,
    type: line.type!,
    schemaVersion: line.schemaVersion!,
    recordedAt: new Date(line.recordedAt!),
    data: line.data,
    metadata: line.metadata!,
    previousHash: line.previousHash!,
    hash: line.hash!,
    position: typeof line.position === 'string' ? line.position : '',
  };
}

function shapeProblems(line: Partial<ExportLine>): string[] {
  const checks: [keyof ExportLine, boolean][] = [
    ['id', typeof line.id === 'string' && line.id.length > 0],
    ['streamName', typeof line.streamName === 'string' && line.streamName.length > 0],
    ['revision', Number.isSafeInteger(line.revision) && line.revision! >= 0],
    ['type', typeof line.type === 'string' && line.type.length > 0],
    ['schemaVersion', Number.isSafeInteger(line.schemaVersion) && line.schemaVersion! >= 1],
    ['recordedAt', typeof line.recordedAt === 'string' && ISO_INSTANT.test(line.recordedAt)],
    ['data', line.data !== undefined],
    ['metadata', typeof line.metadata === 'object' && line.metadata !== null],
    ['previousHash', typeof line.previousHash === 'string' && HASH.test(line.previousHash)],
    ['hash', typeof line.hash === 'string' && HASH.test(line.hash)],
  ];
  return checks.filter(([, ok]) => !ok).map(([field]) => field);
}
