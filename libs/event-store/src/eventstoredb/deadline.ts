import { EventStoreTimeoutError } from '../port.js';

/** Per-call deadlines in milliseconds. */
export interface EventStoreDbTimeouts {
  appendMs: number;
  readMs: number;
  /** Until the server confirms a (re)subscription; live waiting afterwards has no deadline. */
  subscribeMs: number;
}

export const DEFAULT_TIMEOUTS: EventStoreDbTimeouts = { appendMs: 10_000, readMs: 10_000, subscribeMs: 10_000 };

/**
 * Runs `work` and rejects with EventStoreTimeoutError when it has not settled after `timeoutMs`.
 * The client's own gRPC deadline is not enough: against a server that accepts TCP and never answers,
 * the channel can sit in "connecting" and some calls never settle at all. `onTimeout` releases what
 * the call holds (e.g. destroys the read stream) so that nothing keeps running behind the error.
 */
export async function withDeadline<T>(
  operation: string,
  timeoutMs: number,
  work: () => Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new EventStoreTimeoutError(operation, timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The client's DeadlineExceeded (its own timer fired first) is the same failure to the caller. */
export function asTimeout(error: unknown, operation: string, timeoutMs: number): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  return type === 'deadline-exceeded' || type === 'timeout' ? new EventStoreTimeoutError(operation, timeoutMs) : error;
}
