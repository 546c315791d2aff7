import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compose, type ComposeRun, findCompose, resolvedConfig, type ResolvedService } from './compose-cli.js';

/**
 * docker-compose.yml as compose itself reads it: `config -q` must accept it (schema, references,
 * variables) in every way the README starts it, and the resolved stack must be wired as documented.
 * No Docker engine is needed: `config` only reads the file.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const FILE = path.join(ROOT, 'docker-compose.yml');
// The caller's own EVENT_STORE etc. must not leak into what the file defaults to.
const CLEAN_ENV = {
  EVENT_STORE: '',
  EVENTSTORE_CONNECTION_STRING: '',
  EVENTSTORE_IMAGE: '',
  EVENTSTORE_TIMEOUT_MS: '',
};
const DEFAULT: ComposeRun = { file: FILE, env: CLEAN_ENV };
const CLUSTER: ComposeRun = { file: FILE, profiles: ['cluster'], env: CLEAN_ENV };
const ON_POSTGRES: ComposeRun = { file: FILE, env: { ...CLEAN_ENV, EVENT_STORE: 'postgres' } };

let command: string[];

beforeAll(async () => {
  command = await findCompose();
});

const env = (service: ResolvedService) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));

const hostOf = (url: string) => new URL(url).hostname;

describe('docker-compose.yml', () => {
  test.each([
    ['the default single-node stack', DEFAULT],
    ['the 3-node cluster profile', CLUSTER],
    ['the stack on the PostgreSQL event store', ON_POSTGRES],
  ])('`config -q` accepts %s', async (_name, options) => {
    const result = await compose(command, options, ['config', '-q']);
    expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({ code: 0, stderr: '' });
  });

  test('the same check refuses a file with a misspelt key or an undefined dependency', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'compose-check-'));
    try {
      const broken = path.join(dir, 'docker-compose.yml');
      await writeFile(broken, 'services:\n  api:\n    image: x\n    helthcheck:\n      test: [CMD, "true"]\n');
      expect((await compose(command, { file: broken }, ['config', '-q'])).code).not.toBe(0);
      await writeFile(broken, 'services:\n  api:\n    image: x\n    depends_on: [eventstore]\n');
      expect((await compose(command, { file: broken }, ['config', '-q'])).code).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the api and the projector are built from the Dockerfile and wired to EventStoreDB and PostgreSQL', async () => {
    const { services } = await resolvedConfig(command, DEFAULT);
    for (const name of ['api', 'projector']) {
      const service = services[name]!;
      const context = typeof service.build === 'string' ? service.build : service.build?.context;
      expect(path.resolve(ROOT, context ?? '')).toBe(ROOT);
      expect(env(service)).toMatchObject({ EVENT_STORE: 'eventstoredb', EVENTSTORE_TIMEOUT_MS: '10000' });
      expect(hostOf(env(service).EVENTSTORE_CONNECTION_STRING!)).toBe('eventstoredb');
      expect(hostOf(env(service).DATABASE_URL!)).toBe('postgres');
      expect(service.depends_on).toEqual({
        eventstoredb: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
    expect(env(services.api!)).toMatchObject({ HOST: '0.0.0.0', PORT: '3000' });
    expect(services.projector!.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
  });

  test('every service of the default stack has a health check (the api gets its own from the Dockerfile)', async () => {
    const { services } = await resolvedConfig(command, DEFAULT);
    const started = Object.entries(services).filter(([, service]) => !service.profiles?.length);
    expect(started.map(([name]) => name).sort()).toEqual(['api', 'eventstoredb', 'postgres', 'projector']);
    for (const [name, service] of started) {
      if (name !== 'api') expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.anything() });
    }
    expect(env(services.eventstoredb!)).toMatchObject({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'System',
    });
  });

  test('EVENT_STORE=postgres switches both apps to the PostgreSQL event store', async () => {
    const { services } = await resolvedConfig(command, ON_POSTGRES);
    expect(env(services.api!).EVENT_STORE).toBe('postgres');
    expect(env(services.projector!).EVENT_STORE).toBe('postgres');
  });

  test('the cluster profile adds three EventStoreDB nodes that seed each other', async () => {
    const { services } = await resolvedConfig(command, CLUSTER);
    const nodes = ['esdb-node1', 'esdb-node2', 'esdb-node3'];
    for (const node of nodes) {
      const service = services[node]!;
      expect(service.profiles).toEqual(['cluster']);
      expect(service.healthcheck?.test).toBeDefined();
      expect(env(service).EVENTSTORE_CLUSTER_SIZE).toBe('3');
      const seeds = env(service)
        .EVENTSTORE_GOSSIP_SEED!.split(',')
        .map((seed) => seed.split(':')[0]);
      expect(seeds.sort()).toEqual(nodes.filter((other) => other !== node));
    }
  });
});
