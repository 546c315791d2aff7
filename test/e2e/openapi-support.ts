/**
 * Reading the OpenAPI document for its completeness test: the operations, their answers, and the
 * error codes the API's source really gives (so an example cannot show a code that does not exist).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DOMAIN_ERROR_KINDS, DomainError, type DomainErrorCode } from '../../libs/domain/src/index.js';
import { toApiError } from '../../apps/api/src/complaints/commands/domain-error.mapping.js';

export interface Example {
  value?: unknown;
}

export interface MediaType {
  schema?: { $ref?: string } & Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, Example>;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
  'x-allowed-roles'?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** One operation, named as a route: `POST /complaints/{id}/close`. */
export interface DocumentedOperation {
  route: string;
  method: string;
  path: string;
  operation: Operation;
}

export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );
}

/** The examples of a media type: its `example`, its schema's, or each of its named `examples`. */
export function examplesOf(media: MediaType | undefined): unknown[] {
  if (!media) return [];
  if (media.examples) return Object.values(media.examples).map((example) => example.value);
  const example = media.example ?? media.schema?.example;
  return example === undefined ? [] : [example];
}

const FACTORY_STATUS: Record<string, number> = {
  badRequest: 400,
  unauthorized: 401,
  notFound: 404,
  conflict: 409,
  preconditionFailed: 412,
  unprocessable: 422,
};

/** Where the source gives an error code, and the status it gives it with (undefined: decided elsewhere). */
const THROW_SITES: { pattern: RegExp; status: (match: RegExpMatchArray) => number | undefined }[] = [
  { pattern: /ApiError\.(\w+)\(\s*'([A-Z][A-Z0-9_]+)'/g, status: (m) => FACTORY_STATUS[m[1]!] },
  { pattern: /new ApiError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]+)'/g, status: (m) => Number(m[1]) },
  { pattern: /status(?:Code)?:\s*(\d{3}),\s*code:\s*'([A-Z][A-Z0-9_]+)'/g, status: (m) => Number(m[1]) },
  { pattern: /new (TokenError)\(\s*'([A-Z][A-Z0-9_]+)'/g, status: () => 401 },
  { pattern: /readonly (code) = '([A-Z][A-Z0-9_]+)'/g, status: () => undefined },
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    // Examples are what is checked here, so they cannot vouch for themselves.
    return /\.ts$/.test(entry.name) && !/\.(spec|examples)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every error code the API gives, with the statuses it gives it with: read from where the source
 * throws (apps and libs, without tests and OpenAPI examples), and the decider's codes as toApiError
 * answers them.
 */
export function errorCodesOfTheApi(root: string): Map<string, Set<number>> {
  const codes = new Map<string, Set<number>>();
  const add = (code: string, status: number | undefined) => {
    const statuses = codes.get(code) ?? new Set<number>();
    if (status !== undefined) statuses.add(status);
    codes.set(code, statuses);
  };
  for (const file of [...sourceFiles(join(root, 'apps')), ...sourceFiles(join(root, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    for (const { pattern, status } of THROW_SITES) {
      for (const match of text.matchAll(pattern)) add(match[2]!, status(match));
    }
  }
  for (const code of Object.keys(DOMAIN_ERROR_KINDS) as DomainErrorCode[]) {
    add(code, toApiError(new DomainError(code, '')).status);
  }
  return codes;
}

/** Validates a value against a schema of the document (OpenAPI 3.0: `nullable`, refs to components). */
export function schemaChecker(document: OpenApiDocument): (schema: object, value: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: document.components }, 'openapi');
  return (schema, value) => {
    const validate = ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')),
    );
    return validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}
