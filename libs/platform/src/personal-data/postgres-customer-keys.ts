import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CustomerKeys, DataKey, KeyForReading } from '#event-store';
import { openValue, sealValue } from '#event-store/personal-data/envelope';
import { ERASURE_CHANNEL, ErasureListener } from './erasure-listener.js';
import { KeyCache } from './key-cache.js';
import type { MasterKey } from './master-key.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PostgresCustomerKeysOptions {
  pool: pg.Pool;
  masterKey: MasterKey;
  /** Keys kept unwrapped in memory; PERSONAL_DATA_KEY_CACHE_SIZE. */
  cacheSize: number;
  /**
   * The events are appended to this same PostgreSQL server (EVENT_STORE=postgres). A new key then
   * commits without waiting for its own WAL flush: the append that uses it commits after it, and
   * that commit's flush covers the key's earlier WAL record, so an acknowledged event never
   * outlives its key in a crash. It saves one disk flush per new customer at intake. With another
   * event store the key's commit is flushed as usual.
   */
  eventsOnSameServer?: boolean;
}

interface KeyRow {
  key_id: string;
  customer_id: string;
  wrapped_key: string | null;
}

/**
 * The customer keys in PostgreSQL (`customer_keys`), each wrapped by the master key, with an
 * in-memory cache that the erasure notification keeps honest across processes.
 */
export class PostgresCustomerKeys implements CustomerKeys {
  private readonly cache: KeyCache;
  private readonly listener: ErasureListener;
  private readonly pool: pg.Pool;
  /** Where new keys are written: `pool`, or a small pool without synchronous commit (eventsOnSameServer). */
  private readonly writes: pg.Pool;
  private readonly master: DataKey;

  constructor(private readonly options: PostgresCustomerKeysOptions) {
    this.pool = options.pool;
    this.writes = options.eventsOnSameServer ? asynchronousCommitPool(options.pool) : options.pool;
    this.cache = new KeyCache(options.cacheSize);
    this.master = { id: options.masterKey.id, customerId: '', secret: options.masterKey.secret };
    this.listener = new ErasureListener(
      { ...options.pool.options },
      (customerId) => this.cache.forget(customerId),
      () => this.cache.clear(),
    );
  }

  async keyForWriting(customerId: string): Promise<DataKey> {
    const trusted = await this.listener.ensureListening();
    const cached = trusted ? this.cache.liveKeyOf(customerId) : undefined;
    if (cached) return cached;
    const since = this.cache.generation;
    for (let attempt = 0; attempt < 3; attempt++) {
      const key = await this.liveOrNewKey(customerId);
      if (!key) continue; // another process's key committed while ours was refused: read it next time
      if (trusted) this.cache.remember(key.id, key, since);
      return key;
    }
    throw new Error(`Could not create or read the live key of customer ${customerId}`);
  }

