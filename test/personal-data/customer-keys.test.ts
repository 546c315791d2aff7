/**
 * The customer keys on PostgreSQL: one live key per customer even under concurrent first use,
 * wrapped by the master key at rest, erased for good, and dropped from every process's cache when
 * any process forgets the customer.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { eventually } from '../read-models/support/read-model-database.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { masterKeyOf } from '../../libs/platform/src/personal-data/master-key.js';
import { PostgresCustomerKeys } from '../../libs/platform/src/personal-data/postgres-customer-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const masterKey = masterKeyOf(randomBytes(32).toString('base64'));
let database: TestDatabase;
let pool: pg.Pool;
const opened: PostgresCustomerKeys[] = [];

function keyRing(
  options: { cacheSize?: number; master?: typeof masterKey; eventsOnSameServer?: boolean } = {},
): PostgresCustomerKeys {
  const keys = new PostgresCustomerKeys({
    pool,
    masterKey: options.master ?? masterKey,
    cacheSize: options.cacheSize ?? 100,
    eventsOnSameServer: options.eventsOnSameServer,
  });
  opened.push(keys);
  return keys;
}

beforeAll(async () => {
  database = await createTestDatabase('keys');
  await runMigrations(database.url, productMigrations);
  pool = new pg.Pool({ connectionString: database.url, max: 10 });
  // pool.end() can resolve before the server has ended a session, which the drop then cuts.
  pool.on('error', () => undefined);
});
afterAll(async () => {
  for (const keys of opened) await keys.close();
  await pool.end();
  await database.drop();
});

describe('customer keys on PostgreSQL', () => {
  test('concurrent first uses by two processes end with one live key for the customer', async () => {
    const [a, b] = [keyRing({ eventsOnSameServer: true }), keyRing()];
    const keys = await Promise.all([...Array(10)].map((_, i) => (i % 2 ? a : b).keyForWriting('cust-race')));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM customer_keys WHERE customer_id = $1', [
      'cust-race',
    ]);
    expect(rows[0].n).toBe(1);
  });

  test('the table holds the key wrapped by the master key, never the key itself', async () => {
    const key = await keyRing().keyForWriting('cust-wrapped');
    const { rows } = await pool.query('SELECT wrapped_key, master_key_id FROM customer_keys WHERE key_id = $1', [
      key.id,
    ]);
    const secret = key.secret;
    expect(rows[0].master_key_id).toBe(masterKey.id);
    expect(rows[0].wrapped_key).toMatch(new RegExp(`^enc:v1:aes-256-gcm:${masterKey.id}:`));
    for (const encoding of ['base64', 'hex', 'base64url'] as const) {
      expect(rows[0].wrapped_key).not.toContain(secret.toString(encoding));
    }
    const [[, read]] = [...(await keyRing().keysForReading([key.id]))];
    expect(typeof read === 'object' && read.secret.equals(secret)).toBe(true);
  });

  test('an erased key reads as erased, an unknown id is absent, and the customer gets a new key', async () => {
    const keys = keyRing();
    const key = await keys.keyForWriting('cust-gone');
    expect(await keys.erase('cust-gone', await keys.liveKeyIds('cust-gone'), 'admin-1')).toEqual([key.id]);
    const found = await keyRing().keysForReading([key.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']);
    expect([...found]).toEqual([[key.id, 'erased']]);
    const { rows } = await pool.query('SELECT wrapped_key, erased_by FROM customer_keys WHERE key_id = $1', [key.id]);
    expect(rows[0]).toEqual({ wrapped_key: null, erased_by: 'admin-1' });
    const next = await keys.keyForWriting('cust-gone');
    expect(next.id).not.toBe(key.id);
    expect(await keys.erase('cust-gone', [key.id], 'admin-1')).toEqual([]);
  });

  test('another process drops its cached key as soon as the customer is forgotten', async () => {
    const [writer, reader] = [keyRing(), keyRing()];
    const key = await writer.keyForWriting('cust-cached');
    expect((await reader.keysForReading([key.id])).get(key.id)).toMatchObject({ id: key.id });
    expect((await reader.keyForWriting('cust-cached')).id).toBe(key.id); // now cached in the reader
    await writer.erase('cust-cached', [key.id], 'admin-1');
    await eventually(async () => (await reader.keysForReading([key.id])).get(key.id) === 'erased', 'the erasure');
    expect((await reader.keyForWriting('cust-cached')).id).not.toBe(key.id);
  });

  test('a process started with another master key refuses to start', async () => {
    await keyRing().keyForWriting('cust-master');
    const other = keyRing({ master: masterKeyOf(randomBytes(32).toString('hex')) });
    await expect(other.assertMasterKey()).rejects.toThrow(/is not the key that wrapped/);
    await expect(keyRing().assertMasterKey()).resolves.toBeUndefined();
  });
});
