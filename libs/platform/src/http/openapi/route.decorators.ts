import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  type ApiHeaderOptions,
  ApiOperation,
  ApiResponse,
  type HeadersObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { isValidatedArgument, type RouteArgument, routeArgumentsOf } from '../route-arguments.js';
import { ApiErrors } from './api-errors.decorator.js';
import type { ErrorExample } from './error-example.js';
import { AccessErrors, EdgeErrors, IdempotencyErrors } from './platform-errors.examples.js';

interface AnswerBase {
  status?: 200 | 201 | 202;
  description: string;
  headers?: HeadersObject;
}

/** A JSON answer: its schema (a documented class, or a schema object) and a complete example. */
export interface JsonAnswer extends AnswerBase {
  type?: Type<unknown>;
  schema?: SchemaObject;
  example: unknown;
}

/** Any other answer (an event stream, NDJSON, Prometheus text): its media type and a sample. */
export interface TextAnswer extends AnswerBase {
  contentType: string;
  example: string;
}

export interface EmptyAnswer {
  status: 204;
  description: string;
}

/** The JSON body a route takes: its DTO and a complete, valid example of it. */
export interface RequestBodyDoc<T> {
  type: Type<T>;
  example: T;
}

export interface RouteDoc<T = unknown> {
  summary: string;
  description?: string;
  answer: JsonAnswer | TextAnswer | EmptyAnswer;
  /** The errors the route itself gives; those of the edge, the token and the body are added. */
  errors?: readonly ErrorExample[];
  body?: RequestBodyDoc<T>;
  /** Request headers the route reads, such as If-Match. */
  headers?: readonly ApiHeaderOptions[];
}

interface RouteKind {
  /** Needs a bearer token (declared with @Allow): 401 and 403. */
  token: boolean;
  /** Counted by the rate limit: everything but probes and scrapes (rate-limit.ts). */
  rateLimited: boolean;
  /** A POST: the IdempotencyInterceptor honours Idempotency-Key. */
  idempotencyKey: boolean;
}

const IDEMPOTENCY_KEY: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Makes a retry safe: the same key with the same request answers as the first time did (with ' +
    'Idempotent-Replayed: true) without running it again; the same key with another request is a 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/** Anyone may call it without a token; counted by the rate limit. */
export const ApiPublicRoute = <T>(doc: RouteDoc<T>) =>
  documentRoute(doc, { token: false, rateLimited: true, idempotencyKey: false });
/** Probes and scrapes (health, metrics): public and never rate limited. */
export const ApiProbeRoute = <T>(doc: RouteDoc<T>) =>
  documentRoute(doc, { token: false, rateLimited: false, idempotencyKey: false });
/** A GET for callers with a token of an allowed role. */
export const ApiReadRoute = <T>(doc: RouteDoc<T>) =>
  documentRoute(doc, { token: true, rateLimited: true, idempotencyKey: false });
/** A POST for callers with a token of an allowed role; Idempotency-Key makes retries safe. */
export const ApiWriteRoute = <T>(doc: RouteDoc<T>) =>
  documentRoute(doc, { token: true, rateLimited: true, idempotencyKey: true });
/** A DELETE for callers with a token of an allowed role. */
export const ApiDeleteRoute = <T>(doc: RouteDoc<T>) =>
  documentRoute(doc, { token: true, rateLimited: true, idempotencyKey: false });

/**
 * The OpenAPI description of one route: summary, its answer, the body's example, and every error it
 * can give. The errors of what stands in front of the handler follow from what the handler declares
 * (body, query, path: read from its parameter decorators), as the edge itself decides them.
 */
function documentRoute<T>(doc: RouteDoc<T>, kind: RouteKind): MethodDecorator {
  return (target, handler, descriptor) => {
    const args = routeArgumentsOf(target.constructor, handler);
    requireBodyExample(doc, args, `${target.constructor.name}.${String(handler)}`);
    applyDecorators(
      ApiOperation({ summary: doc.summary, description: doc.description }),
      answer(doc.answer),
      ApiErrors(...(doc.errors ?? []), ...edgeErrorsOf(args, kind)),
      ...(doc.body ? [ApiBody({ type: doc.body.type, examples: { example: { value: doc.body.example } } })] : []),
      ...[...(kind.idempotencyKey ? [IDEMPOTENCY_KEY] : []), ...(doc.headers ?? [])].map((h) => ApiHeader(h)),
    )(target, handler, descriptor);
  };
}

function answer(doc: RouteDoc['answer']): MethodDecorator {
  const status = doc.status ?? 200;
  if (!('example' in doc)) return ApiResponse({ status, description: doc.description });
  const { description, headers, example } = doc;
  if ('contentType' in doc) {
    return ApiResponse({
      status,
      description,
      headers,
      content: { [doc.contentType]: { schema: { type: 'string' }, example } },
    });
  }
  if (doc.schema) return ApiResponse({ status, description, headers, schema: { ...doc.schema, example } });
  return ApiResponse({ status, description, headers, type: doc.type, example });
}

function edgeErrorsOf(args: readonly RouteArgument[], kind: RouteKind): ErrorExample[] {
  const takes = (what: RouteArgument['kind']) => args.some((argument) => argument.kind === what);
  return [
    ...(args.some(isValidatedArgument) ? [EdgeErrors.VALIDATION_FAILED] : []),
    EdgeErrors.UNSUPPORTED_CHARACTER,
    ...(takes('query') ? [] : [EdgeErrors.UNKNOWN_QUERY_PARAMETER]),
    ...(takes('body')
      ? [
          EdgeErrors.MALFORMED_JSON,
          EdgeErrors.JSON_TOO_DEEP,
          EdgeErrors.PAYLOAD_TOO_LARGE,
          EdgeErrors.UNSUPPORTED_MEDIA_TYPE,
        ]
      : []),
    ...(kind.token ? Object.values(AccessErrors) : []),
    ...(kind.idempotencyKey ? Object.values(IdempotencyErrors) : []),
    ...(kind.rateLimited ? [EdgeErrors.RATE_LIMITED] : []),
  ];
}

/** A body without its example (or an example without a body) is a mistake caught when the class loads. */
function requireBodyExample(doc: RouteDoc<unknown>, args: readonly RouteArgument[], route: string): void {
  const takesBody = args.some((argument) => argument.kind === 'body');
  if (takesBody !== (doc.body !== undefined)) {
    throw new Error(`${route}: document the request body with its example (body: { type, example }), and only then`);
  }
}
