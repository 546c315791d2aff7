export interface TokenBucketOptions {
  /** Requests a caller may send at once after being idle: the bucket's size. */
  burst: number;
  /** Tokens added back per second: the sustained rate. */
  perSecond: number;
  /** Callers remembered at most; see take(). */
  maxKeys: number;
}

export type TakeOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per caller, in this process's memory: each request takes a token, tokens come
 * back at `perSecond` up to `burst`. With several API instances each keeps its own buckets, so
 * the limit a caller meets is per instance (a load balancer spreading them multiplies it).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly nowMs: () => number = Date.now,
  ) {}

  take(key: string): TakeOutcome {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    // Map order is least recently used first: re-inserting keeps the active callers at the end.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.forgetBeyondCapacity();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.options.burst, at: now };
    const elapsedSeconds = Math.max(0, now - bucket.at) / 1000;
    return { tokens: Math.min(this.options.burst, bucket.tokens + elapsedSeconds * this.options.perSecond), at: now };
  }

  /**
   * Rotating through made-up tokens or addresses must not grow memory without bound: past
   * `maxKeys` the least recently seen callers are forgotten. A caller idle long enough to have a
   * full bucket loses nothing by it; only a flood of more than `maxKeys` distinct callers can
   * make one that is still throttled start over.
   */
  private forgetBeyondCapacity(): void {
    const excess = this.buckets.size - this.options.maxKeys;
    if (excess <= 0) return;
    const oldest = this.buckets.keys();
    for (let index = 0; index < excess; index++) this.buckets.delete(oldest.next().value!);
  }
}
