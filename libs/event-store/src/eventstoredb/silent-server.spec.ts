import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { GENESIS_HASH } from '../hash-chain.js';
import { EventStoreTimeoutError, type NewEvent } from '../port.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * A server that accepts TCP and never answers: the client would wait forever. Every call must give
 * up with EventStoreTimeoutError at its own deadline (300 ms here) instead.
 */
describe('EventStoreDB adapter against a silent server', () => {
  const DEADLINE_MS = 300;
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket); // never answer
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    store = new EventStoreDbEventStore({
      connectionString: `esdb://127.0.0.1:${port}?tls=false`,
      timeouts: { appendMs: DEADLINE_MS, readMs: DEADLINE_MS, subscribeMs: DEADLINE_MS },
    });
  });

  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const event = (): NewEvent => ({
    id: randomUUID(),
    type: 'ComplaintReceived',
    schemaVersion: 1,
    data: {},
    metadata: { actor: { id: 'a', role: 'agent' }, correlationId: randomUUID(), causationId: randomUUID() },
  });

  async function timesOut(operation: () => Promise<unknown>): Promise<EventStoreTimeoutError> {
    const started = Date.now();
    const error = await operation().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(EventStoreTimeoutError);
    expect((error as EventStoreTimeoutError).timeoutMs).toBe(DEADLINE_MS);
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(elapsed).toBeLessThan(DEADLINE_MS * 4);
    return error as EventStoreTimeoutError;
  }

  test('append rejects with EventStoreTimeoutError at its deadline', async () => {
    await timesOut(() => store.append(`complaint-${randomUUID()}`, [event()], 'no_stream'));
  });

  test("appendRecorded (the store copy's write) rejects at its deadline", async () => {
    const stream = `complaint-${randomUUID()}`;
    const recorded = {
      ...event(),
      streamName: stream,
      revision: 0,
      position: '0:0',
      recordedAt: new Date(),
      previousHash: GENESIS_HASH,
      hash: GENESIS_HASH,
    };
    await timesOut(() => store.appendRecorded(stream, [recorded]));
  });

  test('readStream, readAll and headPosition reject at their deadline', async () => {
    expect((await timesOut(() => store.readStream(`complaint-${randomUUID()}`))).operation).toBe('readStream');
    expect((await timesOut(() => store.readAll({ limit: 10 }))).operation).toBe('readAll');
    expect((await timesOut(() => store.headPosition())).operation).toBe('headPosition');
  });

  test('subscribeAll rejects on the first next() when the server never confirms', async () => {
    const abort = new AbortController();
    const subscription = store.subscribeAll({ signal: abort.signal, filter: { streamPrefixes: ['complaint-'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const error = await timesOut(() => iterator.next());
    expect(error.operation).toBe('subscribe');
    abort.abort();
  });
});
