import pg from 'pg';
import { resolveReappend, validateAppend, validateNewStreams, type StoredIdentity } from '../append-rules.js';
import { chainHash, GENESIS_HASH } from '../hash-chain.js';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type NewStream,
  type NewStreamOutcome,
  type Position,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
  type StreamName,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from '../port.js';
import { pollingSubscription, Wakeup } from '../subscription.js';
import { writeNewStreams } from './append-new-streams.js';
import { type PreparedEvent, preparedEvent } from './prepared-event.js';
import { appendRecordedEvents } from './append-recorded.js';
import { FeedListener } from './feed-listener.js';
import { ThrottledNotifier } from './notifier.js';
import { comparePgPositions, decodePosition, encodePosition } from './position.js';
import * as sql from './sql.js';

export interface PostgresEventStoreOptions {
  /** Use this pool (not ended by close()); otherwise one is created from connectionString. */
  pool?: pg.Pool;
  connectionString?: string;
  poolSize?: number;
  clock?: () => Date;
  /** How long a subscription that is caught up waits when no notification arrives. */
  pollIntervalMs?: number;
  /** Trap 4: a session idle inside a transaction holds back the whole feed; the server ends it after this. */
  idleInTransactionTimeoutMs?: number;
  notifyChannel?: string;
  /** At most one cross-process wake-up NOTIFY per this many ms (see notifier.ts). Default 20. */
  notifyIntervalMs?: number;
  /**
   * Test only: run each append as BEGIN; append; hook(client); COMMIT, so that a test can delay
   * commits and make them land out of sequence order.
   */
  transactionHook?: (client: pg.PoolClient) => Promise<void>;
}

export interface FeedLag {
  /** The newest position the feed shows. */
  head: Position;
  /** Committed events the feed cannot show yet because an older transaction is still open. */
  pendingEvents: number;
  /** Age of the oldest of those, by the store's clock; 0 when none. */
  oldestPendingAgeMs: number;
}

const UNIQUE_VIOLATION = '23505';
/** 'any' and 'stream_exists' lose a race only to a writer that got in first; they just try again. */
const MAX_RETRIES = 10;

