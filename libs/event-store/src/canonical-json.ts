/**
 * Canonical JSON: object keys sorted recursively (code-unit order, locale independent), no
 * whitespace. It drops and rewrites exactly what JSON.stringify does (undefined members and
 * functions vanish, undefined in arrays becomes null, toJSON is honoured: Dates become ISO strings),
 * so a value hashes the same before it is stored as JSONB and after it is read back.
 *
 * Every append and every verification serialises its events this way, so the usual path hands the
 * work to the engine's own JSON.stringify: objects whose members are out of order are copied in
 * order (objects already in order are used as they are), then stringified. Names that JavaScript
 * itself reorders or treats specially (array indexes such as "10", `__proto__`) make that copy
 * unfaithful, so values holding them are written member by member instead.
 */
export function canonicalJson(value: unknown): string {
  const ordered = inCanonicalOrder(value, '');
  if (ordered === UNORDERABLE) return serialize(value, '') ?? 'null';
  return JSON.stringify(ordered) ?? 'null';
}

const UNORDERABLE = Symbol('unorderable');

/** The value with every object's members in sorted order, or UNORDERABLE. */
function inCanonicalOrder(input: unknown, key: string): unknown {
  const value = hasToJson(input) ? input.toJSON(key) : input;
  // JSON.stringify would call the toJSON of what toJSON gave once more; the member-by-member writer does not.
  if (value !== input && hasToJson(value)) return UNORDERABLE;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return arrayInOrder(value);
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  let sorted = true;
  for (let at = 0; at < names.length; at += 1) {
    const name = names[at]!;
    if (INDEX_LIKE.test(name) || name === '__proto__') return UNORDERABLE;
    if (at > 0 && names[at - 1]! > name) sorted = false;
  }
  if (!sorted) names.sort();
  let copy: Record<string, unknown> | undefined = sorted ? undefined : {};
  for (const name of names) {
    const member = inCanonicalOrder(record[name], name);
    if (member === UNORDERABLE) return UNORDERABLE;
    if (!copy && member !== record[name]) copy = copyOfFirst(record, names, name);
    if (copy) copy[name] = member;
  }
  return copy ?? record;
}

function arrayInOrder(array: readonly unknown[]): unknown {
  let copy: unknown[] | undefined;
  for (let at = 0; at < array.length; at += 1) {
    const item = inCanonicalOrder(array[at], String(at));
    if (item === UNORDERABLE) return UNORDERABLE;
    if (!copy && item !== array[at]) copy = array.slice(0, at);
    if (copy) copy.push(item);
  }
  return copy ?? array;
}

/** A copy of the members before `stop`, in `names` order (all unchanged so far). */
function copyOfFirst(record: Record<string, unknown>, names: readonly string[], stop: string) {
  const copy: Record<string, unknown> = {};
  for (const name of names) {
    if (name === stop) break;
    copy[name] = record[name];
  }
  return copy;
}

/** Names that objects list first, in numeric order, whatever order they were set in. */
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/** The member-by-member writer, for values the fast path cannot order faithfully. */
function serialize(input: unknown, key: string): string | undefined {
  const value = hasToJson(input) ? input.toJSON(key) : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => serialize(item, String(index)) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  let members = '';
  for (const name of Object.keys(record).sort()) {
    const serialized = serialize(record[name], name);
    if (serialized !== undefined) members += `${members ? ',' : ''}${JSON.stringify(name)}:${serialized}`;
  }
  return `{${members}}`;
}

function hasToJson(value: unknown): value is { toJSON(key: string): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** A deep copy as it would come back from a JSON store (JSONB in PostgreSQL). */
export function jsonRoundTrip<T>(value: T): T {
  const json = JSON.stringify(value);
  return (json === undefined ? null : JSON.parse(json)) as T;
}
