import { EventStoreTimeoutError } from '../port.js';
import { asTimeout, withDeadline } from './deadline.js';

describe('per-call deadlines', () => {
  test('a call that settles in time returns its value and leaves no timer behind', async () => {
    let released = 0;
    await expect(
      withDeadline(
        'append',
        10,
        async () => 42,
        () => (released += 1),
      ),
    ).resolves.toBe(42);
    // The deadline's timer is cleared: nothing fires after the call has returned.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(released).toBe(0);
  });

  test("a call's own failure reaches the caller unchanged, before the deadline", async () => {
    const failure = Object.assign(new Error('access denied'), { type: 'access-denied' });
    await expect(withDeadline('append', 1_000, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  test('a call that never settles fails at its deadline with the operation and the deadline named', async () => {
    let released = 0;
    const started = Date.now();
    const never = () => new Promise(() => undefined);
    const error = await withDeadline('readStream', 50, never, () => (released += 1)).catch((reason: unknown) => reason);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(error).toBeInstanceOf(EventStoreTimeoutError);
    expect(error).toMatchObject({
      code: 'EVENT_STORE_TIMEOUT',
      operation: 'readStream',
      timeoutMs: 50,
      message: 'Event store readStream did not answer within 50 ms',
    });
    expect(released).toBe(1);
  });

  test("the client's own deadline and timeout errors become the same EventStoreTimeoutError", () => {
    for (const type of ['deadline-exceeded', 'timeout']) {
      const mapped = asTimeout(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { type }), 'append', 250);
      expect(mapped).toBeInstanceOf(EventStoreTimeoutError);
      expect(mapped).toMatchObject({ operation: 'append', timeoutMs: 250 });
    }
  });

  test('other errors, and things that are not errors, pass through asTimeout untouched', () => {
    const unavailable = Object.assign(new Error('14 UNAVAILABLE'), { type: 'unavailable' });
    expect(asTimeout(unavailable, 'append', 250)).toBe(unavailable);
    expect(asTimeout(null, 'append', 250)).toBeNull();
    expect(asTimeout('boom', 'append', 250)).toBe('boom');
  });
});
