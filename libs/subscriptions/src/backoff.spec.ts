import { backoffDelayMs, backoffSchedule, type BackoffPolicy } from './backoff.js';

const policy: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

describe('webhook back-off', () => {
  test('doubles with each consecutive failure (upper bound of each step)', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  test('jitter stays in the upper half of the step', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(3_000);
    expect(backoffDelayMs(3, policy, () => 0.999_999)).toBe(4_000);
  });

  test('is capped at maxMs however many attempts failed', () => {
    expect(backoffDelayMs(7, policy, () => 1)).toBe(60_000);
    expect(backoffDelayMs(1_000, policy, () => 1)).toBe(60_000);
    expect(backoffDelayMs(1_000, policy, () => 0)).toBe(30_000);
  });

  test('out-of-range inputs are clamped, never negative or NaN', () => {
    expect(backoffDelayMs(0, policy, () => 1)).toBe(1_000);
    expect(backoffDelayMs(-3, policy, () => 2)).toBe(1_000);
    expect(backoffDelayMs(2, policy, () => -1)).toBe(1_000);
  });

  test('the schedule lists the wait before each retry: one fewer than the attempts', () => {
    expect(backoffSchedule(5, policy)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffSchedule(1, policy)).toEqual([]);
  });
});
