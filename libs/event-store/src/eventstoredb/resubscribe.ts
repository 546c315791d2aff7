import type { Position, RecordedEvent } from '../port.js';

/** Opens one server subscription after `after`; resolves once the server has confirmed it. */
export type OpenSubscription = (after: Position) => Promise<AsyncIterable<RecordedEvent>>;

export interface ResubscribeOptions {
  after: Position;
  signal: AbortSignal;
  /** Consecutive failed reconnects before the error reaches the consumer. */
  maxReconnects: number;
  /** Wait before reconnect n (1-based): backoffMs × 2^(n-1), capped at 30 s. */
  backoffMs: number;
  /** Test hook. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onReconnect?: (attempt: number, error: unknown) => void;
}

/**
 * A subscription that survives drops: when the server stream errors or ends while the consumer still
 * wants events, it reopens from the last DELIVERED position, so the consumer sees no gap and no
 * duplicate. The first open is not retried: a store that cannot subscribe at all fails fast (and a
 * silent server surfaces as the open's timeout). Delivering an event resets the failure count.
 */
export async function* resubscribing(
  open: OpenSubscription,
  options: ResubscribeOptions,
): AsyncGenerator<RecordedEvent, void, undefined> {
  const sleep = options.sleep ?? abortableSleep;
  let position = options.after;
  let failures = 0;
  let current: AsyncIterable<RecordedEvent> | undefined = await open(position);
  while (!options.signal.aborted) {
    try {
      current ??= await open(position);
      for await (const event of current) {
        if (options.signal.aborted) return;
        position = event.position;
        failures = 0;
        yield event;
      }
      if (options.signal.aborted) return;
      throw new Error('EventStoreDB ended the subscription');
    } catch (error) {
      if (options.signal.aborted) return;
      failures += 1;
      if (failures > options.maxReconnects) throw error;
      options.onReconnect?.(failures, error);
      current = undefined;
      await sleep(Math.min(options.backoffMs * 2 ** (failures - 1), 30_000), options.signal);
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
