import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The sealed form of one personal-data value inside a stored event body: a string, so a sealed
 * event still has the shape its schema describes, and self-describing, so a reader knows the
 * algorithm and which key to fetch without any other context:
 *
 *   enc:v1:aes-256-gcm:<key id>:<iv>:<ciphertext>:<tag>      (iv, ciphertext, tag in base64url)
 *
 * AES-256-GCM with a fresh random 96-bit IV per value. The additional authenticated data binds the
 * ciphertext to its header, the customer and the field, so a sealed value copied into another
 * customer's event or another field fails to open instead of being revealed there.
 */
export const ENVELOPE_PREFIX = 'enc:v1:';
export const ENVELOPE_ALGORITHM = 'aes-256-gcm';

/** What a reader sees in place of a value whose customer was forgotten (the key is erased). */
export const ERASED_VALUE = '[erased]';
/** … and in place of a value that cannot be opened: its key is not in this database, or it was altered. */
export const UNREADABLE_VALUE = '[unreadable]';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9A-Za-z-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A customer's data key, unwrapped: only ever in memory. */
export interface DataKey {
  id: string;
  customerId: string;
  /**
   * 32 bytes. A plain buffer rather than a KeyObject: creating a cipher from a KeyObject costs about
   * half again as much, and intake seals on every request.
   */
  secret: Buffer;
}

/** What a sealed value is bound to besides its key: whose it is and which field holds it. */
export interface SealContext {
  customerId: string;
  field: string;
}

/** A sealed value that is malformed, altered, or opened with the wrong key or context. */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** The key id of a sealed value; undefined for anything that is not an envelope. */
export function envelopeKeyId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(ENVELOPE_PREFIX)) return undefined;
  return parseEnvelope(value)?.keyId;
}

export function isEnvelope(value: unknown): value is string {
  return envelopeKeyId(value) !== undefined;
}

/** Seals any JSON value (its JSON text is what is encrypted, so the type survives the round trip). */
export function sealValue(value: unknown, key: DataKey, context: SealContext): string {
  const iv = freshIv();
  const header = `${ENVELOPE_PREFIX}${ENVELOPE_ALGORITHM}:${key.id}`;
  const cipher = createCipheriv(ENVELOPE_ALGORITHM, key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, context));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [header, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join(':');
}

/** The value sealed in `envelope`; throws EnvelopeError unless key, context and bytes all match. */
export function openValue(envelope: string, key: DataKey, context: SealContext): unknown {
  const parsed = parseEnvelope(envelope);
  if (!parsed) throw new EnvelopeError('Not a sealed value');
  if (parsed.keyId !== key.id) throw new EnvelopeError(`Sealed with key ${parsed.keyId}, not ${key.id}`);
  const decipher = createDecipheriv(ENVELOPE_ALGORITHM, key.secret, parsed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(parsed.header, context));
  decipher.setAuthTag(parsed.tag);
  let text: string;
  try {
    text = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new EnvelopeError('The sealed value does not authenticate: altered, or the wrong key or context');
  }
  return JSON.parse(text) as unknown;
}

interface ParsedEnvelope {
  header: string;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * 96 random bits per value, cut from a larger draw: one small randomBytes() call per value costs as
 * much as the encryption itself. Every IV is a distinct slice, never reused; a spent block is
 * dropped, not refilled in place.
 */
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;
const IV_BLOCK_BYTES = IV_BYTES * 512;

function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK_BYTES);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivBlock.subarray(ivOffset - IV_BYTES, ivOffset);
}

type Seven = [string, string, string, string, string, string, string];

function parseEnvelope(value: string): ParsedEnvelope | undefined {
  const parts = value.split(':');
  if (parts.length !== 7) return undefined;
  const [enc, version, algorithm, keyId, iv, ciphertext, tag] = parts as Seven;
  if (`${enc}:${version}:` !== ENVELOPE_PREFIX || algorithm !== ENVELOPE_ALGORITHM) return undefined;
  if (!KEY_ID.test(keyId) || ![iv, ciphertext, tag].every((part) => BASE64URL.test(part))) return undefined;
  const parsed = {
    header: `${ENVELOPE_PREFIX}${algorithm}:${keyId}`,
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
  return parsed.iv.length === IV_BYTES && parsed.tag.length === TAG_BYTES ? parsed : undefined;
}

function additionalData(header: string, context: SealContext): Buffer {
  return Buffer.from(JSON.stringify([header, context.customerId, context.field]), 'utf8');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
