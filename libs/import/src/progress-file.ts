/**
 * Resuming without re-checking: an interrupted import of a large file would otherwise ask the store
 * about every complaint it had already written (measured at about the import's own rate, see
 * docs/benchmarks.md), while skipping them here costs only their parsing. The progress file records
 * the line up to which every record is done (written, found already there, or rejected); records
 * after it — including appends that were in flight at the crash — are replayed idempotently.
 *
 * It is only trusted for the same file (size and modification time), profile and target store; any
 * difference and the import starts over from the first record (still idempotent, just slower). A
 * finished import deletes it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface ProgressIdentity {
  file: string;
  size: number;
  modifiedMs: number;
  profile: string;
  /** Names the store written to (e.g. the database URL without its password). */
  target: string;
  /** "k/n" for one shard of the file (shard.ts), null for the whole file: shard 1/2 is not shard 1/4. */
  shard: string | null;
}

interface ProgressDocument extends ProgressIdentity {
  /** Every record that ends at or before this line is done. */
  doneThroughLine: number;
  updatedAt: string;
}

const SAVE_INTERVAL_MS = 1000;

export async function progressIdentity(
  file: string,
  profile: string,
  target: string,
  shard: string | null = null,
): Promise<ProgressIdentity> {
  const info = await stat(file);
  return { file, size: info.size, modifiedMs: Math.trunc(info.mtimeMs), profile, target, shard };
}

/** The line to resume after, or 0 when there is no usable progress file. */
export async function readProgress(path: string, identity: ProgressIdentity): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return 0;
  try {
    const document = JSON.parse(text) as ProgressDocument;
    const same = (Object.keys(identity) as (keyof ProgressIdentity)[]).every((key) => document[key] === identity[key]);
    return same && Number.isInteger(document.doneThroughLine) ? document.doneThroughLine : 0;
  } catch {
    return 0;
  }
}

/**
 * Which lines are done while appends finish out of order: everything before the oldest record still
 * in flight, or everything read when nothing is in flight. Saved at most once a second, atomically
 * (a temporary file renamed over the old one), so a crash leaves the previous state or the new one.
 */
export class ProgressTracker {
  private readonly inFlight = new Set<number>();
  private lastRead = 0;
  private saved = 0;
  private lastSave = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly identity: ProgressIdentity,
  ) {}

  /** A record was read; `pending`: its append is still to come. */
  read(line: number, endLine: number, pending: boolean): void {
    this.lastRead = endLine;
    if (pending) this.inFlight.add(line);
    else this.maybeSave();
  }

  done(line: number): void {
    this.inFlight.delete(line);
    this.maybeSave();
  }

  doneThroughLine(): number {
    let oldest = Infinity;
    for (const line of this.inFlight) oldest = Math.min(oldest, line);
    return oldest === Infinity ? this.lastRead : oldest - 1;
  }

  /** Saves what is done now (the import is stopping on a failure). */
  async saveNow(): Promise<void> {
    this.lastSave = 0;
    this.maybeSave();
    await this.saving;
  }

  /** The import finished: nothing is left to resume. */
  async finish(): Promise<void> {
    await this.saving;
    await rm(this.path, { force: true });
  }

  private maybeSave(): void {
    const now = Date.now();
    const through = this.doneThroughLine();
    if (now - this.lastSave < SAVE_INTERVAL_MS || through <= this.saved) return;
    this.lastSave = now;
    this.saved = through;
    const document: ProgressDocument = {
      ...this.identity,
      doneThroughLine: through,
      updatedAt: new Date().toISOString(),
    };
    // Only an optimisation: a failed save (disk full…) leaves an older state, never stops the import.
    this.saving = this.saving
      .then(() => writeAtomically(this.path, `${JSON.stringify(document, null, 2)}\n`))
      .catch(() => undefined);
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
