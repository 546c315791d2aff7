import { createHmac, type KeyObject, sign as rsaSign, timingSafeEqual, verify as rsaVerify } from 'node:crypto';

/**
 * Compact JWS (RFC 7515) for the two algorithms the API accepts, on node:crypto. The algorithm is
 * the one the configuration names, never the one a token asks for: a token whose header says
 * anything else (`none`, HS256 against an RSA key, …) is refused before any key is touched.
 */
export type JwtAlgorithm = 'HS256' | 'RS256';

export type SigningKey = { alg: 'HS256'; secret: KeyObject } | { alg: 'RS256'; privateKey: KeyObject; kid?: string };

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Why a token was refused. `code` ends up in the 401 body. */
export class TokenError extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_NOT_YET_VALID',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Larger headers are refused before any parsing: no token of ours comes near. */
export const MAX_TOKEN_LENGTH = 8192;

/** Splits and parses a compact JWS without trusting anything in it yet. */
export function decodeJwt(token: string): DecodedJwt {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('The token is too long');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw invalid('The token is not a signed JWT (header.payload.signature)');
  }
  const [header, payload, signature] = parts as [string, string, string];
  return {
    header: jsonObject(header, 'header'),
    payload: jsonObject(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** True when `signature` is `alg` over `input` with `key` (an HMAC secret or an RSA public key). */
export function signatureMatches(alg: JwtAlgorithm, input: string, signature: Buffer, key: KeyObject): boolean {
  if (alg === 'HS256') {
    const expected = createHmac('sha256', key).update(input).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  return rsaVerify('sha256', Buffer.from(input), key, signature);
}

export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const header = { alg: key.alg, typ: 'JWT', ...(key.alg === 'RS256' && key.kid ? { kid: key.kid } : {}) };
  const input = `${encode(header)}.${encode(payload)}`;
  const signature =
    key.alg === 'HS256'
      ? createHmac('sha256', key.secret).update(input).digest()
      : rsaSign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function jsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalid(`The token's ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`The token's ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function invalid(message: string): TokenError {
  return new TokenError('TOKEN_INVALID', message);
}
