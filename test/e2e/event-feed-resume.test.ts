/**
 * The subscriber's guarantee: a client that is cut off at random points (mid-message included) and
 * reconnects with Last-Event-ID ends with every event exactly once, in feed order, while writers
 * keep appending.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../../libs/platform/src/event-store/event-store.module.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { service } from '../support/complaint-requests.js';
import { SseClient } from '../support/sse-client.js';

let api: TestApi;
let store: EventStore;

beforeAll(async () => {
  api = await startTestApi();
  store = api.app.get<EventStore>(EVENT_STORE);
});
afterAll(() => api.close());

const WRITERS = 4;
const APPENDS_PER_WRITER = 300; // 1–5 events each: about 3,600 events in all

function contacted(complaintId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'CustomerContacted',
    schemaVersion: 1,
    data: {
      complaintId,
      direction: 'outbound',
      channel: 'phone',
      summary: 'Called',
      by: 'agent-7',
      contactedAt: new Date().toISOString(),
    },
    metadata: { actor: { id: 'agent-7', role: 'agent' }, correlationId: randomUUID(), causationId: randomUUID() },
  };
}

async function writer(): Promise<number> {
  const complaints = Array.from({ length: 10 }, () => randomUUID());
  let written = 0;
  for (let append = 0; append < APPENDS_PER_WRITER; append++) {
    const complaintId = complaints[append % complaints.length]!;
    const events = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => contacted(complaintId));
    await store.append(`complaint-${complaintId}`, events, 'any');
    written += events.length;
  }
  return written;
}

interface Reader {
  received: { id: string; position: string }[];
  /** Known once the writers are done. */
  total: number;
  current?: SseClient;
  connections: number;
}

const readerDone = (reader: Reader) => reader.received.length >= reader.total;

/** Reads until cut off: after each chunk, a small chance of destroying the socket right there. */
async function readUntilCut(reader: Reader, lastEventId: string | undefined): Promise<string | undefined> {
  const headers: Record<string, string> = lastEventId ? { ...service, 'last-event-id': lastEventId } : service;
  const client = await SseClient.connect(`${api.url}/events?after=start`, headers);
  reader.current = client;
  reader.connections += 1;
  let taken = 0;
  client.onChunk = (self) => {
    for (; taken < self.messages.length; taken++) {
      const { id, position } = JSON.parse(self.messages[taken]!.data);
      reader.received.push({ id, position });
    }
    if (readerDone(reader) || Math.random() < 0.04) self.close();
  };
  if (readerDone(reader)) client.close();
  await client.waitFor((self) => self.ended, 60_000, 'the cut');
  return client.lastEventId ?? lastEventId;
}

test('a client cut off at random points and resuming with Last-Event-ID gets every event exactly once, in order', async () => {
  let connectionsWhileWriting = 0;
  const reader: Reader = { received: [], total: Number.POSITIVE_INFINITY, connections: 0 };
  const writing = Promise.all(Array.from({ length: WRITERS }, writer)).then((counts) => {
    reader.total = counts.reduce((sum, n) => sum + n, 0);
    connectionsWhileWriting = reader.connections;
    if (readerDone(reader)) reader.current?.close();
  });
  let lastEventId: string | undefined;
  while (!readerDone(reader)) lastEventId = await readUntilCut(reader, lastEventId);
  await writing;

  const stored = [];
  for (let after: string | undefined; ;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) break;
    stored.push(...page.events);
    after = page.position;
  }
  expect(stored).toHaveLength(reader.total);
  expect(reader.received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
  expect(new Set(reader.received.map((event) => event.id)).size).toBe(reader.received.length);
  expect(reader.connections).toBeGreaterThan(5);
  expect(connectionsWhileWriting).toBeGreaterThan(3); // the cuts and resumes raced the writers
}, 120_000);
