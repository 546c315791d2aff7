/**
 * A client that stops reading must stop the server from pulling events for it: memory per
 * connection stays bounded (one store batch plus Node's socket buffer), whatever is appended.
 */
import { randomUUID } from 'node:crypto';
import { EventFeed } from '../../apps/api/src/event-feed/event-feed.service.js';
import type { EventStore, NewEvent } from '../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../../libs/platform/src/event-store/event-store.module.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { service } from '../support/complaint-requests.js';
import { SseClient } from '../support/sse-client.js';

let api: TestApi;
let store: EventStore;
let feed: EventFeed;

beforeAll(async () => {
  api = await startTestApi();
  store = api.app.get<EventStore>(EVENT_STORE);
  feed = api.app.get(EventFeed);
});
afterAll(() => api.close());

const EVENTS = 2400;
const DESCRIPTION = 'The kettle leaks. '.repeat(450); // ~8 KB: the whole feed is ~20 MB

function received(complaintId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'ComplaintReceived',
    schemaVersion: 1,
    data: {
      complaintId,
      customerId: 'cust-1',
      customerName: 'Li Wei',
      subject: 'Leak',
      description: DESCRIPTION,
      by: 'agent-7',
      receivedAt: new Date().toISOString(),
    },
    metadata: { actor: { id: 'agent-7', role: 'agent' }, correlationId: randomUUID(), causationId: randomUUID() },
  };
}

/** Polls the server's count of events pulled for the connection until it stops moving. */
async function settledPulled(): Promise<number> {
  let previous = -1;
  for (let stable = 0; stable < 5;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pulled = feed.stats()[0]!.pulled;
    stable = pulled === previous ? stable + 1 : 0;
    previous = pulled;
  }
  return previous;
}

test('a client that stops reading stops the server pulling; when it reads again it gets everything', async () => {
  const client = await SseClient.connect(`${api.url}/events?after=start`, service);
  client.response.pause();
  for (let written = 0; written < EVENTS; written += 20) {
    await store.append(
      `complaint-${randomUUID()}`,
      Array.from({ length: 20 }, () => received(randomUUID())),
      'no_stream',
    );
  }

  const pulled = await settledPulled();
  const [stats] = feed.stats();
  const messageBytes = DESCRIPTION.length + 1000;
  // Pulled = what the kernel's socket buffers took + Node's 16 KiB buffer + one store batch (50).
  expect(pulled).toBeLessThan(EVENTS / 3);
  expect(stats!.bufferedBytes).toBeLessThanOrEqual(16 * 1024 + messageBytes);
  expect(stats!.sent).toBeLessThanOrEqual(pulled);

  client.response.resume();
  await client.waitFor((self) => self.messages.length === EVENTS, 30_000, 'every event');
  expect(new Set(client.messages.map((message) => message.id)).size).toBe(EVENTS);
  process.stdout.write(`pulled while blocked: ${pulled} of ${EVENTS}, buffered ${stats!.bufferedBytes} B\n`);
  client.close();
}, 60_000);
