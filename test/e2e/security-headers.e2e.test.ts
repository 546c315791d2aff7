import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake } from '../support/complaint-requests.js';

/** Stands in for any bug: an error whose message carries what must never reach a client. */
const LEAKY_MESSAGE = 'connect to postgres://desk:hunter2-secret@db.internal:5432 failed';

let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi({
    beforeListen: (app) => {
      app
        .getHttpAdapter()
        .getInstance()
        .get('/test-only/explode', async () => {
          throw new Error(LEAKY_MESSAGE);
        });
    },
  });
  http = httpClient(api.url, agent);
});
afterAll(() => api.close());

function expectSecurityHeaders(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers on every response', () => {
  test('API answers forbid sniffing, framing, referrers and caching, and the CSP allows nothing at all', async () => {
    for (const answer of [
      await http.get('/health/live'),
      await http.post('/complaints', intake()),
      await http.get('/no-such-route'),
      await http.post('/complaints', { channel: 'carrier_pigeon' }),
      await http.send('POST', '/complaints', 'x', { 'content-type': 'text/plain' }),
      await http.post('/complaints', intake({ description: 'x'.repeat(70_000) })),
    ]) {
      expect(answer.status).toBeLessThan(500);
      expectSecurityHeaders(answer.headers);
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  test('/docs gets the CSP Swagger UI needs (its own scripts and styles) and nothing more', async () => {
    const answer = await fetch(`${api.url}/docs`);
    expect(answer.status).toBe(200);
    expectSecurityHeaders(answer.headers);
    const policy = answer.headers.get('content-security-policy')!;
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-eval|\*/);
    const html = await answer.text();
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script the policy would block
  });
});

describe('error bodies never echo secrets or stack traces', () => {
  test('an unexpected error is a 500 INTERNAL_ERROR with the correlation id only', async () => {
    const answer = await http.get('/test-only/explode', { 'x-correlation-id': 'explode-1' });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
      correlationId: 'explode-1',
    });
    const text = JSON.stringify(answer.body);
    expect(text).not.toMatch(/hunter2|postgres:\/\//);
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expectSecurityHeaders(answer.headers);
  });

  test('a refused route does not echo its query string, which may carry a token', async () => {
    const answer = await http.get('/no-such-route?access_token=eyJhbGciOi.secret.part');
    expect(answer.status).toBe(404);
    expect(JSON.stringify(answer.body)).not.toMatch(/secret|access_token/);
  });
});
