/**
 * Canonical JSON: object keys sorted recursively (code-unit order, locale independent), no
 * whitespace. It drops and rewrites exactly what JSON.stringify does (undefined members and
 * functions vanish, undefined in arrays becomes null, toJSON is honoured: Dates become ISO strings),
 * so a value hashes the same before it is stored as JSONB and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '') ?? 'null';
}

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
