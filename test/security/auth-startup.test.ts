/**
 * How the API gets its keys at start-up (a generated development secret, reused; none at all in
 * production), the fail-fast on a route without an access declaration, RS256 keys from a PEM file
 * or a JWKS file, and the CLI that mints tokens.
 */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CliContext } from '../../apps/cli/src/cli-context.js';
import { UsageError } from '../../apps/cli/src/command.js';
import { tokensMintCommand } from '../../apps/cli/src/commands/tokens-mint.command.js';
import { Allow } from '../../libs/platform/src/auth/access.decorators.js';
import { AuthModule } from '../../libs/platform/src/auth/auth.module.js';
import { signJwt } from '../../libs/platform/src/auth/jwt.js';
import { hs256Key } from '../../libs/platform/src/auth/keys.js';
import { TokenVerifier } from '../../libs/platform/src/auth/token-verifier.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { httpClient, startTestApi } from '../support/api.js';
import { type AppProcess, freePort, startAppProcess } from '../support/app-process.js';
import { TEST_JWT_SECRET } from '../support/auth.js';
import { intake } from '../support/complaint-requests.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
const processes: AppProcess[] = [];
beforeAll(async () => {
  database = await createTestDatabase('auth_startup');
});
afterAll(async () => {
  for (const app of processes) app.child.kill('SIGKILL');
  await database?.drop();
});

async function startApi(env: Record<string, string>, url = database.url): Promise<{ app: AppProcess; url: string }> {
  const port = await freePort();
  const app = startAppProcess('apps/api/src/main.ts', { DATABASE_URL: url, PORT: String(port), ...env });
  processes.push(app);
  return { app, url: `http://127.0.0.1:${port}` };
}

async function stop(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  await app.exited();
}

const claims = (exp: number) => ({
  sub: 'agent-7',
  roles: ['agent'],
  iss: 'complaint-desk',
  aud: 'complaint-desk-api',
  exp,
});

describe('development mode (npm start)', () => {
  test('generates a secret under DATA_DIR on first start, prints ready tokens that work, and reuses it after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'auth-dev-'));
    const first = await startApi({ NODE_ENV: 'development', DATA_DIR: dataDir });
    await first.app.waitFor(/export AGENT_TOKEN=\S+/);
    const secretFile = join(dataDir, 'auth', 'jwt-hs256.secret');
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    expect(first.app.output()).toContain(secretFile);
    expect(first.app.output()).toContain('npm run cli -- tokens mint --sub <id> --role');
    const token = /export AGENT_TOKEN=(\S+)/.exec(first.app.output())![1]!;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await httpClient(first.url, bearer).post('/complaints', intake())).status).toBe(201);
    await stop(first.app);

    const second = await startApi({ NODE_ENV: 'development', DATA_DIR: dataDir });
    await second.app.waitFor(/export AGENT_TOKEN=\S+/);
    expect((await httpClient(second.url, bearer).post('/complaints', intake())).status).toBe(201);
    await stop(second.app);
  });
});

describe('production', () => {
  test('refuses to start without a configured key, naming the settings', async () => {
    const { app } = await startApi({ NODE_ENV: 'production' });
    const { code } = await app.exited();
    expect(code).toBe(1);
    expect(app.output()).toContain('no token key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE');
    expect(app.output()).not.toMatch(/listening on/);
  });

  test('starts with a configured secret and prints no token', async () => {
    // Its own database: the personal-data master key of the development runs is not this one.
    const own = await createTestDatabase('auth_production');
    const { app, url } = await startApi(
      {
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        PERSONAL_DATA_MASTER_KEY: 'ab'.repeat(32),
      },
      own.url,
    );
    try {
      await app.waitFor(/listening on/);
      expect((await httpClient(url).get('/complaints')).status).toBe(401);
      expect(app.output()).not.toContain('TOKEN=');
    } finally {
      await stop(app);
      await own.drop();
    }
  });
});

describe('a route without an access declaration', () => {
  test('stops the application at start-up, naming the route', async () => {
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      open() {
        return {};
      }

      @Get('guarded')
      @Allow('admin')
      guarded() {
        return {};
      }
    }
    @Module({
      imports: [
        AuthModule.forRoot({ keys: hs256Key(TEST_JWT_SECRET), issuer: 'i', audience: 'a', clockToleranceSeconds: 0 }),
      ],
      controllers: [ForgottenController],
    })
    class ForgetfulModule {}
    const app = await NestFactory.create(ForgetfulModule, new FastifyAdapter(), { logger: false, abortOnError: false });
    await expect(app.init()).rejects.toThrow(/GET \/forgotten \(ForgottenController\.open\)/);
    await app.close();
  });
});

