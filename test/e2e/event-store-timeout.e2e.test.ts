import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake } from '../support/complaint-requests.js';

/**
 * The api on EventStoreDB when the server accepts connections and never answers: every request
 * that needs the store ends at EVENTSTORE_TIMEOUT_MS with a 503 EVENT_STORE_TIMEOUT instead of hanging.
 */
const DEADLINE_MS = 300;
const sockets = new Set<net.Socket>();
let silent: net.Server;
let api: TestApi;

beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  api = await startTestApi({
    env: {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${port}?tls=false`,
      EVENTSTORE_TIMEOUT_MS: String(DEADLINE_MS),
    },
  });
});

afterAll(async () => {
  await api?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('api on an EventStoreDB server that never answers', () => {
  test('an intake is a 503 EVENT_STORE_TIMEOUT at the deadline, not a hang or a 500', async () => {
    const started = Date.now();
    const answer = await httpClient(api.url, agent).post('/complaints', intake());
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS * 10);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      statusCode: 503,
      code: 'EVENT_STORE_TIMEOUT',
      message: `The event store did not answer within ${DEADLINE_MS} ms; try again later`,
    });
  });

  test("a complaint's history is a 503 EVENT_STORE_TIMEOUT too", async () => {
    const answer = await httpClient(api.url, agent).get(`/complaints/${randomUUID()}/history`);
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('EVENT_STORE_TIMEOUT');
  });
});