/** The EventStore port on PostgreSQL through node-postgres; schema in ./migrations. */
export class PostgresEventStore implements EventStore {
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly clock: () => Date;
  private readonly channel: string;
  private readonly wakeup = new Wakeup();
  private readonly listener: FeedListener;
  private readonly notifier: ThrottledNotifier;
  private readonly closing = new AbortController();

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? createPool(options);
    if (options.pool) applySessionSettings(options.pool, options);
    this.pool.on('error', () => undefined); // an idle client died; the pool replaces it
    this.clock = options.clock ?? (() => new Date());
    this.channel = options.notifyChannel ?? 'event_store_appended';
    this.listener = new FeedListener({ ...this.pool.options }, this.channel, this.wakeup);
    this.notifier = new ThrottledNotifier(this.pool, this.channel, options.notifyIntervalMs ?? 20);
  }

  async append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(events);
    const query = this.appendQuery(stream, events, expected);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const written = await this.runAppend(query);
        if (!written) return await this.onRejected(stream, events, expected, await this.currentRevision(stream));
        this.wakeup.notify();
        this.notifier.poke();
        return written;
      } catch (error) {
        if ((error as pg.DatabaseError).code !== UNIQUE_VIOLATION) throw error;
        const lostRace = (error as pg.DatabaseError).constraint === 'events_stream_revision_unique';
        if (lostRace && typeof expected !== 'number' && expected !== 'no_stream' && attempt < MAX_RETRIES) continue;
        return await this.onRejected(stream, events, expected, await this.currentRevision(stream));
      }
    }
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const params = [
      stream,
      options.fromRevision ?? 0,
      options.toRevision ?? Number.MAX_SAFE_INTEGER,
      options.untilTime ?? null,
    ];
    const { rows } = await this.pool.query<sql.EventRow>(sql.READ_STREAM_SQL, params);
    return rows.map(sql.toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const { transactionId, globalPosition } = decodePosition(after);
    const params = [transactionId, globalPosition, options.limit, ...sql.filterParams(options.filter)];
    const { rows } = await this.pool.query<
      sql.EventRow & { head_transaction_id: string; head_global_position: string }
    >({ name: 'event_store_read_all', text: sql.READ_ALL_SQL, values: params });
    const events = rows.filter((row) => row.event_id !== null).map(sql.toRecordedEvent);
    if (events.length === options.limit) return { events, position: events[events.length - 1]!.position };
    const head = rows[0];
    // A short page scanned everything visible: continue from the head, past events the filter skipped.
    const position = head ? encodePosition(head.head_transaction_id, head.head_global_position) : after;
    return { events, position: this.comparePositions(position, after) > 0 ? position : after };
  }

  subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return pollingSubscription(
      {
        readAll: (read) => this.readAll(read),
        prepareWait: () => this.listener.ensureListening(),
        wakeup: this.wakeup,
        pollIntervalMs: this.options.pollIntervalMs ?? 500,
        closed: this.closing.signal,
      },
      options,
    );
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(sql.HEAD_SQL);
    return rows[0] ? encodePosition(rows[0].transaction_id, rows[0].global_position) : START;
  }

  async committedHeadPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(sql.COMMITTED_HEAD_SQL);
    return rows[0] ? encodePosition(rows[0].transaction_id, rows[0].global_position) : START;
  }

  /** For a metric: how far the feed is held back by open transactions (trap 4). */
  async feedLag(): Promise<FeedLag> {
    const [head, { rows }] = await Promise.all([
      this.headPosition(),
      this.pool.query<{ pending: number; oldest: Date | null }>(sql.FEED_LAG_SQL),
    ]);
    const oldest = rows[0]?.oldest;
    const oldestPendingAgeMs = oldest ? Math.max(0, this.clock().getTime() - oldest.getTime()) : 0;
    return { head, pendingEvents: rows[0]?.pending ?? 0, oldestPendingAgeMs };
  }

  comparePositions(a: Position, b: Position): number {
    return comparePgPositions(a, b);
  }

  /** Copy capability (see port.ts and ./append-recorded.ts). */
  async appendRecorded(stream: StreamName, events: readonly RecordedEvent[]): Promise<AppendResult> {
    const result = await appendRecordedEvents(this.pool, stream, events);
    this.wakeup.notify();
    this.notifier.poke();
    return result;
  }

  /** Bulk capability (see port.ts): one statement for the whole batch (./append-new-streams.ts). */
  async appendNewStreams(streams: readonly NewStream[]): Promise<NewStreamOutcome[]> {
    validateNewStreams(streams);
    if (streams.length === 0) return [];
    const outcomes = await writeNewStreams(streams, this.clock(), {
      transaction: (work) => this.inTransaction(work),
      identities: (events) => this.identities(events),
      appendOne: (stream, events) => this.append(stream, events, 'no_stream'),
    });
    if (outcomes.some((outcome) => outcome.result !== 'exists')) {
      this.wakeup.notify();
      this.notifier.poke();
    }
    return outcomes;
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.notifier.close();
    await this.listener.close();
    if (this.ownsPool) await this.pool.end();
  }

  /** One statement either way; the one-event forms avoid arrays and recursion (the hot path). */
  private appendQuery(stream: StreamName, events: readonly NewEvent[], expected: ExpectedRevision): pg.QueryConfig {
    const recordedAt = this.clock();
    const rows = events.map((event) => preparedEvent(stream, event, recordedAt));
    const expectedCode = typeof expected === 'number' ? expected : sql.EXPECTED_CODES[expected];
    if (rows.length === 1) {
      const { event, data, metadata, digest } = rows[0]!;
      if (expected === 'no_stream') {
        const hash = chainHash(GENESIS_HASH, 0, digest);
        const values = [stream, event.id, event.type, event.schemaVersion, data, metadata, recordedAt, hash];
        return { name: 'event_store_append_new', text: sql.APPEND_NEW_SQL, values };
      }
      const values = [
        stream,
        expectedCode,
        event.id,
        event.type,
        event.schemaVersion,
        data,
        metadata,
        digest,
        recordedAt,
      ];
      return { name: 'event_store_append_one', text: sql.APPEND_ONE_SQL, values };
    }
    const column = <T>(pick: (row: PreparedEvent) => T): T[] => rows.map(pick);
    const values = [
      stream,
      expectedCode,
      column((row) => row.event.id),
      column((row) => row.event.type),
      column((row) => row.event.schemaVersion),
      `[${column((row) => row.data).join(',')}]`,
      `[${column((row) => row.metadata).join(',')}]`,
      column((row) => row.digest),
      recordedAt,
    ];
    return { name: 'event_store_append_many', text: sql.APPEND_SQL, values };
  }

  /** The append's result, or undefined when the expected revision did not hold (nothing written). */
  private async runAppend(query: pg.QueryConfig): Promise<AppendResult | undefined> {
    return appendResult(await this.runStatement(query));
  }

  /** BEGIN; work; (the test hook;) COMMIT on one client; ROLLBACK when anything fails. */
  private async inTransaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await this.options.transactionHook?.(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** One statement, its own transaction; with the test hook, BEGIN; statement; hook; COMMIT. */
  private async runStatement(query: pg.QueryConfig): Promise<pg.QueryResult> {
    if (!this.options.transactionHook) return this.pool.query(query);
    return this.inTransaction((client) => client.query(query));
  }

  /** Slow path: a retry of an earlier append, a duplicate id, or a genuine revision conflict. */
  private async onRejected(
    stream: StreamName,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: number,
  ): Promise<AppendResult> {
    const reappend = resolveReappend(stream, events, await this.identities(events));
    if (reappend) return reappend;
    throw new WrongExpectedRevisionError(stream, expected, actual);
  }

  private async identities(events: readonly NewEvent[]): Promise<StoredIdentity[]> {
    const ids = events.map((event) => event.id);
    const { rows } = await this.pool.query<{
      event_id: string;
      stream_name: string;
      stream_revision: string;
      global_position: string;
      transaction_id: string;
      append_size: number;
    }>(sql.IDENTITIES_SQL, [ids]);
    return rows.map((row) => ({
      id: row.event_id,
      streamName: row.stream_name,
      revision: Number(row.stream_revision),
      position: encodePosition(row.transaction_id, row.global_position),
      appendId: row.transaction_id,
      appendSize: row.append_size,
    }));
  }

  private async currentRevision(stream: StreamName): Promise<number> {
    const { rows } = await this.pool.query<{ revision: string | null }>(sql.CURRENT_REVISION_SQL, [stream]);
    return rows[0]?.revision == null ? -1 : Number(rows[0].revision);
  }
}

