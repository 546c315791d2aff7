/**
 * keysForWriting, the customer keys of a whole batch (the CSV import): one round trip for the
 * customers not cached, each customer's existing live key kept, new ones created, and one live key
 * per customer when batches race.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { masterKeyOf } from '../../libs/platform/src/personal-data/master-key.js';
import { PostgresCustomerKeys } from '../../libs/platform/src/personal-data/postgres-customer-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const masterKey = masterKeyOf(randomBytes(32).toString('base64'));
let database: TestDatabase;
let pool: pg.Pool;
const opened: PostgresCustomerKeys[] = [];

function keyRing(): PostgresCustomerKeys {
  const keys = new PostgresCustomerKeys({ pool, masterKey, cacheSize: 1000 });
  opened.push(keys);
  return keys;
}

/** How many times `work` takes a connection from the pool: its round trips, one statement each. */
async function roundTrips(work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const counted = () => count++;
  pool.on('acquire', counted);
  try {
    await work();
    return count;
  } finally {
    pool.off('acquire', counted);
  }
}

const liveKeys = async (customers: string[]): Promise<number> =>
  (
    await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customer_keys WHERE customer_id = ANY($1) AND erased_at IS NULL',
      [customers],
    )
  ).rows[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase('keys_batch');
  await runMigrations(database.url, productMigrations);
  pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on('error', () => undefined); // an idle connection ended by the server: the pool replaces it
});
afterAll(async () => {
  for (const keys of opened) await keys.close();
  await pool.end();
  await database.drop();
});

test('one round trip answers every customer of a batch: live keys kept, missing ones created', async () => {
  const existing = await keyRing().keyForWriting('batch-1');
  const keys = keyRing();
  let found!: ReadonlyMap<string, { id: string; secret: Buffer }>;
  expect(
    await roundTrips(async () => (found = await keys.keysForWriting(['batch-1', 'batch-2', 'batch-3', 'batch-2']))),
  ).toBe(1);
  expect([...found.keys()].sort()).toEqual(['batch-1', 'batch-2', 'batch-3']);
  expect(found.get('batch-1')!.id).toBe(existing.id);
  expect(found.get('batch-1')!.secret.equals(existing.secret)).toBe(true);
  expect(await liveKeys(['batch-1', 'batch-2', 'batch-3'])).toBe(3);
  // Another process reads the new keys back, unwrapped by the master key.
  const elsewhere = await keyRing().keyForWriting('batch-2');
  expect(elsewhere.id).toBe(found.get('batch-2')!.id);
  expect(elsewhere.secret.equals(found.get('batch-2')!.secret)).toBe(true);
  // Now cached: asking again costs no round trip.
  expect(await roundTrips(() => keys.keysForWriting(['batch-3', 'batch-1']))).toBe(0);
});

test('two batches naming the same new customers in opposite orders both finish, with one live key per customer', async () => {
  // Each batch stops on a customer of its own first, so both are under way before either commits;
  // inserted in the order given, each would then hold a key the other needs next (a deadlock).
  await pool.query(`CREATE FUNCTION pause_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.customer_id LIKE 'a-pause-%' THEN PERFORM pg_sleep(0.4); END IF; RETURN NEW; END $$`);
  await pool.query(
    'CREATE TRIGGER pause_keys BEFORE INSERT ON customer_keys FOR EACH ROW EXECUTE FUNCTION pause_keys()',
  );
  try {
    const answers = await Promise.all([
      keyRing().keysForWriting(['k-1', 'a-pause-1', 'k-2']),
      keyRing().keysForWriting(['k-2', 'a-pause-2', 'k-1']),
    ]);
    for (const customer of ['k-1', 'k-2']) expect(answers[0].get(customer)!.id).toBe(answers[1].get(customer)!.id);
    expect(await liveKeys(['k-1', 'k-2', 'a-pause-1', 'a-pause-2'])).toBe(4);
  } finally {
    await pool.query('DROP TRIGGER pause_keys ON customer_keys; DROP FUNCTION pause_keys()');
  }
});

test('a forgotten customer in a batch gets a new key, the others keep theirs', async () => {
  const keys = keyRing();
  const first = await keys.keysForWriting(['gone-1', 'kept-1']);
  await keys.erase('gone-1', [first.get('gone-1')!.id], 'admin-1');
  const again = await keys.keysForWriting(['gone-1', 'kept-1']);
  expect(again.get('gone-1')!.id).not.toBe(first.get('gone-1')!.id);
  expect(again.get('kept-1')!.id).toBe(first.get('kept-1')!.id);
});
