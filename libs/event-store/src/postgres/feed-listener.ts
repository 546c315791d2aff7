import pg from 'pg';
import type { Wakeup } from '../subscription.js';

/**
 * One LISTEN connection per store, shared by all its subscriptions. A notification only wakes them
 * (trap 3). If the connection fails, subscriptions keep polling and the next wait reconnects.
 */
export class FeedListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly wakeup: Wakeup,
  ) {}

  /** Never throws: a subscription must not die because the wake-up channel is down. */
  async ensureListening(): Promise<void> {
    if (this.client || this.closed) return;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    await this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.on('notification', () => this.wakeup.notify());
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
      if (this.closed) throw new Error('closed');
      this.client = client;
      // Rows committed while we were not listening must not wait for the next poll.
      this.wakeup.notify();
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
  }
}
