import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/api-error.js';
import { findUnstorableText } from './text-safety.js';

/**
 * The deepest nesting of arrays and objects in a JSON text exceeds `maxDepth`. One pass over the
 * characters, counting brackets outside strings: no recursion and no parsed value, so a body of
 * nothing but `[[[[…` costs a loop, not a stack overflow in whatever later walks the value.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser = (request: FastifyRequest, body: string, done: Done) => void;

/**
 * Checks a JSON body before and after Fastify's own parser (which keeps refusing `__proto__` and
 * `constructor.prototype` keys): nesting deeper than `maxDepth` is a 400 JSON_TOO_DEEP before
 * anything is parsed, and a string PostgreSQL could not store is a 400 UNSUPPORTED_CHARACTER
 * instead of a failed insert (a 500) deep inside a command.
 */
export function checkedJsonParser(fastify: FastifyInstance, maxDepth: number) {
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  return (request: FastifyRequest, raw: Buffer | string, done: Done): void => {
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (exceedsJsonDepth(text, maxDepth)) {
      done(ApiError.badRequest('JSON_TOO_DEEP', `JSON nesting deeper than ${maxDepth} levels is not accepted`));
      return;
    }
    parse(request, text, (error, body) => {
      if (error) return done(error);
      const problem = findUnstorableText(body);
      if (problem) return done(ApiError.badRequest('UNSUPPORTED_CHARACTER', 'The request is not valid', [problem]));
      done(null, body);
    });
  };
}
