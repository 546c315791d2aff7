import pg from 'pg';
import { type PostgresEventStore, START } from '../../libs/event-store/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { newEvent, sleep, streamIn, take } from './fixtures.js';
import { emptyPostgresStore, eventStoreDatabase } from './postgres-store.js';

/** What only the PostgreSQL adapter has to prove: its traps, and that its fixes are needed. */
let database: TestDatabase;
const stores: PostgresEventStore[] = [];
const open = async (options: Parameters<typeof emptyPostgresStore>[1] = {}): Promise<PostgresEventStore> => {
  const store = await emptyPostgresStore(database.url, options);
  stores.push(store);
  return store;
};

beforeAll(async () => {
  database = await eventStoreDatabase();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await database.drop();
});

/** Polls until `check` passes: other test files' transactions on the same server may hold the feed back briefly. */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

test('trap 1: a naive global_position reader skips a late commit; readAll does not', async () => {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const inserted = new Promise<void>((resolve) => (entered = resolve));
  const slow = await open({ transactionHook: async () => (entered(), gate) });
  const fast = await open();
  const pool = fast.pool;
  const early = newEvent();
  const late = newEvent();
  const slowAppend = slow.append(streamIn('gap'), [early], 'no_stream'); // draws global_position 1, stays open
  await inserted;
  await fast.append(streamIn('gap'), [late], 'no_stream'); // global_position 2, commits first

  const naiveRead = (checkpoint: number) =>
    pool.query<{ global_position: string }>(
      'SELECT global_position FROM events WHERE global_position > $1 ORDER BY 1',
      [checkpoint],
    );
  const naiveFirst = (await naiveRead(0)).rows.map((row) => Number(row.global_position));
  expect(naiveFirst).toEqual([2]);
  expect((await fast.readAll({ after: START, limit: 10 })).events).toEqual([]);
  expect((await fast.feedLag()).pendingEvents).toBe(1);

  release();
  await slowAppend;
  expect((await naiveRead(Math.max(...naiveFirst))).rows).toEqual([]); // event 1 is lost to this reader
  await eventually(async () => {
    const { events } = await fast.readAll({ after: START, limit: 10 });
    expect(events.map((event) => event.id)).toEqual([early.id, late.id]);
  });
});

test('trap 2: a failed expected revision draws no global_position', async () => {
  const store = await open();
  const stream = streamIn('seq');
  await store.append(stream, [newEvent()], 'no_stream');
  await expect(store.append(stream, [newEvent()], 'no_stream')).rejects.toThrow('expected revision');
  await expect(store.append(stream, [newEvent()], 7)).rejects.toThrow('expected revision');
  await store.append(stream, [newEvent()], 0);
  const { rows } = await store.pool.query('SELECT global_position FROM events ORDER BY 1');
  expect(rows.map((row: { global_position: string }) => Number(row.global_position))).toEqual([1, 2]);
});

test('an append is one statement, one round trip to the server (one event, and several)', async () => {
  const store = await open();
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
    if (!text.includes('pg_notify')) sent.push(text); // the wake-up after commit is not part of the append
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await store.append(streamIn('rt'), [newEvent()], 'no_stream');
    await store.append(streamIn('rt'), [newEvent(), newEvent(), newEvent()], 'any');
  } finally {
    pg.Client.prototype.query = original;
  }
  expect(sent).toHaveLength(2);
});

test('the head is the newest event when transaction ids cross a power of ten (compared as numbers)', async () => {
  const store = await open();
  const stream = streamIn('digits');
  for (let revision = 0; revision < 4; revision += 1)
    await store.append(stream, [newEvent()], revision === 0 ? 'no_stream' : revision - 1);
  // Transaction ids 8 to 11, all long finished: as text '9' sorts after '11'.
  await store.pool.query('UPDATE events SET transaction_id = (7 + global_position)::text::xid8');
  const feed = (await store.readAll({ after: START, limit: 10 })).events;
  expect(feed.map((event) => event.position)).toEqual(['8/1', '9/2', '10/3', '11/4']);
  expect(await store.headPosition()).toBe('11/4');
  expect(await store.committedHeadPosition()).toBe('11/4');
});

test('the committed head includes events the feed holds back behind an older open transaction', async () => {
  const store = await open();
  const visible = await store.append(streamIn('held'), [newEvent()], 'no_stream');
  await eventually(async () => expect(await store.headPosition()).toBe(visible.position));
  const holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_current_xact_id()');
    const held = await store.append(streamIn('held'), [newEvent()], 'no_stream');
    expect(await store.headPosition()).toBe(visible.position);
    expect(await store.committedHeadPosition()).toBe(held.position);
  } finally {
    await holder.end();
  }
});

test('trap 3: another process is woken by NOTIFY, not by its (long) poll interval', async () => {
  const subscriber = await open({ pollIntervalMs: 60_000 });
  const writer = await open();
  const abort = new AbortController();
  const following = take(subscriber.subscribeAll({ signal: abort.signal }), 1, 5000);
  await sleep(300); // caught up (empty) and waiting on LISTEN
  const event = newEvent();
  const started = Date.now();
  await writer.append(streamIn('wake'), [event], 'no_stream');
  expect((await following).map((e) => e.id)).toEqual([event.id]);
  expect(Date.now() - started).toBeLessThan(3000);
  abort.abort();
});

test('trap 3: a subscription keeps polling when the feed is held back after a wake-up', async () => {
  const store = await open({ pollIntervalMs: 100 });
  const holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_current_xact_id()'); // an older open transaction: xmin stays below the next append
  const abort = new AbortController();
  const following = take(store.subscribeAll({ signal: abort.signal }), 1, 5000);
  const event = newEvent();
  await store.append(streamIn('held'), [event], 'no_stream'); // wakes the subscriber, which reads nothing yet
  await sleep(300);
  await holder.query('COMMIT');
  await holder.end();
  expect((await following).map((e) => e.id)).toEqual([event.id]);
  abort.abort();
});

test('trap 4: connections end an idle transaction after the configured timeout', async () => {
  const store = await open({ idleInTransactionTimeoutMs: 200 });
  const client = await store.pool.connect();
  client.on('error', () => undefined);
  await client.query('BEGIN');
  await client.query('SELECT pg_current_xact_id()');
  await sleep(600);
  await expect(client.query('SELECT 1')).rejects.toThrow();
  client.release(true);
});

test('trap 4: a pool made elsewhere gets the timeout too, and is not ended by close()', async () => {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const store = await open({ pool, connectionString: undefined, idleInTransactionTimeoutMs: 1234 });
  const { rows } = await pool.query<{ idle_in_transaction_session_timeout: string }>(
    'SHOW idle_in_transaction_session_timeout',
  );
  expect(rows[0]!.idle_in_transaction_session_timeout).toBe('1234ms');
  await store.close();
  expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  await pool.end();
});

test('feedLag reports committed events the feed cannot show yet', async () => {
  const store = await open();
  await store.append(streamIn('lag'), [newEvent()], 'no_stream');
  await eventually(async () =>
    expect(await store.feedLag()).toMatchObject({ pendingEvents: 0, oldestPendingAgeMs: 0 }),
  );
  const holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_current_xact_id()');
  await store.append(streamIn('lag'), [newEvent()], 'no_stream');
  const lag = await store.feedLag();
  expect(lag.pendingEvents).toBe(1);
  expect(store.comparePositions(lag.head, START)).toBe(1);
  await holder.query('ROLLBACK');
  await holder.end();
});
