/**
 * The role matrix: every route the running API has (read from its own route table, so a route added
 * later is caught here) called with a token of every role and with broken tokens. A call counts as
 * allowed when it is neither 401 nor 403; the allowed set must be exactly the one written below.
 */
import { randomUUID } from 'node:crypto';
import { RouteAccessTable } from '../../libs/platform/src/auth/route-access-table.js';
import { CALLER_ROLES, type CallerRole } from '../../libs/platform/src/auth/roles.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { bearer, testToken } from '../support/auth.js';

const WRITERS: CallerRole[] = ['agent', 'supervisor', 'admin'];
const SLA_READERS: CallerRole[] = ['agent', 'analyst', 'supervisor', 'auditor', 'admin'];
const ANALYTICS_READERS: CallerRole[] = ['analyst', 'supervisor', 'auditor', 'admin'];
const AUDITORS: CallerRole[] = ['supervisor', 'auditor', 'admin'];
const QUEUE_READERS: CallerRole[] = ['agent', 'supervisor', 'auditor', 'admin'];
const SUBSCRIPTION_READERS: CallerRole[] = ['service', 'auditor', 'admin'];
const SUBSCRIPTION_WRITERS: CallerRole[] = ['service', 'admin'];
const COMMANDS = [
  'acknowledge',
  'categorize',
  'assign',
  'validate',
  'reject',
  'contacts',
  'await-customer',
  'resume',
  'root-cause',
  'escalate',
  'compensations',
  'resolve',
  'customer-response',
  'reopen',
  'close',
];

/** Who may call each route: `public` needs no token at all. */
const MATRIX: Record<string, 'public' | CallerRole[]> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /events/schemas': 'public',
  'GET /events/schemas/:type/:version': 'public',
  'POST /complaints': WRITERS,
  ...Object.fromEntries(COMMANDS.map((command) => [`POST /complaints/:id/${command}`, WRITERS])),
  'POST /complaints/:id/compensations/:compensationId/approve': WRITERS,
  'POST /complaints/:id/compensations/:compensationId/decline': WRITERS,
  'POST /complaints/:id/compensations/:compensationId/pay': WRITERS,
  'GET /complaints': ['agent', 'supervisor', 'auditor', 'analyst', 'admin'],
  'GET /complaints/:id': ['agent', 'supervisor', 'auditor', 'analyst', 'admin'],
  'GET /complaints/:id/history': ['agent', 'supervisor', 'auditor', 'admin'],
  'GET /complaints/:id/state': AUDITORS,
  'GET /complaints/:id/verify': AUDITORS,
  'GET /audit/export': ['auditor', 'admin'],
  'GET /queues/teams/:team': QUEUE_READERS,
  'GET /queues/agents/:agentId': QUEUE_READERS,
  'POST /queues/:team/claim': WRITERS,
  ...Object.fromEntries(
    ['causes', 'pareto', 'trends', 'resolution', 'compensation', 'satisfaction'].map((name) => [
      `GET /analytics/${name}`,
      ANALYTICS_READERS,
    ]),
  ),
  ...Object.fromEntries(
    ['complaints/:id', 'breaches', 'due', 'compliance', 'at-risk'].map((name) => [`GET /sla/${name}`, SLA_READERS]),
  ),
  'GET /events': ['service', 'auditor', 'admin'],
  'GET /subscriptions': SUBSCRIPTION_READERS,
  'GET /subscriptions/:id': SUBSCRIPTION_READERS,
  'GET /subscriptions/:id/dead-letters': SUBSCRIPTION_READERS,
  'POST /subscriptions': SUBSCRIPTION_WRITERS,
  'POST /subscriptions/:id/pause': SUBSCRIPTION_WRITERS,
  'POST /subscriptions/:id/resume': SUBSCRIPTION_WRITERS,
  'DELETE /subscriptions/:id': SUBSCRIPTION_WRITERS,
  'POST /customers/:id/forget': ['admin'],
  'GET /test/clock': ['admin'],
  'POST /test/clock/advance': ['admin'],
};

/** Path parameters that reach the handler: the agent's own team and id, unknown complaints. */
const PARAMETERS: Record<string, () => string> = {
  id: () => randomUUID(),
  compensationId: () => randomUUID(),
  team: () => 'quality',
  agentId: () => 'agent-7',
  type: () => 'ComplaintReceived',
  version: () => '1',
};

