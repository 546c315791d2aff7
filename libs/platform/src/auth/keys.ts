import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * The keys tokens are checked with, and the one algorithm they imply: an HMAC secret means HS256,
 * RSA public keys mean RS256. Nothing a token says can make the API use another pairing, which is
 * what algorithm-confusion attacks rely on (an RSA public key used as an HMAC secret).
 */
export type VerificationKeys =
  { alg: 'HS256'; secret: KeyObject } | { alg: 'RS256'; keys: readonly { kid?: string; key: KeyObject }[] };

/** RFC 7518 §3.2: an HS256 key at least as long as the hash. */
export const MIN_SECRET_BYTES = 32;
const MIN_RSA_BITS = 2048;

export class KeyError extends Error {}

export function hs256Key(secret: string): VerificationKeys & { alg: 'HS256' } {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new KeyError(`the HS256 secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return { alg: 'HS256', secret: createSecretKey(Buffer.from(secret)) };
}

/** A PEM file holding the RSA public key (SPKI or PKCS#1) that the identity provider signs with. */
export async function rs256KeyFromPem(file: string): Promise<VerificationKeys> {
  const pem = await readKeyFile(file);
  // The API never needs the private key; refusing it keeps it from being copied onto API hosts.
  if (/PRIVATE KEY-----/.test(pem)) throw new KeyError(`${file} holds a private key: give the API the public key only`);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new KeyError(`${file} is not a PEM public key`);
  }
  return { alg: 'RS256', keys: [{ key: checkedRsa(key, file) }] };
}

/** A JWKS document (`{"keys": [...]}`): its RSA signing keys, chosen per token by `kid`. */
export async function rs256KeysFromJwks(file: string): Promise<VerificationKeys> {
  let document: unknown;
  try {
    document = JSON.parse(await readKeyFile(file));
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(`${file} is not JSON`);
  }
  const listed = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(listed)) throw new KeyError(`${file} is not a JWKS document (no "keys" array)`);
  const keys = listed.filter(isRsaSigningJwk).map((jwk) => ({
    kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
    key: checkedRsa(publicJwk(jwk, file), file),
  }));
  if (keys.length === 0)
    throw new KeyError(`${file} has no RSA signing key (kty RSA, alg RS256 or none, use sig or none)`);
  return { alg: 'RS256', keys };
}

/**
 * The key a token names with `kid`. A single key without a kid of its own (a PEM file) is the key
 * whatever the token names; a single key is also the one for a token naming none. Several keys and
 * no `kid` (or an unknown one) finds none: the token is refused rather than tried against each key.
 */
export function keyFor(keys: VerificationKeys, kid: unknown): KeyObject | undefined {
  if (keys.alg === 'HS256') return keys.secret;
  const [only, ...others] = keys.keys;
  if (others.length === 0 && (kid === undefined || only!.kid === undefined)) return only!.key;
  return kid === undefined ? undefined : keys.keys.find((entry) => entry.kid === kid)?.key;
}

function isRsaSigningJwk(jwk: unknown): jwk is JsonWebKey & { kid?: unknown } {
  const candidate = jwk as Record<string, unknown> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.kty === 'RSA' &&
    (candidate.alg === undefined || candidate.alg === 'RS256') &&
    (candidate.use === undefined || candidate.use === 'sig')
  );
}

function publicJwk(jwk: JsonWebKey, file: string): KeyObject {
  // Only the public members: a JWKS that (wrongly) carries private members still yields a public key.
  try {
    return createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  } catch {
    throw new KeyError(`${file} has an RSA key without a valid modulus and exponent`);
  }
}

function checkedRsa(key: KeyObject, file: string): KeyObject {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa') throw new KeyError(`${file} does not hold an RSA key`);
  if (bits < MIN_RSA_BITS)
    throw new KeyError(`${file} holds a ${bits}-bit RSA key; at least ${MIN_RSA_BITS} are needed`);
  return key;
}

async function readKeyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KeyError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
