import type { DataKey, KeyForReading } from '#event-store';

/**
 * Unwrapped customer keys in memory, bounded (least recently used go first), so that writing and
 * reading a known customer costs no database round trip. Entries are invalidated when a customer
 * is forgotten — here at once, in other processes on the erasure notification.
 *
 * `generation` moves on every invalidation: a lookup that began before one must not cache what it
 * read (the row may have been erased after it was read), see `remember`.
 */
export class KeyCache {
  private readonly entries = new Map<string, KeyForReading>();
  private readonly liveByCustomer = new Map<string, string>();
  generation = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  byId(keyId: string): KeyForReading | undefined {
    const entry = this.entries.get(keyId);
    if (entry !== undefined) this.touch(keyId, entry);
    return entry;
  }

  liveKeyOf(customerId: string): DataKey | undefined {
    const keyId = this.liveByCustomer.get(customerId);
    const entry = keyId === undefined ? undefined : this.byId(keyId);
    return typeof entry === 'object' ? entry : undefined;
  }

  /** Caches what a lookup found, unless an invalidation happened since it began (`since`). */
  remember(keyId: string, entry: KeyForReading, since: number): void {
    if (since !== this.generation) return;
    this.touch(keyId, entry);
    if (typeof entry === 'object') this.liveByCustomer.set(entry.customerId, keyId);
    while (this.entries.size > this.capacity) this.evict(this.entries.keys().next().value!);
  }

  /** The customer was forgotten: their keys read as erased from now on (an erased key never comes back). */
  forget(customerId: string, erasedKeyIds: readonly string[] = []): void {
    this.generation += 1;
    for (const [keyId, entry] of this.entries) {
      if (typeof entry === 'object' && entry.customerId === customerId) this.evict(keyId);
    }
    this.liveByCustomer.delete(customerId);
    for (const keyId of erasedKeyIds) this.remember(keyId, 'erased', this.generation);
  }

  /** Nothing cached can be trusted any more (notifications may have been missed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.liveByCustomer.clear();
  }

  private touch(keyId: string, entry: KeyForReading): void {
    this.entries.delete(keyId);
    this.entries.set(keyId, entry);
  }

  private evict(keyId: string): void {
    const entry = this.entries.get(keyId);
    this.entries.delete(keyId);
    if (typeof entry === 'object' && this.liveByCustomer.get(entry.customerId) === keyId) {
      this.liveByCustomer.delete(entry.customerId);
    }
  }
}
