import type { EventStore, Position, ReadAllResult } from '#event-store';
import type pg from 'pg';
import { advanceCheckpoint, ensureCheckpoint, readCheckpoint } from './checkpoints.js';
import { connectionOf, ProjectionLease } from './lease.js';
import { feedFilterOf, type Projection } from './projection.js';
import { liveTables, quoteTables } from './tables.js';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  pool: pg.Pool;
  projection: Projection;
  /** Default: the projection's name. A rebuild runs under `<name>:rebuild`. */
  checkpointName?: string;
  /** Logical → physical table names. Default: the live tables. */
  tables?: Record<string, string>;
  /** Events per feed read and per transaction. */
  batchSize?: number;
  /** Wait between polls once caught up. */
  idleMs?: number;
  /** How often a standby tries to take the lease over. */
  leaseRetryMs?: number;
  /** Wait after a failed batch before trying again (the batch was rolled back). */
  errorBackoffMs?: number;
  logger?: RunnerLogger;
  /** After each committed batch (for progress bars and tests). */
  onBatch?: (batch: { events: number; position: Position }) => void;
}

type Settled = { page: ReadAllResult } | { error: unknown };

const quietLogger: RunnerLogger = { log: () => undefined, warn: () => undefined };

/**
 * Follows the global feed for one projection: read a page through the port, apply it and move the
 * checkpoint in ONE transaction (compare-and-set), repeat. The next page is fetched while the
 * current one is applied. A crash anywhere leaves either the whole batch with its checkpoint or
 * neither; a lost compare-and-set rolls the batch back and re-reads the checkpoint.
 */
export class ProjectionRunner {
  readonly checkpointName: string;
  private readonly tables: ReturnType<typeof quoteTables>;
  private readonly batchSize: number;
  private readonly logger: RunnerLogger;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.checkpointName = options.checkpointName ?? options.projection.name;
    this.tables = quoteTables(options.tables ?? liveTables(options.projection));
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? quietLogger;
  }

  /**
   * The worker's loop: wait for the lease, then follow the feed until `signal` aborts or the lease is
   * lost. A batch in flight when `signal` aborts is finished (committed) before this resolves.
   */
  async run(signal: AbortSignal): Promise<void> {
    const lease = new ProjectionLease(connectionOf(this.options.pool), this.checkpointName);
    try {
      while (!signal.aborted) {
        if (!(await this.acquire(lease))) {
          await sleep(this.options.leaseRetryMs ?? 1000, signal);
          continue;
        }
        try {
          await this.follow(signal, { untilCaughtUp: false, lease });
        } catch (error) {
          this.logger.warn(`projection ${this.checkpointName}: batch failed, retrying: ${describe(error)}`);
          await sleep(this.options.errorBackoffMs ?? 1000, signal);
        }
      }
    } finally {
      await lease.release();
    }
  }

  /**
   * Applies every event committed before the call, then resolves with the number applied (no lease).
   * On PostgreSQL an event committed while an older transaction is still open anywhere on the server
   * is not in the feed yet, so this waits (polling) until the feed shows the committed head it took
   * at the start — up to `maxWaitMs`, then it fails rather than pretend to be caught up.
   */
  async catchUp(signal?: AbortSignal, { maxWaitMs = 30_000 }: { maxWaitMs?: number } = {}): Promise<number> {
    const { store } = this.options;
    const until = store.committedHeadPosition ? await store.committedHeadPosition() : await store.headPosition();
    const deadline = Date.now() + maxWaitMs;
    return this.follow(signal ?? new AbortController().signal, { untilCaughtUp: true, until, deadline });
  }

  private async acquire(lease: ProjectionLease): Promise<boolean> {
    try {
      const acquired = await lease.tryAcquire();
      if (acquired) this.logger.log(`projection ${this.checkpointName}: lease acquired`);
      return acquired;
    } catch (error) {
      this.logger.warn(`projection ${this.checkpointName}: lease unavailable: ${describe(error)}`);
      return false;
    }
  }

  private async follow(
    signal: AbortSignal,
    mode: { untilCaughtUp: boolean; lease?: ProjectionLease; until?: Position; deadline?: number },
  ): Promise<number> {
    let position = (await ensureCheckpoint(this.options.pool, this.checkpointName, this.options.projection)).position;
    let prefetched: Promise<Settled> | undefined;
    let applied = 0;
    while (!signal.aborted && (mode.lease?.held ?? true)) {
      const settled = await (prefetched ?? this.read(position));
      if ('error' in settled) throw settled.error;
      const { page } = settled;
      const full = page.events.length >= this.batchSize;
      prefetched = full ? this.read(page.position) : undefined;
      if (this.options.store.comparePositions(page.position, position) > 0) {
        if (!(await this.commit(page, position))) {
          prefetched = undefined;
          position = (await readCheckpoint(this.options.pool, this.checkpointName))!.position;
          this.logger.log(`projection ${this.checkpointName}: checkpoint moved elsewhere, re-reading`);
          continue;
        }
        position = page.position;
        applied += page.events.length;
        this.options.onBatch?.({ events: page.events.length, position });
      }
      if (!full) {
        if (mode.untilCaughtUp && this.reached(position, mode)) return applied;
        await sleep(this.options.idleMs ?? 100, signal);
      }
    }
    return applied;
  }

  /** Whether a catch-up is done at `position`; past its deadline short of its target, it fails. */
  private reached(position: Position, { until, deadline }: { until?: Position; deadline?: number }): boolean {
    if (until === undefined || this.options.store.comparePositions(position, until) >= 0) return true;
    if (deadline !== undefined && Date.now() > deadline) {
      throw new Error(
        `projection ${this.checkpointName}: the feed did not reach ${until} in time (at ${position}); ` +
          'an old transaction on the server is holding it back',
      );
    }
    return false;
  }

  /** Never rejects, so that a prefetch abandoned after a lost compare-and-set is not unhandled. */
  private read(after: Position): Promise<Settled> {
    const filter = feedFilterOf(this.options.projection);
    return this.options.store.readAll({ after, limit: this.batchSize, filter }).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
  }

  /** The batch and the checkpoint in one transaction; false when the compare-and-set lost. */
  private async commit(page: ReadAllResult, from: Position): Promise<boolean> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      if (page.events.length > 0) await this.options.projection.apply(page.events, { tx: client, tables: this.tables });
      const moved = await advanceCheckpoint(client, {
        name: this.checkpointName,
        from,
        to: page.position,
        events: page.events.length,
        lastEventAt: page.events.at(-1)?.recordedAt ?? null,
      });
      await client.query(moved ? 'COMMIT' : 'ROLLBACK');
      client.release();
      return moved;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error as Error);
      throw error;
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
