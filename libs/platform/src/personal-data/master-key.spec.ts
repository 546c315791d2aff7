import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DEVELOPMENT_MASTER_KEY_FILE, masterKeyOf, resolveMasterKey } from './master-key.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'master-key-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the personal-data master key', () => {
  test('a configured key must be 32 bytes in hex or base64', () => {
    expect(() => loadConfig({ PERSONAL_DATA_MASTER_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ PERSONAL_DATA_MASTER_KEY: randomBytes(16).toString('hex') })).toThrow(ConfigError);
    for (const text of [randomBytes(32).toString('hex'), randomBytes(32).toString('base64')]) {
      expect(loadConfig({ PERSONAL_DATA_MASTER_KEY: text }).PERSONAL_DATA_MASTER_KEY).toBe(text);
    }
  });

  test('the same key in hex and in base64 is the same key, with the same fingerprint', () => {
    const bytes = randomBytes(32);
    const hex = masterKeyOf(bytes.toString('hex'));
    const base64 = masterKeyOf(bytes.toString('base64'));
    expect(hex.id).toBe(base64.id);
    expect(hex.id).toMatch(/^[0-9a-f]{16}$/);
    expect(hex.id).not.toBe(masterKeyOf(randomBytes(32).toString('hex')).id);
  });

  test('production refuses to start without PERSONAL_DATA_MASTER_KEY, and generates nothing', async () => {
    await expect(
      resolveMasterKey({ NODE_ENV: 'production', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: undefined }),
    ).rejects.toThrow(/PERSONAL_DATA_MASTER_KEY: required when NODE_ENV=production/);
    await expect(stat(join(dataDir, DEVELOPMENT_MASTER_KEY_FILE))).rejects.toThrow(/ENOENT/);
  });

  test('development generates a key under DATA_DIR, owner-only, and reuses it on the next start', async () => {
    const settings = { NODE_ENV: 'development', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: undefined } as const;
    const first = await resolveMasterKey(settings);
    const file = join(dataDir, DEVELOPMENT_MASTER_KEY_FILE);
    expect(first.developmentFile).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await resolveMasterKey(settings)).id).toBe(first.id);
  });

  test('processes starting at once agree on one generated key', async () => {
    const settings = { NODE_ENV: 'test', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: undefined } as const;
    const keys = await Promise.all(Array.from({ length: 8 }, () => resolveMasterKey(settings)));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
  });

  test('a generated key file that others can read is refused', async () => {
    const settings = { NODE_ENV: 'development', DATA_DIR: dataDir, PERSONAL_DATA_MASTER_KEY: undefined } as const;
    await resolveMasterKey(settings);
    await chmod(join(dataDir, DEVELOPMENT_MASTER_KEY_FILE), 0o644);
    await expect(resolveMasterKey(settings)).rejects.toThrow(/readable by others/);
  });
});
