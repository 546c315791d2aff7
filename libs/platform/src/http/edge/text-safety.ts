import type { FieldProblem } from '../../errors/api-error.js';

/** A UTF-16 surrogate without its partner: not a character, and PostgreSQL refuses it in text and jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored as text: PostgreSQL rejects U+0000 in text and jsonb, and a lone
 * surrogate cannot be encoded as UTF-8. Undefined when the string is fine.
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * The first string (property name or value) anywhere in a parsed JSON value that cannot be stored,
 * with its path. Walks with an explicit stack, so a deep value cannot exhaust the call stack.
 */
export function findUnstorableText(root: unknown, rootPath = ''): FieldProblem | undefined {
  const pending: [unknown, string][] = [[root, rootPath]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: path, problems: [`${path || 'body'} ${problem}`] };
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) return { field: path || 'body', problems: [`a property name ${keyProblem}`] };
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}
