import type { FastifyRequest } from 'fastify';
import { bearerSubject, rateLimitKeyOf } from './rate-limit.js';

const request = (headers: Record<string, string>) => ({ headers, ip: '10.0.0.7' }) as unknown as FastifyRequest;

/** Stands in for the token verifier: `good-<subject>` verifies, anything else does not. */
const verify = (token: string) => {
  if (!token.startsWith('good-')) throw new Error('signature does not verify');
  return { id: token.slice('good-'.length) };
};

describe('who a request counts against', () => {
  test('a verified bearer token counts against its subject, whichever token of theirs it is', () => {
    const subjectOf = bearerSubject(verify);
    expect(rateLimitKeyOf(request({ authorization: 'Bearer good-sup-1' }), subjectOf)).toBe('subject:sup-1');
    expect(rateLimitKeyOf(request({ authorization: 'bearer  good-sup-1 ' }), subjectOf)).toBe('subject:sup-1');
  });

  test('a token that does not verify counts by its hash, never as the subject it names', () => {
    const subjectOf = bearerSubject(verify);
    const forged = rateLimitKeyOf(request({ authorization: 'Bearer forged-sup-1' }), subjectOf);
    expect(forged).toMatch(/^credentials:[\w-]{43}$/);
    expect(forged).not.toContain('forged');
    expect(rateLimitKeyOf(request({ authorization: 'Bearer forged-sup-2' }), subjectOf)).not.toBe(forged);
  });

  test('without credentials a request counts against its client address', () => {
    expect(rateLimitKeyOf(request({}), bearerSubject(verify))).toBe('address:10.0.0.7');
  });
});
