import { createHmac } from 'node:crypto';
import { signatureHeader, verifyWebhookSignature } from './signature.js';

const secret = 'a-secret-of-32-characters-length';
const body = '{"id":"e1","type":"ComplaintReceived"}';
const t = 1_700_000_000;

describe('webhook signature', () => {
  test('is HMAC-SHA256 over "<timestamp>.<body>", hex, in "t=<unix>,v1=<hex>"', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  test('a receiver verifies a fresh, untouched delivery', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 10 })).toEqual({ ok: true, timestamp: t });
  });

  test('a changed body, another secret or a changed timestamp is a mismatch', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyWebhookSignature({ header, body: body.replace('e1', 'e2'), secret, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ header, body, secret: `${secret}x`, nowSeconds: t })).toMatchObject({
      reason: 'mismatch',
    });
    const shifted = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature({ header: shifted, body, secret, nowSeconds: t })).toMatchObject({
      reason: 'mismatch',
    });
  });

  test('an old (replayed) or far-future timestamp is refused beyond the tolerance', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 301 })).toMatchObject({ reason: 'expired' });
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t - 301 })).toMatchObject({ reason: 'expired' });
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 301, toleranceSeconds: 600 }).ok).toBe(true);
  });

  test('a missing or malformed header is refused without throwing', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${t}`, `t=soon,v1=${'0'.repeat(64)}`, `t=${t},v1=zz`]) {
      expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });

  test('any one of several v1 signatures may match (secret rotation)', () => {
    const current = signatureHeader(secret, t, body).split(',')[1];
    const header = `t=${t},v1=${'0'.repeat(64)},${current}`;
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t }).ok).toBe(true);
  });
});
