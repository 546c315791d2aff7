import pg from 'pg';
import { copyStore, countEvents, verifyCopy } from '../../libs/event-store/src/copy/index.js';
import { InMemoryEventStore, WrongExpectedRevisionError } from '../../libs/event-store/src/index.js';
import { failingAfter, feedOf, identity, postgresStore, releaseStores, seed, STREAMS } from './store-copy-support.js';

afterAll(releaseStores);

describe('store copy: PostgreSQL → in-memory → PostgreSQL', () => {
  test('identical streams, ids, revisions, metadata, recordedAt and hashes, in the same global order', async () => {
    const { store: source } = await postgresStore();
    const streams = await seed(source);
    const total = await countEvents(source);
    expect(total).toBeGreaterThanOrEqual(300);

    const memory = new InMemoryEventStore();
    const { store: target } = await postgresStore();
    const progress: number[] = [];
    expect(
      await copyStore({ source, target: memory, batchSize: 64, onProgress: (seen) => progress.push(seen) }),
    ).toEqual({ seen: total, written: total, streams: STREAMS });
    expect(progress.reduce((a, b) => a + b, 0)).toBe(total);
    expect(await copyStore({ source: memory, target, batchSize: 64 })).toMatchObject({ seen: total, written: total });

    for (const stream of streams) {
      const original = identity(await source.readStream(stream));
      expect(identity(await memory.readStream(stream))).toEqual(original);
      expect(identity(await target.readStream(stream))).toEqual(original);
    }
    expect((await feedOf(target, total)).map((e) => e.id)).toEqual((await feedOf(source)).map((e) => e.id));
    expect(await verifyCopy({ source, target })).toEqual({ streams: STREAMS, events: total, mismatches: [] });
  });

  test('an interrupted copy resumes without duplicates or gaps', async () => {
    const { store: source } = await postgresStore();
    await seed(source);
    const total = await countEvents(source);
    const { store: target } = await postgresStore();
    const failing = failingAfter(target, 70);
    await expect(copyStore({ source, target: failing.store, batchSize: 50 })).rejects.toThrow('connection lost');
    const partial = failing.written();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const resumed = await copyStore({ source, target, batchSize: 50 });
    expect(resumed).toMatchObject({ seen: total, written: total - partial });
    expect(await copyStore({ source, target, batchSize: 50 })).toMatchObject({ written: 0 });
    const copied = await feedOf(target, total);
    expect(copied).toHaveLength(total);
    expect(new Set(copied.map((e) => e.id)).size).toBe(total);
    expect((await verifyCopy({ source, target })).mismatches).toEqual([]);
  });

  test('the verification pass finds a tampered or missing event; appendRecorded refuses a broken chain', async () => {
    const { store: source } = await postgresStore();
    const streams = await seed(source);
    const { store: target, url } = await postgresStore();
    await copyStore({ source, target });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`UPDATE events SET data = '{"n": 999}' WHERE stream_name = $1 AND stream_revision = 2`, [
        streams[3],
      ]);
      await client.query(
        `DELETE FROM events WHERE stream_name = $1 AND stream_revision = (SELECT max(stream_revision) FROM events WHERE stream_name = $1)`,
        [streams[7]],
      );
    } finally {
      await client.end();
    }
    const report = await verifyCopy({ source, target });
    expect(report.mismatches).toEqual([
      { stream: streams[3], revision: 2, reason: 'data differs' },
      expect.objectContaining({ stream: streams[7], reason: expect.stringMatching(/missing in the target/) }),
    ]);

    const [first, second] = await source.readStream(streams[0]!);
    const fresh = new InMemoryEventStore();
    await expect(fresh.appendRecorded(streams[0]!, [second!])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(fresh.appendRecorded(streams[0]!, [{ ...first!, data: { forged: true } }])).rejects.toThrow(
      /hash chain/,
    );
    await expect(target.appendRecorded(streams[0]!, [first!])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });
});
