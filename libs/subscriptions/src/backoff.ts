/**
 * When to try a failed delivery again: exponential (base · 2^(attempt−1)), capped, with "equal
 * jitter" — a random point in the upper half of the step — so that many subscriptions failing at
 * once (a receiver outage) do not retry in lock-step, while no wait is shorter than half its step.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 600_000 };

/**
 * The wait after the `failedAttempts`-th consecutive failure (1-based). `random` returns [0, 1)
 * and comes in from outside, so tests are deterministic.
 */
export function backoffDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 52);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * jitter);
}

/** The un-jittered schedule (upper bounds), for documentation and status pages. */
export function backoffSchedule(maxAttempts: number, policy: BackoffPolicy): number[] {
  return Array.from({ length: Math.max(maxAttempts - 1, 0) }, (_, index) => backoffDelayMs(index + 1, policy, () => 1));
}