describe('RS256 keys from the identity provider', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rs256 = (kid?: string) =>
    signJwt(claims(Math.floor(Date.now() / 1000) + 600), { alg: 'RS256', privateKey: pair.privateKey, kid });
  const confused = () => {
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    return signJwt(claims(Math.floor(Date.now() / 1000) + 600), { alg: 'HS256', secret: hs256Key(pem).secret });
  };

  test.each([
    [
      'a PEM public key file',
      'AUTH_JWT_PUBLIC_KEY_FILE',
      () => pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    ],
    [
      'a JWKS file',
      'AUTH_JWKS_FILE',
      () => JSON.stringify({ keys: [{ ...pair.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' }] }),
    ],
  ])(
    'with %s the API accepts tokens signed by the private key, and no HS256 token made from the public key',
    async (_, setting, content) => {
      const file = join(await mkdtemp(join(tmpdir(), 'auth-keys-')), 'key');
      await writeFile(file, content());
      const api = await startTestApi({ env: { [setting]: file } });
      try {
        const http = httpClient(api.url);
        expect((await http.get('/complaints', { authorization: `Bearer ${rs256('k1')}` })).status).toBe(200);
        const confusion = await http.get('/complaints', { authorization: `Bearer ${confused()}` });
        expect(confusion).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
      } finally {
        await api.close();
      }
    },
  );
});

describe('tokens mint (CLI)', () => {
  async function mint(args: string[], env: Record<string, string> = { AUTH_JWT_SECRET: TEST_JWT_SECRET }) {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const text = { out: '', err: '' };
    out.on('data', (chunk: Buffer) => (text.out += chunk.toString()));
    err.on('data', (chunk: Buffer) => (text.err += chunk.toString()));
    const context = new CliContext(loadConfig({ NODE_ENV: 'test', ...env }), out, err);
    try {
      const code = await tokensMintCommand.run(args, context);
      return { code, ...text };
    } finally {
      await context.close();
    }
  }

  test('prints a token alone on stdout that the API accepts, with the subject, roles, teams and lifetime asked for', async () => {
    const run = await mint([
      '--sub',
      'agent-3',
      '--role',
      'agent',
      '--team',
      'logistics',
      '--team',
      'quality',
      '--ttl',
      '2h',
    ]);
    expect(run.code).toBe(0);
    const token = run.out.trim();
    expect(token.split('.')).toHaveLength(3);
    const verifier = new TokenVerifier({
      keys: hs256Key(TEST_JWT_SECRET),
      issuer: 'complaint-desk',
      audience: 'complaint-desk-api',
      clockToleranceSeconds: 0,
    });
    expect(verifier.verify(token)).toEqual({ id: 'agent-3', roles: ['agent'], teams: ['logistics', 'quality'] });
    const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      number
    >;
    expect(exp! - iat!).toBe(7200);
    expect(run.err).toContain('token for agent-3 (agent, teams logistics, quality), valid until');
  });

  test.each([
    [['--role', 'agent'], 'give exactly one --sub'],
    [['--sub', 'x'], 'give at least one --role'],
    [['--sub', 'x', '--role', 'root'], 'unknown role root'],
    [['--sub', 'x', '--role', 'agent', '--team', 'Team A'], '--team must be a lower-case slug'],
    [['--sub', 'x', '--role', 'agent', '--ttl', 'forever'], '--ttl must be a number'],
    [['--sub', 'x', '--role', 'agent', '--colour', 'blue'], 'unknown option --colour'],
  ])('refuses %j: %s', async (args, message) => {
    await expect(mint(args)).rejects.toThrow(UsageError);
    await expect(mint(args)).rejects.toThrow(message);
  });

  test('with RS256 keys configured it mints nothing: those tokens come from the identity provider', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'auth-mint-')), 'public.pem');
    await writeFile(
      file,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const run = await mint(['--sub', 'x', '--role', 'admin'], { AUTH_JWT_PUBLIC_KEY_FILE: file });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('mint them there');
  });
});
