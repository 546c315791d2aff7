import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hs256Key, keyFor, rs256KeyFromPem, rs256KeysFromJwks } from './keys.js';

const directory = mkdtemp(join(tmpdir(), 'keys-'));
async function file(name: string, content: string): Promise<string> {
  const path = join(await directory, name);
  await writeFile(path, content);
  return path;
}
const rsa = (modulusLength = 2048) => generateKeyPairSync('rsa', { modulusLength });

describe('token keys from configuration', () => {
  test('an HS256 secret shorter than 32 bytes is refused', () => {
    expect(() => hs256Key('short')).toThrow('at least 32 bytes');
  });

  test('a PEM public key is read as the one RS256 key', async () => {
    const { publicKey } = rsa();
    const keys = await rs256KeyFromPem(
      await file('public.pem', publicKey.export({ type: 'spki', format: 'pem' }) as string),
    );
    expect(keys.alg).toBe('RS256');
    expect(keyFor(keys, undefined)?.equals(publicKey)).toBe(true);
    expect(keyFor(keys, 'whatever-the-provider-calls-it')?.equals(publicKey)).toBe(true);
  });

  test('a PEM private key is refused: the API is given the public key only', async () => {
    const { privateKey } = rsa();
    const path = await file('private.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    await expect(rs256KeyFromPem(path)).rejects.toThrow('holds a private key');
  });

  test('an RSA key under 2048 bits is refused', async () => {
    const { publicKey } = rsa(1024);
    const path = await file('small.pem', publicKey.export({ type: 'spki', format: 'pem' }) as string);
    await expect(rs256KeyFromPem(path)).rejects.toThrow('1024-bit');
  });

  test('a JWKS keeps its RSA signing keys by kid and skips keys for other uses or algorithms', async () => {
    const [signing, encrypting] = [rsa(), rsa()];
    const jwk = (key: typeof signing.publicKey) => key.export({ format: 'jwk' });
    const path = await file(
      'jwks.json',
      JSON.stringify({
        keys: [
          { ...jwk(signing.publicKey), kid: 'sig-1', use: 'sig', alg: 'RS256' },
          { ...jwk(encrypting.publicKey), kid: 'enc-1', use: 'enc' },
          { kty: 'EC', kid: 'ec-1', crv: 'P-256', x: 'AA', y: 'AA' },
        ],
      }),
    );
    const keys = await rs256KeysFromJwks(path);
    expect(keys.alg === 'RS256' && keys.keys.map((key) => key.kid)).toEqual(['sig-1']);
    expect(keyFor(keys, 'sig-1')?.equals(signing.publicKey)).toBe(true);
    expect(keyFor(keys, 'enc-1')).toBeUndefined();
  });

  test('a JWKS without any usable key, or not JSON, is refused', async () => {
    await expect(rs256KeysFromJwks(await file('empty.json', '{"keys": []}'))).rejects.toThrow('no RSA signing key');
    await expect(rs256KeysFromJwks(await file('broken.json', '{"keys":'))).rejects.toThrow('is not JSON');
    await expect(rs256KeysFromJwks(join(await directory, 'missing.json'))).rejects.toThrow('ENOENT');
  });
});
