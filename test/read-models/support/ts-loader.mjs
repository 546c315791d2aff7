// A Node ESM loader that runs the TypeScript sources directly (swc, like jest), so a test can start
// the real projector in a child process without a build. `#alias` imports resolve to sources.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { transformSync } from '@swc/core';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../..');
const swcOptions = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const ALIASES = {
  domain: 'domain',
  'event-store': 'event-store',
  platform: 'platform',
  'read-models': 'read-models',
  subscriptions: 'subscriptions',
  import: 'import',
};

export async function resolve(specifier, context, next) {
  const alias = /^#([a-z-]+)(?:\/(.+))?$/.exec(specifier);
  if (alias && ALIASES[alias[1]]) {
    const file = join(root, 'libs', ALIASES[alias[1]], 'src', `${alias[2] ?? 'index'}.ts`);
    return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = fileURLToPath(new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL));
    if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename, swcrc: false });
  return { format: 'module', source: code, shortCircuit: true };
}
