/**
 * A validated DTO as plain JSON data: class instances and `undefined` fields do not belong in an
 * event body (they would not survive storage, and the hash is computed before storage).
 */
export function plain<T extends object>(dto: T): { [K in keyof T]: T[K] } {
  return JSON.parse(JSON.stringify(dto));
}
