import type { DocumentedRoute } from './openapi-routes.js';
import {
  AUTHORIZATION,
  BAD_PATH_IDS,
  CONTENT_TYPES,
  CORRELATION_IDS,
  IDEMPOTENCY_KEYS,
  IF_MATCH,
  INJECTIONS,
  MALFORMED_JSON,
  UNICODE_EDGES,
  WRONG_TYPES,
} from './payloads.js';
import type { Random } from './random.js';

/** How often each kind of request is sent; `valid` ones make the API write, so rejected writes can be told apart. */
export const KIND_WEIGHTS = {
  valid: 12,
  wrongType: 10,
  hugeString: 7,
  deepJson: 6,
  unicode: 10,
  injection: 10,
  missingField: 8,
  extraField: 7,
  malformedJson: 8,
  wrongContentType: 6,
  badPathId: 8,
  hostileHeaders: 8,
} as const;
export type Kind = keyof typeof KIND_WEIGHTS;

export interface HostileRequest {
  kind: Kind;
  route: DocumentedRoute;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a request is built from: a route with good path values, a good body and a caller. */
export interface Baseline {
  route: DocumentedRoute;
  pathValues: Record<string, string>;
  body?: Record<string, unknown>;
  caller: Record<string, string>;
}

type Json = Record<string, unknown>;

/** Every place a value sits in a body: `customer.name`, `whys.1`… */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Object.entries(value as Json);
  return [
    ...(prefix.length ? [prefix] : []),
    ...entries.flatMap(([key, child]) => fieldPaths(child, [...prefix, key])),
  ];
}

function setAt(body: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(body);
  let target = copy as Json;
  for (const key of path.slice(0, -1)) target = target[key] as Json;
  target[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(body: Json, path: string[]): Json {
  const copy = structuredClone(body);
  let target = copy as Json;
  for (const key of path.slice(0, -1)) target = target[key] as Json;
  delete target[path[path.length - 1]!];
  return copy;
}

/** JSON text with `RAW:` string values written verbatim (numbers JSON.stringify cannot produce). */
function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"RAW:([^"]*)"/g, '$1');
}

function withField(random: Random, body: Json | undefined, value: unknown): string {
  const base = body ?? {};
  const paths = fieldPaths(base);
  return toJson(paths.length ? setAt(base, random.pick(paths), value) : { ...base, field: value });
}

/** Arrays or objects nested `depth` deep, as text (building the value first would be the recursion under test). */
function deepText(random: Random, depth: number): string {
  return random.chance(0.5)
    ? `${'['.repeat(depth)}"x"${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function hugeString(random: Random): string {
  const length = random.pick([129, 201, 255, 1025, 10_001, 30_000, 70_000, 200_000]);
  const unit = random.pick(['A', 'é', '\u{1F600}', '\u0301', "'"]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function pathOf(route: DocumentedRoute, values: Record<string, string>): string {
  return route.template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'missing');
}

/** Kinds that replace the body with a mutated one (sent as application/json). */
const BODY_MUTATIONS: Partial<Record<Kind, (random: Random, body: Json | undefined) => string>> = {
  wrongType: (random, body) => withField(random, body, random.pick(WRONG_TYPES)),
  hugeString: (random, body) => withField(random, body, hugeString(random)),
  deepJson: (random, body) => {
    const deep = deepText(random, random.pick([17, 40, 500, 5_000, 20_000]));
    return random.chance(0.3) ? deep : withField(random, body, 'RAW:__DEEP__').replace('__DEEP__', deep);
  },
  unicode: (random, body) =>
    random.chance(0.2)
      ? toJson({ ...(body ?? {}), [random.pick(UNICODE_EDGES)]: 'key' })
      : withField(random, body, `${random.pick(['', 'text '])}${random.pick(UNICODE_EDGES)}`),
  injection: (random, body) => withField(random, body, random.pick(INJECTIONS)),
  missingField: (random, body) => {
    const paths = fieldPaths(body ?? {});
    return paths.length && random.chance(0.8) ? toJson(deleteAt(body!, random.pick(paths))) : '{}';
  },
  extraField: (random, body) => extraField(random, body ?? {}),
  malformedJson: (random, body) => {
    const text = body ? toJson(body) : '';
    return random.chance(0.3) && text ? text.slice(0, random.int(text.length)) : random.pick(MALFORMED_JSON);
  },
};

/** Builds one hostile request of the given kind from a baseline. */
export function hostileRequest(random: Random, kind: Kind, baseline: Baseline): HostileRequest {
  const { route, body, caller } = baseline;
  const json = { 'content-type': 'application/json' };
  const request: HostileRequest = {
    kind,
    route,
    path: pathOf(route, baseline.pathValues),
    headers: { ...caller, ...(body ? json : {}) },
    body: body ? toJson(body) : undefined,
  };
  const mutateBody = BODY_MUTATIONS[kind];
  if (mutateBody) return { ...request, headers: { ...request.headers, ...json }, body: mutateBody(random, body) };
  if (kind === 'wrongContentType') {
    const type = random.pick(CONTENT_TYPES);
    return { ...request, headers: { ...request.headers, 'content-type': type }, body: request.body ?? 'field=value' };
  }
  if (kind === 'badPathId') return { ...request, path: badPath(random, route, baseline.pathValues) };
  if (kind === 'hostileHeaders') return { ...request, headers: { ...request.headers, ...hostileHeaders(random) } };
  return request;
}

function extraField(random: Random, body: Json): string {
  const text = toJson(body);
  const extras = [
    '"__proto__":{"polluted":true}',
    '"constructor":{"prototype":{"polluted":true}}',
    '"actor":{"id":"admin","role":"admin"}',
    '"isAdmin":true',
    '"revision":99',
    '"metadata":{"correlationId":"forged"}',
    `"${random.pick(['priority', 'status', 'hash', 'streamName'])}":"P1"`,
  ];
  return text === '{}' ? `{${random.pick(extras)}}` : text.replace('{', `{${random.pick(extras)},`);
}

function badPath(random: Random, route: DocumentedRoute, values: Record<string, string>): string {
  if (route.pathParams.length === 0) return `${route.template}/${random.pick(BAD_PATH_IDS)}`;
  const target = random.pick(route.pathParams);
  return pathOf(route, { ...values, [target]: random.pick(BAD_PATH_IDS) });
}

function hostileHeaders(random: Random): Record<string, string> {
  const all: Record<string, () => string> = {
    'if-match': () => random.pick(IF_MATCH),
    'idempotency-key': () => random.pick(IDEMPOTENCY_KEYS),
    authorization: () => random.pick(AUTHORIZATION),
    'x-correlation-id': () => random.pick(CORRELATION_IDS),
    'last-event-id': () => random.pick(['start', '-1', 'x'.repeat(300)]),
    'x-actor-id': () => random.pick(['', 'a b', 'admin', 'x'.repeat(200)]),
    'x-actor-role': () => random.pick(['root', 'admin', 'system', '']),
    'x-forwarded-for': () => random.pick(['127.0.0.1', '::1, 10.0.0.1', 'garbage']),
  };
  const names = Object.keys(all);
  const chosen = new Set([random.pick(names), random.pick(names)]);
  return Object.fromEntries([...chosen].map((name) => [name, all[name]!()]));
}
