/**
 * The domain gets time and ids as arguments (DESIGN.md). Imports are policed by dependency-cruiser
 * and ESLint; this spec polices what they cannot see: reading the clock or a random source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/new Date\(\s*\)/, 'reads the clock (new Date())'],
  [/Date\.now\(/, 'reads the clock (Date.now())'],
  [/Math\.random\(/, 'uses a random source'],
  [/randomUUID|crypto\./, 'generates ids'],
  [/from '(?!\.)[^']*'/, 'imports something outside the domain'],
  [/process\.|console\./, 'touches the process or the console'],
];

describe('the domain is pure', () => {
  const files = sources(root);

  test('the sources are found', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(forbidden)('no domain source %s', (pattern, what) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(file, 'utf8')));
    expect({ what, offenders }).toEqual({ what, offenders: [] });
  });
});