const ROLE_HEADERS: Record<CallerRole, Record<string, string>> = {
  agent: bearer('agent-7', 'agent', ['quality']),
  supervisor: bearer('sup-1', 'supervisor'),
  auditor: bearer('aud-1', 'auditor'),
  analyst: bearer('analyst-1', 'analyst'),
  service: bearer('svc-1', 'service'),
  admin: bearer('admin-1', 'admin'),
};

const now = () => Math.floor(Date.now() / 1000);
const asAdmin = { sub: 'admin-1', roles: ['admin'] };
const unsigned = (claims: object) =>
  `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
/** Tokens that must never get in, each with the 401 code it earns; all name an admin. */
const BROKEN: [string, Record<string, string>, string][] = [
  ['no token', {}, 'TOKEN_MISSING'],
  ['an expired token', { authorization: `Bearer ${testToken({ ...asAdmin, exp: now() - 3600 })}` }, 'TOKEN_EXPIRED'],
  [
    'a forged token',
    { authorization: `Bearer ${testToken(asAdmin, 'another-secret-of-32-bytes-or-more!!')}` },
    'TOKEN_INVALID',
  ],
  [
    'a token for another audience',
    { authorization: `Bearer ${testToken({ ...asAdmin, aud: 'billing-api' })}` },
    'TOKEN_INVALID',
  ],
  [
    'a token not valid yet',
    { authorization: `Bearer ${testToken({ ...asAdmin, nbf: now() + 3600 })}` },
    'TOKEN_NOT_YET_VALID',
  ],
  [
    'a token from another issuer',
    { authorization: `Bearer ${testToken({ ...asAdmin, iss: 'elsewhere' })}` },
    'TOKEN_INVALID',
  ],
  [
    'an unsigned token (alg none)',
    { authorization: `Bearer ${unsigned({ ...asAdmin, exp: now() + 3600 })}` },
    'TOKEN_INVALID',
  ],
  ['basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'TOKEN_INVALID'],
];

let api: TestApi;
let routes: { key: string; method: string; path: string }[];

beforeAll(async () => {
  api = await startTestApi({ env: { TEST_CLOCK_CONTROL: 'true' } });
  routes = api.app
    .get(RouteAccessTable)
    .routes()
    .map(({ method, path }) => ({ key: `${method} ${path}`, method, path }));
});
afterAll(() => api?.close());

interface Call {
  status: number;
  code?: string;
  challenge: string | null;
}

/** One call; a stream (GET /events) is cut as soon as its status is known. */
async function call(method: string, path: string, headers: Record<string, string>): Promise<Call> {
  const url = `${api.url}${path.replace(/:(\w+)/g, (_, name: string) => PARAMETERS[name]!())}`;
  const body = method === 'POST' ? '{}' : undefined;
  const stop = new AbortController();
  const response = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
    signal: stop.signal,
  });
  let code: string | undefined;
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) stop.abort();
  else code = parseCode(await response.text());
  return { status: response.status, code, challenge: response.headers.get('www-authenticate') };
}

function parseCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

const allowed = (answer: Call) => answer.status !== 401 && answer.status !== 403;

test('the route table holds exactly the routes of the matrix, each declaring who may call it', () => {
  expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(MATRIX).sort());
});

test('every route answers every role exactly as the matrix says', async () => {
  const observed: Record<string, string[]> = {};
  const expected: Record<string, string[]> = {};
  for (const route of routes) {
    const rule = MATRIX[route.key] ?? [];
    expected[route.key] = CALLER_ROLES.filter((role) => rule === 'public' || rule.includes(role));
    observed[route.key] = [];
    for (const role of CALLER_ROLES) {
      const answer = await call(route.method, route.path, ROLE_HEADERS[role]);
      expect(answer.status).toBeLessThan(500);
      if (allowed(answer)) observed[route.key]!.push(role);
      else expect([route.key, role, answer.code]).toEqual([route.key, role, expect.stringMatching(/_NOT_ALLOWED$/)]);
    }
  }
  expect(observed).toEqual(expected);
});

test('no route but the public ones lets in a missing, expired, forged, misaddressed, early or unsigned token', async () => {
  for (const route of routes) {
    const isPublic = MATRIX[route.key] === 'public';
    for (const [what, headers, code] of BROKEN) {
      const answer = await call(route.method, route.path, headers);
      if (isPublic) {
        expect([route.key, what, allowed(answer)]).toEqual([route.key, what, true]);
        continue;
      }
      expect([route.key, what, answer.status, answer.code]).toEqual([route.key, what, 401, code]);
      expect(answer.challenge).toMatch(/^Bearer realm="complaint-desk"/);
    }
  }
});
