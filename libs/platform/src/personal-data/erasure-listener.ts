import pg from 'pg';

export const ERASURE_CHANNEL = 'customer_keys_erased';
const RECONNECT_INTERVAL_MS = 1000;

/**
 * LISTENs for customers forgotten by any process (the payload is the customer id), so each
 * process's key cache drops their keys at once. While the connection is down nothing cached can be
 * trusted: `ensureListening` says so, and every (re)connection first clears the cache, because
 * notifications sent meanwhile are lost.
 */
export class ErasureListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private lastAttempt = 0;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onErased: (customerId: string) => void,
    private readonly onUntrusted: () => void,
  ) {}

  /** Whether the cache may be trusted now; tries to (re)connect at most once a second. Never throws. */
  async ensureListening(): Promise<boolean> {
    if (this.client) return true;
    if (this.closed) return false;
    if (!this.connecting && Date.now() - this.lastAttempt >= RECONNECT_INTERVAL_MS) {
      this.lastAttempt = Date.now();
      this.connecting = this.connect().finally(() => (this.connecting = undefined));
    }
    await this.connecting;
    return this.client !== undefined;
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
    client.on('notification', (message) => {
      if (message.channel === ERASURE_CHANNEL && message.payload) this.onErased(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ERASURE_CHANNEL}`);
      if (this.closed) throw new Error('closed');
      this.onUntrusted();
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.onUntrusted();
  }
}
