import { WriterPool } from './writer-pool.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the writer pool', () => {
  test('never has more writes in flight than its size, and drain waits for all of them', async () => {
    const pool = new WriterPool(3);
    let inFlight = 0;
    let most = 0;
    let done = 0;
    for (let index = 0; index < 20; index++) {
      await pool.submit(async () => {
        most = Math.max(most, ++inFlight);
        await tick();
        inFlight--;
        done++;
      });
    }
    await pool.drain();
    expect(most).toBe(3);
    expect(done).toBe(20);
  });

  test('a failed write is thrown to the producer, after the writes in flight have finished', async () => {
    const pool = new WriterPool(2);
    let finished = 0;
    await pool.submit(async () => {
      await tick();
      throw new Error('connection lost');
    });
    await pool.submit(async () => {
      await tick();
      await tick();
      finished++;
    });
    await expect(pool.submit(async () => undefined)).rejects.toThrow('connection lost');
    expect(finished).toBe(1);
    await expect(pool.drain()).rejects.toThrow('connection lost');
  });
});
