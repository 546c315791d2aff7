import { randomBytes } from 'node:crypto';
import { type DataKey, envelopeKeyId, EnvelopeError, isEnvelope, openValue, sealValue } from './envelope.js';

const keyOf = (id: string, customerId = 'cust-1'): DataKey => ({
  id,
  customerId,
  secret: randomBytes(32),
});
const key = keyOf('4f1c2d9e-0b7a-4c55-9d0e-2a1b3c4d5e6f');
const context = { customerId: 'cust-1', field: 'customer.name' };

/** The envelope with one of its colon-separated parts changed. */
function withPart(envelope: string, index: number, change: (part: string) => string): string {
  const parts = envelope.split(':');
  parts[index] = change(parts[index]!);
  return parts.join(':');
}

function flipFirstByte(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('personal data envelope', () => {
  test('a sealed value opens to the same value with the same key and context', () => {
    const sealed = sealValue('Li Wei', key, context);
    expect(openValue(sealed, key, context)).toBe('Li Wei');
    expect(openValue(sealValue({ n: 1 }, key, context), key, context)).toEqual({ n: 1 });
  });

  test('the envelope names the algorithm and the key and does not contain the clear text', () => {
    const sealed = sealValue('li.wei@example.com', key, context);
    expect(sealed.startsWith(`enc:v1:aes-256-gcm:${key.id}:`)).toBe(true);
    expect(sealed).not.toContain('li.wei');
    expect(envelopeKeyId(sealed)).toBe(key.id);
    expect(isEnvelope(sealed)).toBe(true);
  });

  test('every sealing uses a fresh 96-bit IV, so equal values do not give equal envelopes', () => {
    const first = sealValue('Li Wei', key, context);
    const second = sealValue('Li Wei', key, context);
    expect(first).not.toBe(second);
    expect(Buffer.from(first.split(':')[4]!, 'base64url')).toHaveLength(12);
  });

  test.each([
    ['the ciphertext', 5],
    ['the authentication tag', 6],
    ['the IV', 4],
  ])('a tampered value (%s altered) does not open', (_, index) => {
    const tampered = withPart(sealValue('Li Wei', key, context), index, flipFirstByte);
    expect(() => openValue(tampered, key, context)).toThrow(EnvelopeError);
  });

  test('a value opened with the wrong key does not open, even under the right key id', () => {
    const sealed = sealValue('Li Wei', key, context);
    expect(() => openValue(sealed, keyOf(key.id), context)).toThrow(EnvelopeError);
    expect(() => openValue(sealed, keyOf('0d9c8b7a-1111-4222-8333-944455556666'), context)).toThrow(/Sealed with key/);
  });

  test('a value copied into another customer or another field does not open there', () => {
    const sealed = sealValue('Li Wei', key, context);
    expect(() => openValue(sealed, key, { ...context, customerId: 'cust-2' })).toThrow(EnvelopeError);
    expect(() => openValue(sealed, key, { ...context, field: 'customer.email' })).toThrow(EnvelopeError);
  });

  test('a header that claims another key id does not open (the header is authenticated)', () => {
    const other = keyOf('0d9c8b7a-1111-4222-8333-944455556666');
    const relabelled = withPart(sealValue('Li Wei', key, context), 3, () => other.id);
    expect(() => openValue(relabelled, { ...key, id: other.id }, context)).toThrow(EnvelopeError);
  });

  test.each(['Li Wei', 'enc:v1:aes-256-gcm', 'enc:v1:aes-128-gcm:k:AAAA:AAAA:AAAA', 42, null, undefined])(
    'plain values are not envelopes (%p)',
    (value) => {
      expect(isEnvelope(value)).toBe(false);
      expect(envelopeKeyId(value)).toBeUndefined();
    },
  );

  test('opening something that is not an envelope is an error, not a guess', () => {
    expect(() => openValue('Li Wei', key, context)).toThrow(EnvelopeError);
  });
});
