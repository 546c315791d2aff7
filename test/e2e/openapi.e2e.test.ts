import { fileURLToPath } from 'node:url';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { RouteAccessTable } from '../../libs/platform/src/auth/route-access-table.js';
import { UNLIMITED_PATHS } from '../../libs/platform/src/http/edge/rate-limit.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import {
  type DocumentedOperation,
  errorCodesOfTheApi,
  examplesOf,
  type OpenApiDocument,
  operationsOf,
  type Response,
  schemaChecker,
} from './openapi-support.js';

let api: TestApi;
let document: OpenApiDocument;
let operations: DocumentedOperation[];

beforeAll(async () => {
  // The test clock's routes too: every route the API can serve.
  api = await startTestApi({ env: { TEST_CLOCK_CONTROL: 'true' } });
  document = (await httpClient(api.url).get('/docs-json')).body;
  operations = operationsOf(document);
});
afterAll(() => api.close());

/** Every problem of every operation, so one failure names everything left to document. */
function problemsOf(check: (operation: DocumentedOperation) => string[]): string[] {
  return operations.flatMap((operation) => check(operation).map((problem) => `${operation.route}: ${problem}`));
}

const JSON_MEDIA = 'application/json';
const TOKEN_CODES = ['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_NOT_YET_VALID'];

function codesOf(response: Response | undefined): string[] {
  return examplesOf(response?.content?.[JSON_MEDIA]).map((example) => (example as { code?: string }).code ?? '');
}

function errorStatuses(operation: DocumentedOperation): string[] {
  return Object.keys(operation.operation.responses).filter((status) => Number(status) >= 400);
}

test('the OpenAPI document at /docs-json describes every route, and each request body schema names its fields', async () => {
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/complaints', '/complaints/{id}/close', '/complaints/{id}/history']),
  );
  const bodies = operations
    .map(({ operation }) => operation.requestBody?.content[JSON_MEDIA]?.schema?.$ref)
    .filter((ref): ref is string => Boolean(ref));
  expect(bodies.length).toBeGreaterThan(15);
  for (const ref of bodies) {
    const schema = document.components.schemas[ref.split('/').pop()!]!;
    const properties = Object.keys((schema.properties as object | undefined) ?? {}).length > 0;
    expect({ ref, properties }).toEqual({ ref, properties: true });
  }
  expect(document.components.schemas.ReceiveComplaintDto!.required).toEqual(
    expect.arrayContaining(['channel', 'customer']),
  );
});

test('the interactive documentation is served at /docs', async () => {
  const answer = await fetch(`${api.url}/docs`);
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain('swagger');
});

/** The routes the running API serves, named as the document names them, with who may call each. */
function servedRoutes() {
  const routes = api.app.get(RouteAccessTable).routes();
  return new Map(routes.map(({ method, path, access }) => [`${method} ${path.replace(/:(\w+)/g, '{$1}')}`, access]));
}

test('every route the API serves is in the document, and the document has no route the API does not serve', () => {
  expect(operations.map(({ route }) => route).sort()).toEqual([...servedRoutes().keys()].sort());
});

test('every operation has a summary and a tag, and a described success answer with its media type and an example that fits its schema', () => {
  const check = schemaChecker(document);
  const problems = problemsOf(({ operation }) => {
    const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
    const found: string[] = [];
    if (!operation.summary && !operation.description) found.push('no summary');
    if (!operation.tags?.length) found.push('no tag');
    if (success.length === 0) found.push('no success answer');
    for (const [status, response] of success) {
      if (!response.description) found.push(`${status}: no description`);
      if (status === '204') continue;
      const [media, content] = Object.entries(response.content ?? {})[0] ?? [];
      const [example] = examplesOf(content);
      if (!media || example === undefined) found.push(`${status}: no media type with an example`);
      else if (media === JSON_MEDIA && !content?.schema) found.push(`${status}: no schema`);
      else if (media === JSON_MEDIA)
        found.push(...check(content!.schema!, example).map((p) => `${status} example: ${p}`));
      else if (typeof example !== 'string') found.push(`${status}: the ${media} example is not text`);
    }
    return found;
  });
  expect(problems).toEqual([]);
});

