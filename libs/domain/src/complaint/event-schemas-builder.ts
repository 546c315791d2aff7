/**
 * A tiny JSON Schema builder that also carries the TypeScript type each schema describes, so that the
 * published event contracts (event-schemas.ts) are checked against the event types by the compiler:
 * a field added to an event type and not to its schema (or the reverse) is a compile error, not a
 * silent drift. Only the few keywords the events need are supported. Pure data, no I/O.
 */

/** A JSON Schema document fragment (draft 2020-12), as plain JSON. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A schema plus, at the type level only, the TypeScript type of the values it accepts. */
export interface Schema<T> {
  readonly json: JsonSchema;
  /** Never set; lets `Infer` recover T. */
  readonly _type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Flatten<T> = { [K in keyof T]: T[K] };
type ObjectOf<Required extends Shape, Optional extends Shape> = Flatten<
  { [K in keyof Required]: Infer<Required[K]> } & { [K in keyof Optional]?: Infer<Optional[K]> }
>;

const schema = <T>(json: JsonSchema): Schema<T> => ({ json });

export const string = (limits: { minLength?: number; maxLength?: number; format?: 'date-time' | 'uuid' } = {}) =>
  schema<string>({ type: 'string', ...limits });

/** An ISO-8601 UTC instant, as every `…At` field of the events. */
export const instant = () => string({ format: 'date-time' });

export const integer = (limits: { minimum?: number; maximum?: number } = {}) =>
  schema<number>({ type: 'integer', ...limits });

export const boolean = () => schema<boolean>({ type: 'boolean' });

export const oneOf = <const V extends string | number>(values: readonly V[]) => schema<V>({ enum: [...values] });

export const array = <T>(items: Schema<T>, limits: { maxItems?: number } = {}) =>
  schema<T[]>({ type: 'array', items: items.json, ...limits });

/** A closed object: unknown properties are refused, so a schema cannot silently lag behind the data. */
export function object<Required extends Shape, Optional extends Shape = Record<never, never>>(
  required: Required,
  optional?: Optional,
): Schema<ObjectOf<Required, Optional>> {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, field] of Object.entries({ ...required, ...optional })) properties[name] = field.json;
  return schema({ type: 'object', properties, required: Object.keys(required), additionalProperties: false });
}

/** Adds a description (shown by schema viewers and code generators) without changing the type. */
export const described = <T>(inner: Schema<T>, description: string): Schema<T> =>
  schema<T>({ ...inner.json, description });

/**
 * Type-level exact equality after flattening nested objects, so `A & B` equals the same fields
 * written as one object literal, while a missing, extra, optional-vs-required or differently typed
 * field makes them unequal.
 */
export type Exact<A, B> =
  (<X>() => X extends DeepFlatten<A> ? 1 : 2) extends <X>() => X extends DeepFlatten<B> ? 1 : 2 ? true : false;

type DeepFlatten<T> = T extends readonly (infer Item)[]
  ? DeepFlatten<Item>[]
  : T extends object
    ? { [K in keyof T]: DeepFlatten<T[K]> }
    : T;
