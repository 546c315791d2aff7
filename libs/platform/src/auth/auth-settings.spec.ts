import { chmod, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { loadAuthSettings } from './auth-settings.js';
import { mintToken, parseDuration } from './mint-token.js';
import { TokenVerifier } from './token-verifier.js';

const dataDir = () => mkdtemp(join(tmpdir(), 'auth-settings-'));

describe('where the API gets its token keys', () => {
  test('production without a configured key refuses to start', async () => {
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: await dataDir() });
    await expect(loadAuthSettings(config)).rejects.toThrow(ConfigError);
    await expect(loadAuthSettings(config)).rejects.toThrow(
      /AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE/,
    );
  });

  test('development generates a secret under DATA_DIR, readable by the owner only, and reuses it', async () => {
    const dir = await dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    const first = await loadAuthSettings(config);
    const file = first.developmentSecretFile!;
    expect(file.startsWith(dir)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const token = mintToken({ sub: 'sup-1', roles: ['supervisor'], ttlSeconds: 60 }, first.signingKey!, first);
    const second = await loadAuthSettings(config);
    expect(second.developmentSecretFile).toBe(file);
    expect(new TokenVerifier(second).verify(token).id).toBe('sup-1');
    expect((await readFile(file, 'utf8')).trim().length).toBeGreaterThanOrEqual(32);
  });

  test('development refuses a secret file others can read', async () => {
    const dir = await dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    const { developmentSecretFile } = await loadAuthSettings(config);
    await chmod(developmentSecretFile!, 0o644);
    await expect(loadAuthSettings(config)).rejects.toThrow(/readable by others .*chmod 600/);
  });

  test('a configured secret is used as it is, in any mode, and nothing is written', async () => {
    const dir = await dataDir();
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, AUTH_JWT_SECRET: 's'.repeat(32) });
    const settings = await loadAuthSettings(config);
    expect(settings.developmentSecretFile).toBeUndefined();
    expect(settings.keys.alg).toBe('HS256');
  });

  test('two key sources at once are a configuration error naming both', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWKS_FILE: '/etc/jwks.json' })).toThrow(
      'AUTH_JWT_SECRET, AUTH_JWKS_FILE: set only one token key source',
    );
  });

  test('a short secret is a configuration error that does not echo the secret', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'hunter2' })).toThrow('AUTH_JWT_SECRET must be at least 32 characters');
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  test('a missing key file is a configuration error naming the file', async () => {
    const config = loadConfig({ AUTH_JWT_PUBLIC_KEY_FILE: '/nonexistent/key.pem' });
    await expect(loadAuthSettings(config)).rejects.toThrow('cannot read /nonexistent/key.pem: ENOENT');
  });
});

describe('token lifetimes', () => {
  test.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
  ])('%s is %d seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  test.each(['0s', '8', 'h', '1.5h', '-1h', '400d'])('%s is not a lifetime', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
