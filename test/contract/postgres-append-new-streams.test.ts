/**
 * What only the PostgreSQL adapter's appendNewStreams has to prove beyond the contract: trap 2 (a
 * stream found there draws no global position), and that a batch losing races — to a deadlock with
 * another batch, or again and again — still ends with every stream written exactly once.
 */
import pg from 'pg';
import type { NewStream, PostgresEventStore } from '../../libs/event-store/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { events, newEvent, streamIn } from './fixtures.js';
import { emptyPostgresStore, eventStoreDatabase } from './postgres-store.js';

let database: TestDatabase;
let admin: pg.Pool;
const stores: PostgresEventStore[] = [];
const open = async (): Promise<PostgresEventStore> => {
  const store = await emptyPostgresStore(database.url);
  stores.push(store);
  return store;
};

beforeAll(async () => {
  database = await eventStoreDatabase();
  admin = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await admin.query('DROP TRIGGER IF EXISTS events_test_hook ON events; DROP FUNCTION IF EXISTS events_test_hook()');
});
afterAll(async () => {
  await admin.end();
  await database.drop();
});

/** A BEFORE INSERT trigger on events running `body` (PL/pgSQL) for every row. */
async function onEveryInsertedRow(body: string): Promise<void> {
  await admin.query(`CREATE FUNCTION events_test_hook() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${body} RETURN NEW; END $$`);
  await admin.query(
    'CREATE TRIGGER events_test_hook BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_test_hook()',
  );
}

const positions = async (store: PostgresEventStore): Promise<number[]> =>
  (await store.pool.query<{ p: string }>('SELECT global_position AS p FROM events ORDER BY 1')).rows.map((r) =>
    Number(r.p),
  );

const writtenBy = (outcomes: { stream: string; result: unknown }[][], stream: string): number =>
  outcomes.flat().filter((outcome) => outcome.stream === stream && outcome.result !== 'exists').length;

test('trap 2: a batch draws global positions only for the streams it writes', async () => {
  const store = await open();
  const existing = streamIn('old');
  await store.append(existing, [newEvent()], 'no_stream');
  const fresh = { stream: streamIn('new'), events: events(2) };
  await store.appendNewStreams([{ stream: existing, events: events(3) }, fresh]);
  expect(await store.appendNewStreams([{ stream: existing, events: events(2) }, fresh])).toEqual([
    { stream: existing, result: 'exists' },
    { stream: fresh.stream, result: 'exists' },
  ]);
  await store.append(streamIn('after'), [newEvent()], 'no_stream');
  expect(await positions(store)).toEqual([1, 2, 3, 4]);
});

test('two batches holding each other new streams: the server breaks the deadlock, the loser runs again', async () => {
  const store = await open();
  const [first, second] = [streamIn('shared'), streamIn('shared')];
  const [pauseA, pauseB] = [streamIn('pause'), streamIn('pause')];
  // Each batch stops after its first stream, so each holds one that the other needs next.
  await onEveryInsertedRow(`IF NEW.stream_name LIKE 'pause-%' THEN PERFORM pg_sleep(0.4); END IF;`);
  const batch = (...names: string[]): NewStream[] => names.map((stream) => ({ stream, events: events(1) }));
  const outcomes = await Promise.all([
    store.appendNewStreams(batch(first, pauseA, second)),
    store.appendNewStreams(batch(second, pauseB, first)),
  ]);
  for (const stream of [first, second, pauseA, pauseB]) expect(writtenBy(outcomes, stream)).toBe(1);
  const { rows } = await store.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM events WHERE stream_name = ANY($1)',
    [[first, second, pauseA, pauseB]],
  );
  expect(rows[0]!.n).toBe(4);
}, 20_000);

test('a batch that keeps losing races is written stream by stream, each stream once', async () => {
  const store = await open();
  await admin.query('CREATE SEQUENCE IF NOT EXISTS busy_attempts');
  // Every statement that inserts the busy stream fails as a lost race would, ten times in a row.
  await onEveryInsertedRow(`IF NEW.stream_name LIKE 'busy-%' THEN
      IF nextval('busy_attempts') <= 10 THEN
        RAISE EXCEPTION 'lost race' USING ERRCODE = 'unique_violation', CONSTRAINT = 'events_stream_revision_unique';
      END IF;
    END IF;`);
  const existing = streamIn('old');
  await store.append(existing, [newEvent()], 'no_stream');
  const batch = [streamIn('calm'), streamIn('busy'), existing, streamIn('calm')].map((stream) => ({
    stream,
    events: events(2),
  }));
  const outcomes = await store.appendNewStreams(batch);
  expect(outcomes.map((outcome) => (outcome.result === 'exists' ? 'exists' : outcome.result.nextRevision))).toEqual([
    1,
    1,
    'exists',
    1,
  ]);
  const { rows } = await admin.query<{ attempts: string }>('SELECT last_value AS attempts FROM busy_attempts');
  // Ten batch statements, each failing at the busy stream's first row; then its own append of two rows.
  expect(Number(rows[0]!.attempts)).toBe(12);
  for (const { stream, events: appended } of batch.filter((entry) => entry.stream !== existing)) {
    expect((await store.readStream(stream)).map((event) => event.id)).toEqual(appended.map((event) => event.id));
  }
});
