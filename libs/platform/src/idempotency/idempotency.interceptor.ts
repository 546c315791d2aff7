import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { canonicalJson } from '#event-store';
import { ApiError } from '../errors/api-error.js';
import { IdempotencyStore } from './idempotency-store.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying; the rest (date, content-length…) belong to each answer. */
const REPLAYED_HEADERS = ['location', 'etag'];

export interface IdempotentRequest {
  key: string;
  fingerprint: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotentRequest;
  }
}

/**
 * `Idempotency-Key` on POST: the same key with the same request returns the first (successful)
 * answer without running the command again; the same key with another request is a 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.run(request, reply, validKey(key), status, next));
  }

  private async run(request: FastifyRequest, reply: FastifyReply, key: string, status: number, next: CallHandler) {
    // Keys are the caller's own: two callers choosing the same key never see each other's answers.
    const scope = request.caller?.id ?? 'public';
    const fingerprint = fingerprintOf(request);
    const outcome = await this.store.claim(scope, key, fingerprint);
    if (outcome.kind === 'fingerprint_mismatch') {
      throw ApiError.unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    if (outcome.kind === 'in_progress') {
      throw ApiError.conflict('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still running');
    }
    if (outcome.kind === 'replay') {
      void reply.headers({ ...outcome.response.headers, 'idempotent-replayed': 'true' });
      return outcome.response.body;
    }
    request.idempotency = { key, fingerprint };
    return this.runClaimed(scope, key, reply, status, next);
  }

  private async runClaimed(scope: string, key: string, reply: FastifyReply, status: number, next: CallHandler) {
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(scope, key, { statusCode: status, headers: replayedHeaders(reply), body });
      return body;
    } catch (error) {
      await this.store.release(scope, key);
      throw error;
    }
  }
}

function validKey(raw: string | string[]): string {
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || !KEY_PATTERN.test(key)) {
    throw ApiError.badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

/** What makes two requests "the same": method, path (with query) and the body, key order ignored. */
function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
