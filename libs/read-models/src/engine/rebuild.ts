import type { EventStore, Position } from '#event-store';
import pg from 'pg';
import { advanceCheckpoint, ensureCheckpoint, readCheckpoint } from './checkpoints.js';
import { connectionOf, ProjectionLease } from './lease.js';
import { feedFilterOf, type Projection } from './projection.js';
import { ProjectionRunner, type RunnerLogger } from './runner.js';
import { addDeferredIndexes, createEmptyCopy, swapTables } from './swap.js';
import { nextTables, quoteTables, rebuildCheckpointName } from './tables.js';

export interface RebuildOptions {
  store: EventStore;
  pool: pg.Pool;
  projection: Projection;
  /** Events per transaction while rebuilding. Default 5000. */
  batchSize?: number;
  onProgress?: (events: number) => void;
  logger?: RunnerLogger;
  signal?: AbortSignal;
}

export interface RebuildResult {
  events: number;
  position: Position;
  durationMs: number;
}

export class RebuildInProgressError extends Error {
  readonly code = 'REBUILD_IN_PROGRESS';
  constructor(readonly projection: string) {
    super(`Another rebuild of ${projection} is running`);
  }
}

const DEADLOCK = '40P01';
/** Events per transaction while rebuilding: bigger batches fold more events per row in memory. */
const DEFAULT_REBUILD_BATCH = 5000;
const SWAP_ATTEMPTS = 5;

/**
 * Blue/green rebuild: fills `<table>_next` (same shape as the live table) from the start of the feed
 * under its own checkpoint, then, in ONE transaction that locks the live tables, applies the last
 * few events, points the live checkpoint at the rebuilt position and renames the tables. Queries see
 * the old table or the new one, never a half-built one; the live runner's next compare-and-set fails
 * and it continues from the new checkpoint.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const started = performance.now();
  const { pool, projection } = options;
  const checkpointName = rebuildCheckpointName(projection);
  const lease = new ProjectionLease(connectionOf(pool), checkpointName);
  if (!(await lease.tryAcquire())) throw new RebuildInProgressError(projection.name);
  try {
    await prepareNextTables(pool, projection, checkpointName);
    const runner = new ProjectionRunner({
      store: options.store,
      pool,
      projection,
      checkpointName,
      tables: nextTables(projection),
      batchSize: options.batchSize ?? DEFAULT_REBUILD_BATCH,
      logger: options.logger,
      onBatch: (batch) => options.onProgress?.(batch.events),
    });
    const caughtUp = await runner.catchUp(options.signal);
    if (options.signal?.aborted) throw new Error(`Rebuild of ${projection.name} was interrupted`);
    for (const [live, next] of Object.entries(nextTables(projection))) await addDeferredIndexes(pool, live, next);
    const tail = await swapWithRetry(options, checkpointName);
    return { events: caughtUp + tail.events, position: tail.position, durationMs: performance.now() - started };
  } finally {
    await lease.release();
  }
}

/** Empty `_next` copies of the live tables, and a checkpoint at the start of the feed. */
async function prepareNextTables(pool: pg.Pool, projection: Projection, checkpointName: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [live, next] of Object.entries(nextTables(projection))) await createEmptyCopy(client, live, next);
    await client.query('DELETE FROM projection_checkpoints WHERE name = $1', [checkpointName]);
    await ensureCheckpoint(client, checkpointName, projection);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function swapWithRetry(
  options: RebuildOptions,
  checkpointName: string,
): Promise<{ events: number; position: Position }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await swapIn(options, checkpointName);
    } catch (error) {
      if ((error as pg.DatabaseError).code !== DEADLOCK || attempt >= SWAP_ATTEMPTS) throw error;
      options.logger?.warn(`rebuild of ${options.projection.name}: swap deadlocked, retrying`);
    }
  }
}

async function swapIn(
  options: RebuildOptions,
  checkpointName: string,
): Promise<{ events: number; position: Position }> {
  const { pool, projection } = options;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Table locks first (the live runner takes them before the checkpoint row too): no lock cycle.
    const live = projection.tables.map((table) => pg.escapeIdentifier(table)).join(', ');
    await client.query(`LOCK TABLE ${live} IN ACCESS EXCLUSIVE MODE`);
    const tail = await applyTail(options, client, checkpointName);
    const rebuilt = (await readCheckpoint(client, checkpointName))!;
    await ensureCheckpoint(client, projection.name, projection);
    await client.query('SELECT 1 FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [projection.name]);
    await client.query(
      `UPDATE projection_checkpoints SET position = $2, version = $3, events_applied = $4, last_event_at = $5,
              updated_at = now() WHERE name = $1`,
      [projection.name, rebuilt.position, projection.version, rebuilt.eventsApplied, rebuilt.lastEventAt],
    );
    await client.query('DELETE FROM projection_checkpoints WHERE name = $1', [checkpointName]);
    await swapTables(client, nextTables(projection));
    await client.query('COMMIT');
    return { events: tail, position: rebuilt.position };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The events that arrived since the catch-up, applied inside the swap transaction. */
async function applyTail(options: RebuildOptions, tx: pg.ClientBase, checkpointName: string): Promise<number> {
  const { store, projection } = options;
  const tables = quoteTables(nextTables(projection));
  const limit = options.batchSize ?? DEFAULT_REBUILD_BATCH;
  let position = (await readCheckpoint(tx, checkpointName))!.position;
  let applied = 0;
  for (;;) {
    const page = await store.readAll({ after: position, limit, filter: feedFilterOf(projection) });
    if (store.comparePositions(page.position, position) <= 0) return applied;
    if (page.events.length > 0) await projection.apply(page.events, { tx, tables });
    const lastEventAt = page.events.at(-1)?.recordedAt ?? null;
    const to = page.position;
    await advanceCheckpoint(tx, { name: checkpointName, from: position, to, events: page.events.length, lastEventAt });
    options.onProgress?.(page.events.length);
    applied += page.events.length;
    position = to;
    if (page.events.length < limit) return applied;
  }
}
