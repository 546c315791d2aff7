import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { copyStore, countEvents, verifyCopy } from '../../libs/event-store/src/copy/index.js';
import {
  type EventStore,
  InMemoryEventStore,
  type NewEvent,
  PostgresEventStore,
  type RecordedEvent,
  START,
  WrongExpectedRevisionError,
} from '../../libs/event-store/src/index.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const STREAMS = 40;
const databases: TestDatabase[] = [];
const stores: EventStore[] = [];

async function postgresStore(): Promise<{ store: PostgresEventStore; url: string }> {
  const database = await createTestDatabase('store_copy');
  databases.push(database);
  await runMigrations(database.url, productMigrations);
  let now = Date.parse('2024-05-01T10:00:00.000Z');
  const store = new PostgresEventStore({
    connectionString: database.url,
    poolSize: 4,
    clock: () => new Date((now += 1_337)),
  });
  stores.push(store);
  return { store, url: database.url };
}

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: n % 3 === 0 ? 'ComplaintReceived' : 'ComplaintNoteAdded',
  schemaVersion: 1 + (n % 2),
  data: { n, text: `note ${n} — naïve ✓`, amount: 59.9, nested: { b: [3, 1], a: null } },
  metadata: {
    actor: { id: `agent-${n % 5}`, role: 'agent' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    ip: '10.0.0.1',
  },
});

/** A few hundred events over many streams, appended interleaved and in batches of 1–3. */
async function seed(store: EventStore): Promise<string[]> {
  const streams = Array.from({ length: STREAMS }, () => `complaint-${randomUUID()}`);
  const revisions = new Map<string, number>();
  for (let round = 0, n = 0; round < 5; round += 1) {
    for (const stream of streams) {
      const size = 1 + ((round + n) % 3);
      const batch = Array.from({ length: size }, () => event(n++));
      const current = revisions.get(stream) ?? -1;
      await store.append(stream, batch, current < 0 ? 'no_stream' : current);
      revisions.set(stream, current + size);
    }
  }
  return streams;
}

const identity = (events: RecordedEvent[]) =>
  events.map(({ id, streamName, revision, type, schemaVersion, data, metadata, recordedAt, previousHash, hash }) => ({
    ...{ id, streamName, revision, type, schemaVersion, data, metadata, previousHash, hash },
    recordedAt: recordedAt.toISOString(),
  }));

async function feedOf(store: EventStore): Promise<RecordedEvent[]> {
  return (await store.readAll({ after: START, limit: 100_000 })).events;
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await Promise.all(databases.map((database) => database.drop()));
});

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
    expect((await feedOf(target)).map((e) => e.id)).toEqual((await feedOf(source)).map((e) => e.id));
    expect(await verifyCopy({ source, target })).toEqual({ streams: STREAMS, events: total, mismatches: [] });
  });

  test('an interrupted copy resumes without duplicates or gaps', async () => {
    const { store: source } = await postgresStore();
    await seed(source);
    const total = await countEvents(source);
    const { store: target } = await postgresStore();
    let appends = 0;
    const failing: EventStore = Object.create(target, {
      appendRecorded: {
        value: async (stream: string, events: RecordedEvent[]) => {
          if (++appends > 70) throw new Error('connection lost');
          return target.appendRecorded(stream, events);
        },
      },
    });
    await expect(copyStore({ source, target: failing, batchSize: 50 })).rejects.toThrow('connection lost');
    const partial = (await feedOf(target)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const resumed = await copyStore({ source, target, batchSize: 50 });
    expect(resumed).toMatchObject({ seen: total, written: total - partial });
    expect(await copyStore({ source, target, batchSize: 50 })).toMatchObject({ written: 0 });
    const copied = await feedOf(target);
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
