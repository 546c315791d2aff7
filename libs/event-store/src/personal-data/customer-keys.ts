import { randomBytes, randomUUID } from 'node:crypto';
import type { DataKey } from './envelope.js';

/** What a reader learns about a key id: the key, or that it was erased. Unknown ids are left out. */
export type KeyForReading = DataKey | 'erased';

/**
 * The per-customer keys that seal personal data. A customer has at most one live key at a time;
 * erasing it (forgetting the customer) makes every value sealed with it unreadable for good.
 */
export interface CustomerKeys {
  /** The customer's live key, created on first use. */
  keyForWriting(customerId: string): Promise<DataKey>;
  /**
   * Optional: the live keys of many customers, the missing ones created, in one lookup (bulk writes:
   * the CSV import). Where absent, keyForWriting is asked per customer.
   */
  keysForWriting?(customerIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>>;
  /** The keys with these ids; an id this database never had is absent from the answer. */
  keysForReading(keyIds: readonly string[]): Promise<ReadonlyMap<string, KeyForReading>>;
}

/** Keys held in memory: for tests and tools that never outlive their store. */
export class InMemoryCustomerKeys implements CustomerKeys {
  private readonly live = new Map<string, DataKey>();
  private readonly byId = new Map<string, KeyForReading>();

  async keyForWriting(customerId: string): Promise<DataKey> {
    let key = this.live.get(customerId);
    if (!key) {
      key = { id: randomUUID(), customerId, secret: randomBytes(32) };
      this.live.set(customerId, key);
      this.byId.set(key.id, key);
    }
    return key;
  }

  async keysForWriting(customerIds: readonly string[]): Promise<ReadonlyMap<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    for (const customerId of customerIds) keys.set(customerId, await this.keyForWriting(customerId));
    return keys;
  }

  async keysForReading(keyIds: readonly string[]): Promise<ReadonlyMap<string, KeyForReading>> {
    const found = new Map<string, KeyForReading>();
    for (const id of keyIds) {
      const key = this.byId.get(id);
      if (key) found.set(id, key);
    }
    return found;
  }

  /** Erases the customer's live key; the ids erased (none the second time). */
  async forget(customerId: string): Promise<string[]> {
    const key = this.live.get(customerId);
    if (!key) return [];
    this.live.delete(customerId);
    this.byId.set(key.id, 'erased');
    return [key.id];
  }
}