test('a route that needs a token says so (bearer security, 401 with every token code, 403), and a public route asks for none', () => {
  const access = servedRoutes();
  const problems = problemsOf(({ route, operation }) => {
    const guarded = access.get(route)?.public === false;
    const bearer = operation.security?.some((requirement) => 'bearer' in requirement) ?? false;
    const documented = {
      bearer,
      tokenCodes: TOKEN_CODES.every((code) => codesOf(operation.responses['401']).includes(code)),
      forbidden: codesOf(operation.responses['403']).includes('ROLE_NOT_ALLOWED'),
    };
    const expected = { bearer: guarded, tokenCodes: guarded, forbidden: guarded };
    return JSON.stringify(documented) === JSON.stringify(expected)
      ? []
      : [`${guarded ? 'needs a token' : 'is public'} but documents ${JSON.stringify(documented)}`];
  });
  expect(problems).toEqual([]);
});

test('every error answer has a description, the ApiError schema and examples of codes the API really gives with that status', () => {
  const known = errorCodesOfTheApi(fileURLToPath(new URL('../..', import.meta.url)));
  const problems = problemsOf((operation) =>
    errorStatuses(operation).flatMap((status) => {
      const response = operation.operation.responses[status]!;
      const media = response.content?.[JSON_MEDIA];
      const found: string[] = [];
      if (!response.description) found.push(`${status}: no description`);
      if (media?.schema?.$ref !== '#/components/schemas/ApiError') found.push(`${status}: not the ApiError schema`);
      const examples = examplesOf(media) as { statusCode?: number; code?: string }[];
      if (examples.length === 0) found.push(`${status}: no example`);
      for (const { statusCode, code = '' } of examples) {
        const statuses = known.get(code);
        if (statusCode !== Number(status)) found.push(`${status}: an example of ${code} says statusCode ${statusCode}`);
        if (!statuses) found.push(`${status}: ${code} is not a code the API gives`);
        else if (statuses.size > 0 && !statuses.has(Number(status)))
          found.push(`${status}: the API gives ${code} with ${[...statuses].join(', ')}`);
      }
      return found;
    }),
  );
  expect(problems).toEqual([]);
});

/** What a caller can cause on a route, by what the route takes: [status, a code that must be among its examples]. */
function causableErrors({ method, path, operation }: DocumentedOperation): [number, string?][] {
  const parameters = operation.parameters ?? [];
  const takesInput = operation.requestBody || parameters.some((p) => p.in === 'path' || p.in === 'query');
  return [
    ...(takesInput ? [[400] as [number]] : []),
    // An id that must be a UUID names something that may not exist.
    ...(codesOf(operation.responses['400']).includes('INVALID_ID') ? [[404] as [number]] : []),
    ...(parameters.some((p) => p.name === 'If-Match')
      ? ([[409], [412, 'REVISION_MISMATCH'], [422]] as [number, string?][])
      : []),
    ...(operation.requestBody
      ? ([
          [400, 'MALFORMED_JSON'],
          [413, 'PAYLOAD_TOO_LARGE'],
          [415, 'UNSUPPORTED_MEDIA_TYPE'],
        ] as [number, string][])
      : []),
    ...(method === 'POST' ? ([[422, 'IDEMPOTENCY_KEY_REUSED']] as [number, string][]) : []),
    ...(UNLIMITED_PATHS.test(path) ? [] : ([[429, 'RATE_LIMITED']] as [number, string][])),
  ];
}

test('each route documents the errors its caller can cause: bad input, unknown ids, stale or refused commands, bodies too large or not JSON, the rate limit', () => {
  const problems = problemsOf((operation) =>
    causableErrors(operation)
      .filter(([status, code]) => {
        const response = operation.operation.responses[String(status)];
        return !response || (code !== undefined && !codesOf(response).includes(code));
      })
      .map(([status, code]) => `no ${status}${code ? ` ${code}` : ''}`),
  );
  expect(problems).toEqual([]);
});

test('every request body has an example that its DTO accepts, unknown fields refused', async () => {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new () => object, unknown> };
  const dtos = new Map([...storage.validationMetadatas.keys()].map((dto) => [dto.name, dto]));
  const problems: string[] = [];
  for (const { route, operation } of operations) {
    const media = operation.requestBody?.content[JSON_MEDIA];
    if (!operation.requestBody) continue;
    const dto = dtos.get(media?.schema?.$ref?.split('/').pop() ?? '');
    const examples = examplesOf(media);
    if (examples.length === 0) problems.push(`${route}: the body has no example`);
    if (!dto) {
      problems.push(`${route}: the body is not a validated DTO`);
      continue;
    }
    for (const example of examples) {
      const body = plainToInstance(dto, example as object);
      const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
      problems.push(...errors.map((error) => `${route}: ${error.property}: ${Object.values(error.constraints ?? {})}`));
    }
  }
  expect(problems).toEqual([]);
});
