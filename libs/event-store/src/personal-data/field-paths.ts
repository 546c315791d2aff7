/** Dotted paths (`customer.name`) into plain JSON objects. */

export function valueAt(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const name of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return node;
}

/** Sets an existing field of `data` (which the caller owns: a copy); absent paths are left alone. */
export function replaceAt(data: unknown, path: string, value: unknown): void {
  const names = path.split('.');
  const last = names.pop()!;
  const parent = names.length === 0 ? data : valueAt(data, names.join('.'));
  if (typeof parent === 'object' && parent !== null && Object.hasOwn(parent, last)) {
    (parent as Record<string, unknown>)[last] = value;
  }
}

/**
 * A copy of `data` in which every object on the way to one of `paths` is a fresh shallow copy, so
 * those fields can be replaced without touching the original (everything else is shared).
 */
export function copyAlong(data: unknown, paths: readonly string[]): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  const deeper = new Map<string, string[]>();
  for (const path of paths) {
    const dot = path.indexOf('.');
    if (dot === -1) continue;
    const name = path.slice(0, dot);
    deeper.set(name, [...(deeper.get(name) ?? []), path.slice(dot + 1)]);
  }
  for (const [name, rest] of deeper) if (Object.hasOwn(copy, name)) copy[name] = copyAlong(copy[name], rest);
  return copy;
}
