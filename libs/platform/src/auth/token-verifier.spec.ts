import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signJwt, TokenError } from './jwt.js';
import { hs256Key, type VerificationKeys } from './keys.js';
import { TokenVerifier } from './token-verifier.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
const NOW = 1_800_000_000;
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'agent-7',
  roles: ['agent'],
  teams: ['quality'],
  iss: 'complaint-desk',
  aud: 'complaint-desk-api',
  iat: NOW - 60,
  nbf: NOW - 60,
  exp: NOW + 3600,
  ...overrides,
});
const hs = (payload: Record<string, unknown>, secret = SECRET) =>
  signJwt(payload, { alg: 'HS256', secret: createSecretKey(Buffer.from(secret)) });
const verifier = (keys: VerificationKeys = hs256Key(SECRET), tolerance = 30) =>
  new TokenVerifier(
    { keys, issuer: 'complaint-desk', audience: 'complaint-desk-api', clockToleranceSeconds: tolerance },
    () => NOW,
  );
const refusal = (check: () => unknown): { code: string; message: string } => {
  try {
    check();
  } catch (error) {
    if (error instanceof TokenError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the token was accepted');
};
const segments = (header: unknown, payload: unknown, signature = 'c2ln') =>
  `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;

describe('a bearer token is accepted', () => {
  test('when signed with the configured secret, in time, for this issuer and audience: it names sub, roles and teams', () => {
    expect(verifier().verify(hs(claims()))).toEqual({ id: 'agent-7', roles: ['agent'], teams: ['quality'] });
  });

  test('with roles of other applications ignored, and an audience list that includes this API', () => {
    const token = hs(claims({ roles: ['agent', 'billing-admin', 'agent'], aud: ['other', 'complaint-desk-api'] }));
    expect(verifier().verify(token).roles).toEqual(['agent']);
  });

  test('up to the clock tolerance past its expiry, and as much before its nbf', () => {
    expect(verifier().verify(hs(claims({ exp: NOW - 29 }))).id).toBe('agent-7');
    expect(verifier().verify(hs(claims({ nbf: NOW + 29 }))).id).toBe('agent-7');
  });

  test('signed RS256 by the key a JWKS names with kid', () => {
    const [one, two] = [rsa(), rsa()];
    const keys: VerificationKeys = {
      alg: 'RS256',
      keys: [
        { kid: 'one', key: one.publicKey },
        { kid: 'two', key: two.publicKey },
      ],
    };
    const token = signJwt(claims(), { alg: 'RS256', privateKey: two.privateKey, kid: 'two' });
    expect(verifier(keys).verify(token).id).toBe('agent-7');
  });
});

describe('a bearer token is refused', () => {
  test('once expired beyond the tolerance, as TOKEN_EXPIRED', () => {
    expect(refusal(() => verifier().verify(hs(claims({ exp: NOW - 31 }))))).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  test('before its nbf (beyond the tolerance), as TOKEN_NOT_YET_VALID', () => {
    expect(refusal(() => verifier().verify(hs(claims({ nbf: NOW + 31 }))))).toMatchObject({
      code: 'TOKEN_NOT_YET_VALID',
    });
  });

  test.each([
    ['signed with another secret', hs(claims(), 'another-secret-that-is-also-32-bytes-long')],
    ['issued by someone else', hs(claims({ iss: 'elsewhere' }))],
    ['meant for another audience', hs(claims({ aud: 'another-api' }))],
    ['without an expiry', hs(claims({ exp: undefined }))],
    ['with an nbf that is not a number', hs(claims({ nbf: 'soon' }))],
    ['without a subject', hs(claims({ sub: undefined }))],
    ['with a subject that is not an actor id', hs(claims({ sub: 'x'.repeat(129) }))],
    ['with roles that are not a list', hs(claims({ roles: 'agent' }))],
    ['with a team that is not a slug', hs(claims({ teams: ['Quality Team'] }))],
  ])('when %s, as TOKEN_INVALID', (_, token) => {
    expect(refusal(() => verifier().verify(token)).code).toBe('TOKEN_INVALID');
  });

  test('when its payload was altered after signing', () => {
    const [header, , signature] = hs(claims()).split('.');
    const promoted = Buffer.from(JSON.stringify(claims({ roles: ['admin'] }))).toString('base64url');
    expect(refusal(() => verifier().verify(`${header}.${promoted}.${signature}`)).code).toBe('TOKEN_INVALID');
  });

  test('when it asks for alg none, with or without a signature', () => {
    expect(refusal(() => verifier().verify(segments({ alg: 'none' }, claims()).slice(0, -4))).code).toBe(
      'TOKEN_INVALID',
    );
    expect(refusal(() => verifier().verify(segments({ alg: 'none' }, claims())))).toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'Tokens must be signed with HS256',
    });
  });

  test('when it is HS256 signed with the RSA public key the API is configured with (algorithm confusion)', () => {
    const { publicKey } = rsa();
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const forged = signJwt(claims(), { alg: 'HS256', secret: createSecretKey(Buffer.from(pem)) });
    const keys: VerificationKeys = { alg: 'RS256', keys: [{ key: publicKey }] };
    expect(refusal(() => verifier(keys).verify(forged))).toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'Tokens must be signed with RS256',
    });
  });

  test('when it is RS256 while the API checks HS256', () => {
    const token = signJwt(claims(), { alg: 'RS256', privateKey: rsa().privateKey });
    expect(refusal(() => verifier().verify(token)).message).toBe('Tokens must be signed with HS256');
  });

  test('when a JWKS has several keys and the token names none of them, or an unknown one', () => {
    const [one, two] = [rsa(), rsa()];
    const keys: VerificationKeys = {
      alg: 'RS256',
      keys: [
        { kid: 'one', key: one.publicKey },
        { kid: 'two', key: two.publicKey },
      ],
    };
    const sign = (key: KeyObject, kid?: string) => signJwt(claims(), { alg: 'RS256', privateKey: key, kid });
    expect(refusal(() => verifier(keys).verify(sign(one.privateKey))).code).toBe('TOKEN_INVALID');
    expect(refusal(() => verifier(keys).verify(sign(one.privateKey, 'three'))).code).toBe('TOKEN_INVALID');
    expect(refusal(() => verifier(keys).verify(sign(one.privateKey, 'two'))).code).toBe('TOKEN_INVALID');
  });

  test('when it carries critical header extensions', () => {
    const token = segments({ alg: 'HS256', crit: ['exp'] }, claims());
    expect(refusal(() => verifier().verify(token)).message).toMatch(/critical/);
  });

  test.each([
    ['not three parts', 'abc.def'],
    ['not base64url', 'a+b.c/d.e=f'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
    ['far too long', `${'a'.repeat(9000)}.b.c`],
  ])('when it is %s', (_, token) => {
    expect(refusal(() => verifier().verify(token)).code).toBe('TOKEN_INVALID');
  });
});