  /** keyForWriting for many customers (bulk writes: the CSV import): one round trip for all that are not cached. */
  async keysForWriting(customerIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>> {
    const trusted = await this.listener.ensureListening();
    const found = new Map<string, DataKey>();
    let missing = [...new Set(customerIds)].filter((customerId) => {
      const cached = trusted ? this.cache.liveKeyOf(customerId) : undefined;
      if (cached) found.set(customerId, cached);
      return !cached;
    });
    const since = this.cache.generation;
    // A customer missing from an answer lost a race to another process's new key: read it next time.
    for (let attempt = 0; attempt < 3 && missing.length > 0; attempt++) {
      for (const key of await this.liveOrNewKeys(missing)) {
        found.set(key.customerId, key);
        if (trusted) this.cache.remember(key.id, key, since);
      }
      missing = missing.filter((customerId) => !found.has(customerId));
    }
    if (missing.length > 0)
      throw new Error(`Could not create or read the live keys of customers ${missing.join(', ')}`);
    return found;
  }

  async keysForReading(keyIds: readonly string[]): Promise<ReadonlyMap<string, KeyForReading>> {
    const trusted = await this.listener.ensureListening();
    const found = new Map<string, KeyForReading>();
    const missing: string[] = [];
    for (const keyId of keyIds) {
      const cached = this.cache.byId(keyId);
      // An erased key never comes back, so that answer holds even while notifications may be missed.
      if (cached === 'erased' || (trusted && cached)) found.set(keyId, cached);
      else if (UUID.test(keyId)) missing.push(keyId);
    }
    if (missing.length === 0) return found;
    const since = this.cache.generation;
    const { rows } = await this.pool.query<KeyRow>({
      name: 'customer-keys-by-id',
      text: 'SELECT key_id, customer_id, wrapped_key FROM customer_keys WHERE key_id = ANY($1::uuid[])',
      values: [missing],
    });
    for (const row of rows) {
      const entry = row.wrapped_key === null ? 'erased' : this.unwrapForReading(row);
      if (!entry) continue;
      found.set(row.key_id, entry);
      if (trusted || entry === 'erased') this.cache.remember(row.key_id, entry, since);
    }
    return found;
  }

  /** The ids of the customer's keys not erased yet (at most one). */
  async liveKeyIds(customerId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ key_id: string }>(
      'SELECT key_id FROM customer_keys WHERE customer_id = $1 AND erased_at IS NULL',
      [customerId],
    );
    return rows.map((row) => row.key_id);
  }

  /**
   * Crypto-shredding: drops the wrapped keys (the rows stay, marked erased) and tells every process
   * to drop them from its cache, in one transaction. Returns the ids it erased.
   */
  async erase(customerId: string, keyIds: readonly string[], erasedBy: string): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ key_id: string }>(
        `UPDATE customer_keys SET wrapped_key = NULL, erased_at = now(), erased_by = $3
          WHERE customer_id = $1 AND key_id = ANY($2::uuid[]) AND erased_at IS NULL
          RETURNING key_id`,
        [customerId, keyIds, erasedBy],
      );
      await client.query('SELECT pg_notify($1, $2)', [ERASURE_CHANNEL, customerId]);
      await client.query('COMMIT');
      const erased = rows.map((row) => row.key_id);
      this.cache.forget(customerId, erased);
      return erased;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Refuses a master key other than the one that wrapped the live keys: starting with it would make
   * every customer's data unreadable and every new intake unwritable.
   */
  async assertMasterKey(): Promise<void> {
    // A connection of its own, closed after: a service that refuses to start leaves none open behind it.
    const client = await this.pool.connect();
    let rows: { master_key_id: string }[];
    try {
      ({ rows } = await client.query<{ master_key_id: string }>(
        'SELECT master_key_id FROM customer_keys WHERE wrapped_key IS NOT NULL AND master_key_id <> $1 LIMIT 1',
        [this.master.id],
      ));
    } finally {
      client.release(true);
    }
    if (rows.length > 0) {
      throw new Error(
        `PERSONAL_DATA_MASTER_KEY (fingerprint ${this.master.id}) is not the key that wrapped the customer keys ` +
          `in this database (fingerprint ${rows[0]!.master_key_id}): configure that one`,
      );
    }
  }

  async close(): Promise<void> {
    await this.listener.close();
    if (this.writes !== this.pool) await this.writes.end();
  }

  /**
   * The customer's live key, or a new one: one round trip either way. Undefined when another
   * process's new key won the race after this statement's snapshot (the unique index refused ours).
   */
  private async liveOrNewKey(customerId: string): Promise<DataKey | undefined> {
    const key: DataKey = { id: randomUUID(), customerId, secret: randomBytes(32) };
    const wrapped = sealValue(key.secret.toString('base64'), this.master, wrapContext(key.id, customerId));
    // Named: each connection parses and plans it once, not on every new customer.
    const { rows } = await this.writes.query<KeyRow>({
      name: 'customer-keys-live-or-new',
      text: LIVE_OR_NEW_KEY,
      values: [key.id, customerId, wrapped, this.master.id],
    });
    if (!rows[0]) return undefined;
    return rows[0].key_id === key.id ? key : this.unwrap(rows[0]);
  }

  /** liveOrNewKey for many customers in one statement; those whose new key lost a race are left out. */
  private async liveOrNewKeys(customerIds: readonly string[]): Promise<DataKey[]> {
    const created = customerIds.map((customerId): DataKey => ({
      id: randomUUID(),
      customerId,
      secret: randomBytes(32),
    }));
    const wrapped = created.map((key) =>
      sealValue(key.secret.toString('base64'), this.master, wrapContext(key.id, key.customerId)),
    );
    const { rows } = await this.writes.query<KeyRow>({
      name: 'customer-keys-live-or-new-many',
      text: LIVE_OR_NEW_KEYS,
      values: [created.map((key) => key.id), customerIds, wrapped, this.master.id],
    });
    const ours = new Map(created.map((key) => [key.id, key]));
    return rows.map((row) => ours.get(row.key_id) ?? this.unwrap(row));
  }

  private unwrap(row: KeyRow): DataKey {
    const bytes = openValue(row.wrapped_key!, this.master, wrapContext(row.key_id, row.customer_id));
    return {
      id: row.key_id,
      customerId: row.customer_id,
      secret: Buffer.from(String(bytes), 'base64'),
    };
  }

  /** A key this master key cannot unwrap reads as absent (the values show as unreadable), never as a crash. */
  private unwrapForReading(row: KeyRow): DataKey | undefined {
    try {
      return this.unwrap(row);
    } catch {
      return undefined;
    }
  }
}

