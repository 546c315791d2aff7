import type pg from 'pg';

/**
 * Sends the NOTIFY that wakes other processes' subscriptions, after the append has committed and
 * outside its transaction. Why not pg_notify inside the append: PostgreSQL serialises the commits of
 * all notifying transactions on one database-wide lock, which cost 40-60 % of append throughput at 8
 * writers (measured, see the bench). A notify is only a wake-up (trap 3), so one per `intervalMs`
 * carries the same information: the first append after a quiet spell notifies at once, later ones
 * within the interval share one trailing notify. Losing one (crash, error) only delays readers to
 * their next poll.
 */
export class ThrottledNotifier {
  private busy = false;
  private pending = false;
  private stopped = false;
  private cycle: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private wakeTimer: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly intervalMs: number,
  ) {}

  poke(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.pending = true;
      return;
    }
    this.busy = true;
    this.cycle = this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wakeTimer?.();
    await this.cycle;
  }

  private async run(): Promise<void> {
    do {
      this.pending = false;
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, '']).catch(() => undefined);
      await this.pause();
    } while (this.pending && !this.stopped);
    this.busy = false;
  }

  private pause(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakeTimer = resolve;
      this.timer = setTimeout(resolve, this.intervalMs);
    });
  }
}
