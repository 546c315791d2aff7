import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';

/** What a handler takes from the request: its JSON body, its query string or its path parameters. */
export type RouteArgumentKind = 'body' | 'query' | 'path';

export interface RouteArgument {
  kind: RouteArgumentKind;
  /** The declared type: a DTO class is validated by the ValidationPipe, a primitive or interface is not. */
  metatype: unknown;
}

const KINDS = new Map<number, RouteArgumentKind>([
  [RouteParamtypes.BODY, 'body'],
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.PARAM, 'path'],
]);

/** Types the ValidationPipe lets through unchecked (its own list; an interface compiles to Object). */
const UNVALIDATED = new Set<unknown>([String, Boolean, Number, Array, Object, Buffer, Date]);

/**
 * The body, query and path arguments a handler declares, read from its parameter decorators: the
 * same metadata Nest binds arguments from, so what this reports is what the handler really takes.
 * Parameter decorators run before method decorators, so a method decorator may already call this.
 */
export function routeArgumentsOf(controller: object, handler: string | symbol): RouteArgument[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    { index: number }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', (controller as { prototype: object }).prototype, handler) ??
    []) as unknown[];
  return Object.entries(args).flatMap(([key, { index }]) => {
    const kind = KINDS.get(Number(key.split(':')[0]));
    return kind ? [{ kind, metatype: types[index] }] : [];
  });
}

/** A DTO class: the ValidationPipe checks it, so the route can answer 400 VALIDATION_FAILED. */
export function isValidatedArgument(argument: RouteArgument): boolean {
  return typeof argument.metatype === 'function' && !UNVALIDATED.has(argument.metatype);
}
