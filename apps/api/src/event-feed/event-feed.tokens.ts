export const EVENT_FEED_OPTIONS = Symbol('EVENT_FEED_OPTIONS');

export interface EventFeedOptions {
  /** A `: heartbeat` comment goes out after this long without other traffic. */
  heartbeatMs: number;
  /** Events the subscription fetches per round trip: with one message in flight, the per-connection bound. */
  batchSize: number;
  /** Streams whose category one connection remembers (category filter). */
  categoryCacheSize: number;
  /** Sent as `retry:`, the reconnection delay EventSource clients use. */
  retryMs: number;
}

export const DEFAULT_EVENT_FEED_OPTIONS: EventFeedOptions = {
  heartbeatMs: 15_000,
  batchSize: 50,
  categoryCacheSize: 1000,
  retryMs: 2000,
};
