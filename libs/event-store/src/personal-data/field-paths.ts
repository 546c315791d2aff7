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
