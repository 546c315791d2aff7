import { type EventStore, type NewStream, WrongExpectedRevisionError } from '#event-store';
import type { ReplayedHistory } from './history/replay-history.js';
import type { ReportBuilder } from './report.js';
import { WriterPool } from './writer-pool.js';

/** Complaints per write where the store takes many new streams at once. */
export const DEFAULT_BATCH_SIZE = 250;
/**
 * Writes in flight: a few batches keep the server busy (each is one statement of ~1,500 rows); one
 * append per complaint needs many more in flight to hide each round trip and commit.
 */
export const DEFAULT_WRITERS = { batches: 4, appends: 16 } as const;

export interface HistoryWriterOptions {
  writers?: number;
  batchSize?: number;
  /** A record's complaint is in the store now (written, or found there already). */
  onStored: (line: number) => void;
}

interface Pending {
  history: ReplayedHistory;
  line: number;
}

/**
 * Hands each planned complaint to the store, every one as a new stream: where the store has
 * appendNewStreams, in batches (one write, one transaction for up to `batchSize` complaints, and
 * their customers' keys fetched together); otherwise one append each, expected revision no_stream.
 * Either way at most `writers` writes are in flight and the caller waits while they are, so memory
 * stays flat; a complaint already stored (an earlier run) is counted as already there, not written.
 */
export class HistoryWriter {
  private readonly pool: WriterPool;
  private readonly batchSize: number;
  private batch: Pending[] = [];
  private readonly streamsInBatch = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly report: ReportBuilder,
    private readonly options: HistoryWriterOptions,
  ) {
    const batched = store.appendNewStreams !== undefined;
    this.batchSize = batched ? (options.batchSize ?? DEFAULT_BATCH_SIZE) : 1;
    this.pool = new WriterPool(options.writers ?? (batched ? DEFAULT_WRITERS.batches : DEFAULT_WRITERS.appends));
  }

  async write(history: ReplayedHistory, line: number): Promise<void> {
    if (this.batchSize === 1) return this.pool.submit(() => this.appendOne({ history, line }));
    // A record repeated in the file: one batch may not name a stream twice, the next one will find it there.
    if (this.streamsInBatch.has(history.stream)) await this.flush();
    this.batch.push({ history, line });
    this.streamsInBatch.add(history.stream);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  /** Writes what is left and waits for every write; throws the first failure. */
  async drain(): Promise<void> {
    await this.flush();
    await this.pool.drain();
  }

  /** Waits for the writes in flight, whatever their outcome; a batch not yet sent is dropped. */
  async settle(): Promise<void> {
    await this.pool.settle();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.streamsInBatch.clear();
    await this.pool.submit(() => this.appendBatch(batch));
  }

  private async appendBatch(batch: readonly Pending[]): Promise<void> {
    const streams: NewStream[] = batch.map(({ history }) => ({ stream: history.stream, events: history.events }));
    const outcomes = await this.store.appendNewStreams!(streams);
    for (const [index, outcome] of outcomes.entries()) {
      const { history, line } = batch[index]!;
      if (outcome.result === 'exists') this.report.skipped();
      else this.report.written(history.events.length);
      this.options.onStored(line);
    }
  }

  private async appendOne({ history, line }: Pending): Promise<void> {
    try {
      await this.store.append(history.stream, history.events, 'no_stream');
      this.report.written(history.events.length);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      this.report.skipped();
    }
    this.options.onStored(line);
  }
}
