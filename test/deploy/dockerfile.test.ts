import { builtinModules } from 'node:module';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApi, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { run } from './compose-cli.js';
import { copyOf, execForm, type Instruction, parseDockerfile, type Stage } from './dockerfile.js';

/**
 * The Dockerfile without a Docker engine: its stages and user are checked as written, its build
 * stage is replayed here (the files it copies, the `npm run` steps it runs) and must produce every
 * entry point the image and docker-compose.yml start, and its health checks are run for real.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
let stages: Stage[];
let packageJson: { scripts: Record<string, string>; dependencies: Record<string, string> };

beforeAll(async () => {
  stages = parseDockerfile(await readFile(path.join(ROOT, 'Dockerfile'), 'utf8'));
  packageJson = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
});

const runtime = () => stages.at(-1)!;
const of = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);
const npmRunSteps = (stage: Stage) =>
  of(stage, 'RUN').flatMap(({ args }) => [...args.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!));

describe('Dockerfile', () => {
  test('builds in stages and runs as an unprivileged user with only compiled output', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = runtime();
    const user = of(final, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(npmRunSteps(final)).toEqual([]);
    for (const copy of of(final, 'COPY').map(copyOf)) {
      if (!copy.from) expect(copy.sources).toEqual(['package.json', 'package-lock.json']);
    }
    expect(of(final, 'COPY').map(copyOf)).toContainEqual(
      expect.objectContaining({ from: 'build', sources: ['/app/dist'] }),
    );
  });

  test('its build stage runs `npm run build`, a script of package.json', () => {
    const build = stages.find((stage) => stage.name === 'build')!;
    expect(npmRunSteps(build)).toEqual(['build']);
    expect(packageJson.scripts.build).toBeDefined();
  });

  test('the build stage, replayed here from exactly the files it copies, produces every entry point started', async () => {
    const build = stages.find((stage) => stage.name === 'build')!;
    const context = await mkdtemp(path.join(tmpdir(), 'docker-build-'));
    try {
      await copyBuildContext(build, context);
      // `npm install` is not replayed: the repository's node_modules stand in for it.
      await symlink(path.join(ROOT, 'node_modules'), path.join(context, 'node_modules'));
      for (const script of npmRunSteps(build)) {
        const result = await run('npm', ['run', script], {}, context);
        expect({ script, code: result.code, out: result.code ? result.stdout + result.stderr : '' }).toEqual({
          script,
          code: 0,
          out: '',
        });
      }
      for (const entry of await startedEntryPoints()) {
        expect({ entry, exists: await exists(path.join(context, entry)) }).toEqual({ entry, exists: true });
      }
      // The runtime stage installs `dependencies` only: compiled code may import nothing else.
      const imported = new Set([
        ...(await bareImports(path.join(context, 'dist/apps'))),
        ...(await bareImports(path.join(context, 'dist/libs'))),
      ]);
      const allowed = new Set([...Object.keys(packageJson.dependencies), ...builtinModules]);
      expect([...imported].filter((name) => !allowed.has(name.replace(/^node:/, '')))).toEqual([]);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('health checks', () => {
  let api: TestApi | undefined;
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test("the image's health check passes against a ready api and fails when nothing answers", async () => {
    const check = healthcheckScript(of(runtime(), 'HEALTHCHECK').at(-1)!.args);
    api = await startTestApi();
    const port = new URL(api.url).port;
    expect((await run('node', ['-e', check], { PORT: port })).code).toBe(0);
    await api.close();
    api = undefined;
    expect((await run('node', ['-e', check], { PORT: port })).code).not.toBe(0);
  });

  test("the projector's health check passes while its database answers and fails when it does not", async () => {
    const compose = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const { parse } = await import('yaml');
    const projector = (parse(compose) as { services: Record<string, { healthcheck: { test: string[] } }> }).services
      .projector!;
    const [kind, program, flag, script] = projector.healthcheck.test;
    expect([kind, program, flag]).toEqual(['CMD', 'node', '-e']);
    database = await createTestDatabase('healthcheck');
    expect((await run('node', ['-e', script!], { DATABASE_URL: database.url })).code).toBe(0);
    const gone = new URL(database.url);
    gone.pathname = '/no_such_database';
    expect((await run('node', ['-e', script!], { DATABASE_URL: gone.toString() })).code).not.toBe(0);
  });
});

/** `HEALTHCHECK [options] CMD node -e "<script>"` → the script. */
function healthcheckScript(args: string): string {
  const match = /CMD\s+node\s+-e\s+"(.*)"\s*$/.exec(args);
  if (!match) throw new Error(`Unexpected HEALTHCHECK form: ${args}`);
  return match[1]!.replace(/\\"/g, '"');
}

/** The build stage's COPY instructions from the context, honouring .dockerignore's simple patterns. */
async function copyBuildContext(build: Stage, context: string): Promise<void> {
  const ignored = (await readFile(path.join(ROOT, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
  const keep = (source: string) => !ignored.some((pattern) => pattern.test(path.basename(source)));
  for (const copy of of(build, 'COPY').map(copyOf)) {
    expect(copy.from).toBeUndefined();
    for (const source of copy.sources) {
      const intoDirectory = copy.destination.endsWith('/') || copy.sources.length > 1;
      const target = path.join(context, copy.destination, intoDirectory ? path.basename(source) : '');
      await cp(path.join(ROOT, source), target, { recursive: true, filter: keep });
    }
  }
}

/** What the image and compose start: the Dockerfile's CMD and each service's `node <file>` command. */
async function startedEntryPoints(): Promise<string[]> {
  const cmd = execForm(of(runtime(), 'CMD').at(-1)!.args);
  const compose = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const commands = [...compose.matchAll(/command:\s*\[\s*'node',\s*'([^']+)'/g)].map((match) => match[1]!);
  const entries = [cmd[1]!, ...commands];
  expect(entries).toEqual(expect.arrayContaining(['dist/apps/api/src/main.js', 'dist/apps/projector/src/main.js']));
  return entries;
}

/** Package names imported (statically or dynamically) by the compiled JavaScript under `dir`. */
async function bareImports(dir: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const code = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    const specifiers = [
      ...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm),
      ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
      ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1]!);
    for (const specifier of specifiers.filter((name) => !/^[.#/]/.test(name))) {
      const [scope, name] = specifier.split('/');
      names.add(scope!.startsWith('@') ? `${scope}/${name}` : scope!);
    }
  }
  return names;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
