import pg from 'pg';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { testToken } from '../support/auth.js';
import { agent, intake } from '../support/complaint-requests.js';

/** Three requests at once, then one a minute: the fourth is refused however slow the machine is. */
const BURST = 3;

let api: TestApi;
let pool: pg.Pool;

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: String(BURST) } });
  pool = new pg.Pool({ connectionString: api.database.url, max: 1 });
});
afterAll(async () => {
  await pool.end();
  await api.close();
});

const fakeToken = (name: string) => ({ authorization: `Bearer ${name}.${'x'.repeat(20)}` });

test('past its burst a caller gets 429 RATE_LIMITED with Retry-After, and the refused request writes nothing', async () => {
  const http = httpClient(api.url, agent);
  const answers = [];
  for (let n = 0; n <= BURST; n++) answers.push(await http.post('/complaints', intake()));
  expect(answers.slice(0, BURST).map((answer) => answer.status)).toEqual([201, 201, 201]);
  const refused = answers[BURST]!;
  expect(refused.status).toBe(429);
  expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.body.details).toEqual({ retryAfterSeconds: retryAfter });
  expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  const { rows } = await pool.query("SELECT count(*)::int AS n FROM events WHERE event_type = 'ComplaintReceived'");
  expect(rows[0].n).toBe(BURST);
});

test('each set of credentials has its own bucket, apart from the one of callers without any', async () => {
  const http = httpClient(api.url);
  const statusesOf = async (credentials: Record<string, string>, count: number) => {
    const statuses = [];
    for (let n = 0; n < count; n++) statuses.push((await http.get('/events/schemas', credentials)).status);
    return statuses;
  };
  expect(await statusesOf({}, BURST + 1)).toContain(429);
  for (const credentials of [fakeToken('first'), fakeToken('second')]) {
    const statuses = await statusesOf(credentials, BURST + 1);
    expect(statuses.slice(0, BURST)).not.toContain(429);
    expect(statuses[BURST]).toBe(429);
  }
  expect(await statusesOf({}, 1)).toEqual([429]);
});

test('every token of one subject draws on one bucket, and a forged token naming that subject does not', async () => {
  const http = httpClient(api.url);
  const claims = { sub: 'sup-9', roles: ['supervisor'] };
  const tokens = Array.from({ length: BURST + 1 }, (_, n) => `Bearer ${testToken({ ...claims, jti: `token-${n}` })}`);
  const statuses = [];
  for (const token of tokens) statuses.push((await http.get('/events/schemas', { authorization: token })).status);
  expect(statuses.slice(0, BURST)).not.toContain(429);
  expect(statuses[BURST]).toBe(429);
  const forged = `Bearer ${testToken(claims, 'a-secret-this-api-does-not-know-at-all')}`;
  expect((await http.get('/events/schemas', { authorization: forged })).status).toBe(200);
});

test('health probes and metrics scrapes are never throttled', async () => {
  const http = httpClient(api.url);
  for (let n = 0; n < BURST * 3; n++) {
    expect((await http.get('/health/live')).status).toBe(200);
    expect((await http.get('/metrics')).status).toBe(200);
  }
});