const LIVE_OR_NEW_KEY = `
  WITH live AS (
    SELECT key_id, customer_id, wrapped_key FROM customer_keys WHERE customer_id = $2 AND erased_at IS NULL
  ), created AS (
    INSERT INTO customer_keys (key_id, customer_id, wrapped_key, master_key_id)
    SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT FROM live)
    ON CONFLICT (customer_id) WHERE erased_at IS NULL DO NOTHING
    RETURNING key_id, customer_id, wrapped_key
  )
  SELECT key_id, customer_id, wrapped_key FROM created
  UNION ALL
  SELECT key_id, customer_id, wrapped_key FROM live`;

/** LIVE_OR_NEW_KEY for arrays of customers; new keys inserted in customer order, so concurrent batches cannot deadlock. */
const LIVE_OR_NEW_KEYS = `
  WITH live AS (
    SELECT key_id, customer_id, wrapped_key FROM customer_keys
     WHERE customer_id = ANY ($2::text[]) AND erased_at IS NULL
  ), created AS (
    INSERT INTO customer_keys (key_id, customer_id, wrapped_key, master_key_id)
    SELECT w.key_id, w.customer_id, w.wrapped_key, $4
      FROM unnest($1::uuid[], $2::text[], $3::text[]) AS w(key_id, customer_id, wrapped_key)
     WHERE NOT EXISTS (SELECT FROM live l WHERE l.customer_id = w.customer_id)
     ORDER BY w.customer_id
    ON CONFLICT (customer_id) WHERE erased_at IS NULL DO NOTHING
    RETURNING key_id, customer_id, wrapped_key
  )
  SELECT key_id, customer_id, wrapped_key FROM created
  UNION ALL
  SELECT key_id, customer_id, wrapped_key FROM live`;

function asynchronousCommitPool(pool: pg.Pool): pg.Pool {
  const settings = [pool.options.options, '-c synchronous_commit=off'].filter(Boolean).join(' ');
  const writes = new pg.Pool({ ...pool.options, max: 4, options: settings });
  writes.on('error', () => undefined); // an idle client died; the pool replaces it
  return writes;
}

/** A wrapped key is bound to its row: moved to another key id or customer, it does not unwrap. */
function wrapContext(keyId: string, customerId: string) {
  return { customerId, field: `data-key:${keyId}` };
}
