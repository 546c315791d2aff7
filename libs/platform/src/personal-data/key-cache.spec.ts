import { randomBytes } from 'node:crypto';
import type { DataKey } from '#event-store';
import { KeyCache } from './key-cache.js';

const keyOf = (id: string, customerId: string): DataKey => ({
  id,
  customerId,
  secret: randomBytes(32),
});

describe('KeyCache', () => {
  test('it holds at most its capacity, dropping the least recently used first', () => {
    const cache = new KeyCache(2);
    cache.remember('k1', keyOf('k1', 'c1'), cache.generation);
    cache.remember('k2', keyOf('k2', 'c2'), cache.generation);
    expect(cache.byId('k1')).toBeDefined(); // k1 is now the most recently used
    cache.remember('k3', keyOf('k3', 'c3'), cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.byId('k2')).toBeUndefined();
    expect(cache.liveKeyOf('c2')).toBeUndefined();
    expect(cache.liveKeyOf('c1')?.id).toBe('k1');
  });

  test('forgetting a customer drops their keys and remembers the erased ones as erased', () => {
    const cache = new KeyCache(10);
    cache.remember('k1', keyOf('k1', 'c1'), cache.generation);
    cache.remember('k2', keyOf('k2', 'c2'), cache.generation);
    cache.forget('c1', ['k1']);
    expect(cache.liveKeyOf('c1')).toBeUndefined();
    expect(cache.byId('k1')).toBe('erased');
    expect(cache.liveKeyOf('c2')?.id).toBe('k2');
  });

  test('a lookup that began before an erasure does not cache what it read', () => {
    const cache = new KeyCache(10);
    const since = cache.generation;
    cache.forget('c1'); // the notification arrives while the lookup's query is in flight
    cache.remember('k1', keyOf('k1', 'c1'), since);
    expect(cache.byId('k1')).toBeUndefined();
    expect(cache.liveKeyOf('c1')).toBeUndefined();
  });

  test('clearing drops everything and invalidates lookups in flight', () => {
    const cache = new KeyCache(10);
    cache.remember('k1', keyOf('k1', 'c1'), cache.generation);
    const since = cache.generation;
    cache.clear();
    cache.remember('k2', keyOf('k2', 'c2'), since);
    expect(cache.size).toBe(0);
  });
});
