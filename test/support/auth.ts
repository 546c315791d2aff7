import { createSecretKey } from 'node:crypto';
import { signJwt } from '../../libs/platform/src/auth/jwt.js';
import type { CallerRole } from '../../libs/platform/src/auth/roles.js';

/** The HS256 secret startTestApi configures; tests mint their tokens with it. */
export const TEST_JWT_SECRET = 'complaint-desk-test-secret-for-bearer-tokens';
export const TEST_ISSUER = 'complaint-desk';
export const TEST_AUDIENCE = 'complaint-desk-api';
/** The environment that makes an API under test check tokens signed with TEST_JWT_SECRET. */
export const TEST_AUTH_ENV = {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  AUTH_ISSUER: TEST_ISSUER,
  AUTH_AUDIENCE: TEST_AUDIENCE,
};

/** TEST_AUTH_ENV, unless `env` chooses another key source (a PEM or JWKS file): only one may be set. */
export function testAuthEnvFor(env: Record<string, string> = {}): Record<string, string> {
  return 'AUTH_JWT_PUBLIC_KEY_FILE' in env || 'AUTH_JWKS_FILE' in env ? {} : TEST_AUTH_ENV;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A signed token with the given claims over valid defaults (one day from now, this API's issuer and audience). */
export function testToken(claims: Record<string, unknown> = {}, secret = TEST_JWT_SECRET): string {
  const now = nowSeconds();
  const payload = { iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, nbf: now, exp: now + 86_400, ...claims };
  return signJwt(payload, { alg: 'HS256', secret: createSecretKey(Buffer.from(secret)) });
}

/** `Authorization: Bearer …` for a caller with these roles (and, for agents, teams). */
export function bearer(sub: string, roles: CallerRole | CallerRole[], teams?: string[]): Record<string, string> {
  const claims = { sub, roles: Array.isArray(roles) ? roles : [roles], ...(teams ? { teams } : {}) };
  return { authorization: `Bearer ${testToken(claims)}` };
}