/** Every append statement: one row per event (APPEND_ONE_SQL) or one summary row (APPEND_SQL). */
function appendResult(result: pg.QueryResult): AppendResult | undefined {
  const row = result.rows.at(-1) as
    | {
        transaction_id: string | null;
        global_position?: string;
        last_position?: string | null;
        stream_revision?: string;
        next_revision?: string | null;
      }
    | undefined;
  if (!row?.transaction_id) return undefined;
  const position = encodePosition(row.transaction_id, (row.global_position ?? row.last_position)!);
  return { nextRevision: Number(row.stream_revision ?? row.next_revision), position };
}

function createPool(options: PostgresEventStoreOptions): pg.Pool {
  if (!options.connectionString) throw new TypeError('PostgresEventStore needs a pool or a connectionString');
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
  });
}

/**
 * A pool made elsewhere: give its future connections the timeout as a startup parameter (the pool
 * builds each client from `pool.options`). A setting the owner chose is kept. Connections opened
 * before the store was built keep the server default.
 */
function applySessionSettings(pool: pg.Pool, options: PostgresEventStoreOptions): void {
  const settings = pool.options as pg.PoolConfig;
  settings.idle_in_transaction_session_timeout ??= Math.trunc(options.idleInTransactionTimeoutMs ?? 60_000);
}
