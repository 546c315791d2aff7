/** Stores and a seeded history shared by the store-copy tests (library and CLI). */
import { randomUUID } from 'node:crypto';
import {
  type EventStore,
  type NewEvent,
  PostgresEventStore,
  type RecordedEvent,
  START,
} from '../../libs/event-store/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { untilFeedShows } from './audit-support.js';

export const STREAMS = 40;
const databases: TestDatabase[] = [];
const stores: EventStore[] = [];

/** A migrated PostgreSQL store on a fresh database; its clock ticks 1.337 s per append. */
export async function postgresStore(): Promise<{ store: PostgresEventStore; url: string }> {
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

/** Closes every store and drops every database made by postgresStore. */
export async function releaseStores(): Promise<void> {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(databases.splice(0).map((database) => database.drop()));
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

/**
 * A few hundred events over many streams, appended interleaved and in batches of 1–3; returns once
 * the global feed shows them all (other test files' open transactions hold it back for a moment).
 */
export async function seed(store: EventStore): Promise<string[]> {
  const streams = Array.from({ length: STREAMS }, () => `complaint-${randomUUID()}`);
  const revisions = new Map<string, number>();
  let n = 0;
  for (let round = 0; round < 5; round += 1) {
    for (const stream of streams) {
      const size = 1 + ((round + n) % 3);
      const batch = Array.from({ length: size }, () => event(n++));
      const current = revisions.get(stream) ?? -1;
      await store.append(stream, batch, current < 0 ? 'no_stream' : current);
      revisions.set(stream, current + size);
    }
  }
  await untilFeedShows(store, n);
  return streams;
}

/** Everything a copy must preserve; positions are the target's own and left out. */
export const identity = (events: RecordedEvent[]) =>
  events.map(({ id, streamName, revision, type, schemaVersion, data, metadata, recordedAt, previousHash, hash }) => ({
    ...{ id, streamName, revision, type, schemaVersion, data, metadata, previousHash, hash },
    recordedAt: recordedAt.toISOString(),
  }));

/** The whole global feed, once it shows at least `count` events. */
export async function feedOf(store: EventStore, count = 0): Promise<RecordedEvent[]> {
  if (count > 0) await untilFeedShows(store, count);
  return (await store.readAll({ after: START, limit: 100_000 })).events;
}

/** `target`, losing its connection after `appends` successful appendRecorded calls. */
export function failingAfter(target: EventStore, appends: number): { store: EventStore; written: () => number } {
  let calls = 0;
  let written = 0;
  const store = Object.create(target, {
    appendRecorded: {
      value: async (stream: string, events: RecordedEvent[]) => {
        if (++calls > appends) throw new Error('connection lost');
        const result = await target.appendRecorded!(stream, events);
        written += events.length;
        return result;
      },
    },
  }) as EventStore;
  return { store, written: () => written };
}
