import type { FeedFilter, Position, ReadAllResult, RecordedEvent, SubscribeOptions } from './port.js';
import { START } from './port.js';

/**
 * A wake-up signal with a version counter. Readers note the version before they read; if it moved by
 * the time they would wait, they read again at once instead of sleeping through a wake-up.
 */
export class Wakeup {
  private counter = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.counter;
  }

  notify(): void {
    this.counter += 1;
    for (const resolve of [...this.waiters]) resolve();
  }

  /** Resolves on a notify after `since`, after `timeoutMs`, or when `signal` aborts, whichever is first. */
  wait(since: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.counter !== since || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

export interface PollingFeed {
  readAll(options: { after: Position; limit: number; filter?: FeedFilter }): Promise<ReadAllResult>;
  /** Called before each wait, e.g. to make sure a LISTEN connection is up. */
  prepareWait?(): Promise<void>;
  wakeup: Wakeup;
  pollIntervalMs: number;
  /** Aborts when the store closes. */
  closed: AbortSignal;
}

/**
 * Catch-up then live, by polling the feed. A wake-up only shortens the wait: an empty read after one
 * proves nothing (the rows may not be visible yet), so the loop keeps polling at `pollIntervalMs`.
 * One batch is fetched only after the consumer has taken the previous one (back-pressure).
 */
export async function* pollingSubscription(
  feed: PollingFeed,
  options: SubscribeOptions = {},
): AsyncGenerator<RecordedEvent, void, undefined> {
  const signal = anySignal(options.signal, feed.closed);
  const limit = options.batchSize ?? 100;
  let position = options.after ?? START;
  while (!signal.aborted) {
    const version = feed.wakeup.version;
    const batch = await feed.readAll({ after: position, limit, filter: options.filter });
    for (const event of batch.events) {
      if (signal.aborted) return;
      yield event;
    }
    position = batch.position;
    if (batch.events.length < limit && !signal.aborted) {
      await feed.prepareWait?.();
      await feed.wakeup.wait(version, feed.pollIntervalMs, signal);
    }
  }
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length === 1 ? present[0]! : AbortSignal.any(present);
}
