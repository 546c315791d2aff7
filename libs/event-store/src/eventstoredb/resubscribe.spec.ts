import type { Position, RecordedEvent } from '../port.js';
import { START } from '../port.js';
import { resubscribing } from './resubscribe.js';

const event = (n: number): RecordedEvent =>
  ({
    id: `e${n}`,
    position: `${n}:${n}`,
    streamName: 'complaint-1',
    revision: n,
    type: 'A',
  }) as unknown as RecordedEvent;

/** A fake server: each open delivers the events after `after`, then drops after `dropAfter` of them. */
function fakeSource(total: number, plan: { dropAfter: number[]; failOpens?: number }) {
  const opens: Position[] = [];
  let failOpens = plan.failOpens ?? 0;
  const open = async (after: Position): Promise<AsyncIterable<RecordedEvent>> => {
    opens.push(after);
    if (opens.length > 1 && failOpens > 0) {
      failOpens -= 1;
      throw new Error('unavailable');
    }
    const from = after === START ? 0 : Number(after.split(':')[0]) + 1;
    const dropAfter = plan.dropAfter.shift() ?? Number.POSITIVE_INFINITY;
    return (async function* () {
      for (let n = from, sent = 0; n < total; n += 1, sent += 1) {
        if (sent === dropAfter) throw new Error('connection reset');
        yield event(n);
      }
      await new Promise(() => undefined); // live: nothing more
    })();
  };
  return { open, opens };
}

const noSleep = async (): Promise<void> => undefined;

async function take(iterable: AsyncIterable<RecordedEvent>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) {
    ids.push(item.id);
    if (ids.length === count) break;
  }
  return ids;
}

describe('resubscribing (reconnect after a dropped subscription)', () => {
  test('resumes from the last delivered position: no gap, no duplicate', async () => {
    const source = fakeSource(10, { dropAfter: [3, 4] });
    const abort = new AbortController();
    const ids = await take(
      resubscribing(source.open, {
        after: START,
        signal: abort.signal,
        maxReconnects: 3,
        backoffMs: 1,
        sleep: noSleep,
      }),
      10,
    );
    abort.abort();
    expect(ids).toEqual(Array.from({ length: 10 }, (_, n) => `e${n}`));
    expect(source.opens).toEqual([START, '2:2', '6:6']);
  });

  test('retries failed reopens with back-off and reports each attempt', async () => {
    const source = fakeSource(5, { dropAfter: [2], failOpens: 2 });
    const waits: number[] = [];
    const attempts: number[] = [];
    const abort = new AbortController();
    const ids = await take(
      resubscribing(source.open, {
        after: START,
        signal: abort.signal,
        maxReconnects: 5,
        backoffMs: 100,
        sleep: async (ms) => void waits.push(ms),
        onReconnect: (attempt) => attempts.push(attempt),
      }),
      5,
    );
    abort.abort();
    expect(ids).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(waits).toEqual([100, 200, 400]);
    expect(attempts).toEqual([1, 2, 3]);
  });

  test('gives up after maxReconnects consecutive failures with the last error', async () => {
    const source = fakeSource(5, { dropAfter: [1], failOpens: 10 });
    const iterable = resubscribing(source.open, {
      after: START,
      signal: new AbortController().signal,
      maxReconnects: 2,
      backoffMs: 1,
      sleep: noSleep,
    });
    await expect(take(iterable, 5)).rejects.toThrow('unavailable');
  });

  test('a failing first open is not retried', async () => {
    const open = async (): Promise<AsyncIterable<RecordedEvent>> => {
      throw new Error('timed out');
    };
    const iterable = resubscribing(open, {
      after: START,
      signal: new AbortController().signal,
      maxReconnects: 5,
      backoffMs: 1,
      sleep: noSleep,
    });
    await expect(take(iterable, 1)).rejects.toThrow('timed out');
  });
});
