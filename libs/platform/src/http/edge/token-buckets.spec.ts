import { TokenBuckets } from './token-buckets.js';

function bucketsAt(start = 0, options = { burst: 3, perSecond: 2, maxKeys: 100 }) {
  const clock = { now: start };
  return { clock, buckets: new TokenBuckets(options, () => clock.now) };
}

describe('a token bucket per caller', () => {
  test('a caller may send a burst, then waits for tokens to come back at the sustained rate', () => {
    const { clock, buckets } = bucketsAt();
    for (let n = 0; n < 3; n++) expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 500; // one token back at 2 per second
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a').allowed).toBe(false);
  });

  test('Retry-After is the whole seconds until a token is back', () => {
    const { buckets } = bucketsAt(0, { burst: 1, perSecond: 0.2, maxKeys: 10 });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  test('refused requests do not dig the bucket deeper', () => {
    const { clock, buckets } = bucketsAt();
    for (let n = 0; n < 50; n++) buckets.take('a');
    clock.now += 500;
    expect(buckets.take('a').allowed).toBe(true);
  });

  test('one caller spending its tokens leaves every other caller untouched', () => {
    const { buckets } = bucketsAt();
    for (let n = 0; n < 10; n++) buckets.take('a');
    expect(buckets.take('b')).toEqual({ allowed: true });
  });

  test('an idle bucket never holds more than the burst', () => {
    const { clock, buckets } = bucketsAt();
    buckets.take('a');
    clock.now += 3_600_000;
    for (let n = 0; n < 3; n++) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  test('memory is bounded: past maxKeys the least recently seen callers are forgotten', () => {
    const { buckets } = bucketsAt(0, { burst: 1, perSecond: 1, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    buckets.take('a'); // a is now the most recently seen
    buckets.take('d');
    expect(buckets.size).toBe(3);
    // b was forgotten (a fresh bucket), a was kept (still empty).
    expect(buckets.take('b').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });
});
