import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake, supervisor } from '../support/complaint-requests.js';
import { callerFor, documentedRoutes, type OpenApiDocument, resolve, type Schema } from './fuzz/openapi-routes.js';

let api: TestApi;
let http: ReturnType<typeof httpClient>;
let pool: pg.Pool;
let document: OpenApiDocument;

beforeAll(async () => {
  api = await startTestApi({ env: { JSON_MAX_DEPTH: '8' } });
  http = httpClient(api.url, agent);
  pool = new pg.Pool({ connectionString: api.database.url, max: 2 });
  document = (await http.get('/docs-json')).body;
});
afterAll(async () => {
  await pool.end();
  await api.close();
});

async function eventCount(): Promise<number> {
  return Number((await pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
}

/** Sends raw JSON text, as a hostile client would (escapes JSON.stringify would never produce). */
function postText(path: string, text: string, headers: Record<string, string> = {}) {
  return http.send('POST', path, text, { 'content-type': 'application/json', ...headers });
}

async function newComplaint(): Promise<string> {
  const answer = await http.post('/complaints', intake());
  expect(answer.status).toBe(201);
  return answer.body.complaintId;
}

describe('request bodies that would break storage or parsing are a 400, never a 500', () => {
  test('a body nested deeper than JSON_MAX_DEPTH is a 400 JSON_TOO_DEEP, however deep, and writes nothing', async () => {
    const before = await eventCount();
    for (const depth of [9, 1_000, 30_000]) {
      const deep = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
      const answer = await postText('/complaints', JSON.stringify(intake()).replace('"KT-200"', deep));
      expect({ depth, status: answer.status, code: answer.body.code }).toEqual({
        depth,
        status: 400,
        code: 'JSON_TOO_DEEP',
      });
    }
    expect(await eventCount()).toBe(before);
  });

  test('brackets inside strings do not count as nesting', async () => {
    const answer = await http.post('/complaints', intake({ subject: '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{ "quoted" ]' }));
    expect(answer.status).toBe(201);
  });

  test('a NUL character in any field is a 400 UNSUPPORTED_CHARACTER naming the field, and the stream is untouched', async () => {
    const id = await newComplaint();
    const before = await eventCount();
    const nested = await postText('/complaints', JSON.stringify(intake()).replace('"Li Wei"', '"Li\\u0000Wei"'));
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({
      code: 'UNSUPPORTED_CHARACTER',
      details: [{ field: 'customer.name', problems: [expect.stringContaining('NUL')] }],
    });
    const onStream = await http.post(`/complaints/${id}/validate`, { reason: 'ok\u0000' }, supervisor);
    expect(onStream.status).toBe(400);
    expect(onStream.body.details).toEqual([{ field: 'reason', problems: [expect.stringContaining('NUL')] }]);
    expect(await eventCount()).toBe(before);
  });

  test('unpaired UTF-16 surrogates, high or low, are a 400 UNSUPPORTED_CHARACTER; paired ones are text', async () => {
    for (const escape of ['\\ud800', '\\udfff', '\\udc00\\ud800']) {
      const answer = await postText('/complaints', JSON.stringify(intake()).replace('"Li Wei"', `"Li${escape}"`));
      expect({ escape, status: answer.status, code: answer.body.code }).toEqual({
        escape,
        status: 400,
        code: 'UNSUPPORTED_CHARACTER',
      });
    }
    const paired = await postText('/complaints', JSON.stringify(intake()).replace('"Li Wei"', '"Li \\ud83d\\ude00"'));
    expect(paired.status).toBe(201);
  });

  test('a body that is not application/json is a 415 UNSUPPORTED_MEDIA_TYPE, whatever a parser would make of it', async () => {
    const json = JSON.stringify(intake());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const answer = await http.send('POST', '/complaints', json, { 'content-type': type });
      expect({ type, status: answer.status, code: answer.body.code }).toEqual({
        type,
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(
      (await http.send('POST', '/complaints', json, { 'content-type': 'Application/JSON; charset=utf-8' })).status,
    ).toBe(201);
  });

  test('prototype keys are refused rather than merged into anything', async () => {
    const text = JSON.stringify(intake()).replace('{', '{"__proto__":{"admin":true},');
    const answer = await postText('/complaints', text);
    expect(answer.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

/** Every string, array and number a request body accepts, with the schema that describes it. */
function boundedFields(schema: Schema, path: string, into: { path: string; schema: Schema }[] = []) {
  const resolved = resolve(document, schema);
  if (resolved.properties) {
    for (const [name, property] of Object.entries(resolved.properties))
      boundedFields(property, `${path}.${name}`, into);
  } else {
    into.push({ path, schema: resolved });
  }
  return into;
}

function unbounded({ schema }: { schema: Schema }): boolean {
  if (schema.enum) return false;
  if (schema.oneOf) {
    return (
      schema.maxLength === undefined && schema.oneOf.some((option) => unbounded({ schema: resolve(document, option) }))
    );
  }
  if (schema.type === 'string')
    return schema.maxLength === undefined && schema.pattern === undefined && schema.format !== 'uuid';
  if (schema.type === 'array')
    return (
      schema.maxItems === undefined ||
      (schema.items !== undefined && unbounded({ schema: resolve(document, schema.items) }))
    );
  if (schema.type === 'integer' || schema.type === 'number') return schema.maximum === undefined;
  return schema.type !== 'boolean';
}

describe('every field has a limit', () => {
  test('every string, list and number of every request body declares its bound in the published schema', () => {
    const routes = documentedRoutes(document, 'post').filter((route) => route.bodySchema);
    expect(routes.length).toBeGreaterThan(15);
    const fields = routes.flatMap((route) => boundedFields({ $ref: `#/${route.bodySchema}` }, route.bodySchema!));
    expect(fields.length).toBeGreaterThan(50);
    expect(fields.filter(unbounded).map((field) => field.path)).toEqual([]);
  });

  test('one character or item over a limit is a 400 VALIDATION_FAILED naming the field', async () => {
    const id = await newComplaint();
    const cases: [string, object, string][] = [
      ['/complaints', intake({ subject: 's'.repeat(201) }), 'subject'],
      ['/complaints', intake({ description: 'd'.repeat(10_001) }), 'description'],
      ['/complaints', intake({ customer: { id: 'c'.repeat(129), name: 'Li' } }), 'customer.id'],
      ['/complaints', intake({ occurredAt: `2026-11-08T09:00:00.${'0'.repeat(40)}Z` }), 'occurredAt'],
      [`/complaints/${id}/resolve`, { summary: 'x', planSteps: Array(21).fill('step') }, 'planSteps'],
      [`/complaints/${id}/compensations`, { kind: 'refund', amount: 100_000_000_001, currency: 'EUR' }, 'amount'],
      [`/complaints/${id}/assign`, { team: 'quality', ownerId: 'agent 7; DROP TABLE events' }, 'ownerId'],
    ];
    for (const [path, body, field] of cases) {
      const answer = await http.post(path, body, supervisor);
      expect({
        path,
        field,
        status: answer.status,
        fields: answer.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        path,
        field,
        status: 400,
        fields: [field],
      });
    }
  });

  test('a missing or non-object nested body part is refused at the edge', async () => {
    const { customer: _, ...withoutCustomer } = intake();
    for (const body of [withoutCustomer, intake({ customer: 'Li Wei' }), intake({ customer: ['Li Wei'] })]) {
      const answer = await http.post('/complaints', body);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('ids are UUIDs, in paths and in bodies', () => {
  test('every POST route on complaints and subscriptions answers a non-UUID id in its path with 400 INVALID_ID', async () => {
    // Complaints, compensations and subscriptions are identified by UUIDs; customers by the
    // reference given at intake, which has its own check.
    const routes = documentedRoutes(document, 'post').filter(
      (route) => /^\/(complaints|subscriptions)\//.test(route.template) && route.pathParams.length > 0,
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      for (const bad of ['not-a-uuid', `${randomUUID()}x`, "1'%20OR%20'1'='1", '%00']) {
        const path = route.template.replace(/\{[^}]+\}/g, (param) => (/id\}$/i.test(param) ? bad : 'quality'));
        const answer = await http.post(path, {}, callerFor(route) ?? supervisor);
        expect({ path, status: answer.status, code: answer.body.code }).toEqual({
          path,
          status: 400,
          code: expect.stringMatching(/^(INVALID_ID|UNSUPPORTED_CHARACTER)$/),
        });
      }
    }
  });

  test('a complaint id chosen by the caller must be a UUID', async () => {
    const answer = await http.post('/complaints', intake({ complaintId: 'complaint-1' }));
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([{ field: 'complaintId', problems: [expect.stringContaining('UUID')] }]);
  });
});

describe('query parameters', () => {
  test('a NUL in a query parameter is a 400 UNSUPPORTED_CHARACTER before it reaches a query', async () => {
    const answer = await http.get('/complaints?product=a%00b', supervisor);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'UNSUPPORTED_CHARACTER', details: [{ field: 'product' }] });
  });

  test('bytes that are not UTF-8 (an encoded surrogate) arrive as U+FFFD and are compared as text', async () => {
    const answer = await http.get('/complaints?product=%ED%A0%80', supervisor);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([]);
  });

  test('a route without query parameters refuses any with 400 UNKNOWN_QUERY_PARAMETER', async () => {
    const id = await newComplaint();
    const answer = await http.get(`/complaints/${id}/history?admin=true`, supervisor);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'UNKNOWN_QUERY_PARAMETER', details: { parameters: ['admin'] } });
  });

  test('every GET route refuses a query parameter it does not declare', async () => {
    const id = await newComplaint();
    const values: Record<string, string> = {
      id,
      team: 'quality',
      agentId: 'agent-7',
      type: 'ComplaintReceived',
      version: '1',
    };
    const routes = documentedRoutes(document, 'get');
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const path = route.template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? id);
      const answer = await http.get(`${path}?smuggled=1`, callerFor(route) ?? supervisor);
      expect({ path, status: answer.status, code: answer.body?.code }).toEqual({
        path,
        status: 400,
        code: expect.stringMatching(/^(UNKNOWN_QUERY_PARAMETER|VALIDATION_FAILED)$/),
      });
    }
  });

  test('SQL in a filter is a value to compare, not SQL', async () => {
    await newComplaint();
    const injected = await http.get(`/complaints?product=${encodeURIComponent("KT-200' OR '1'='1")}`, supervisor);
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);
  });
});
