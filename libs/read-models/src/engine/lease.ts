import pg from 'pg';

/**
 * A per-projection lease: a session-level advisory lock held on a dedicated connection. When the
 * holder dies (even by SIGKILL) its connection closes and the server frees the lock, so a standby
 * takes over on its next try. The lease only avoids wasted work; correctness comes from the
 * checkpoint's compare-and-set, which holds even if two runners ever worked at once.
 */
export class ProjectionLease {
  private client?: pg.Client;
  private lost = false;

  constructor(
    private readonly connection: pg.ClientConfig,
    readonly key: string,
  ) {}

  /** True once held. A connection failure while held marks the lease lost (see `held`). */
  async tryAcquire(): Promise<boolean> {
    if (this.client && !this.lost) return true;
    await this.release();
    const client = new pg.Client(this.connection);
    client.on('error', () => {
      this.lost = true;
    });
    await client.connect();
    const { rows } = await client.query<{ acquired: boolean }>(
      `SELECT pg_try_advisory_lock(hashtextextended('projection:' || $1, 0)) AS acquired`,
      [this.key],
    );
    if (!rows[0]?.acquired) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    this.lost = false;
    return true;
  }

  get held(): boolean {
    return Boolean(this.client) && !this.lost;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Ending the session frees the lock; no explicit unlock needed.
    if (client) await client.end().catch(() => undefined);
  }
}

/** The pool's connection settings, for a client of its own. */
export function connectionOf(pool: pg.Pool): pg.ClientConfig {
  const { max: _max, idleTimeoutMillis: _idle, ...connection } = pool.options as pg.PoolConfig;
  return connection;
}
