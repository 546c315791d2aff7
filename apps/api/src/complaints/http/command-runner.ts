import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import type { ComplaintCommand } from '#domain';
import { ApiError } from '#platform/errors/api-error';
import { callerOf } from '#platform/auth/caller';
import type { CommandOutcome, CommandRequest } from '../commands/execute-complaint-command.js';
import { ExecuteComplaintCommand } from '../commands/execute-complaint-command.js';
import type { HttpExchange } from './exchange.decorator.js';

/** What every command endpoint answers. */
export interface CommandResponse extends CommandOutcome {}

/** Turns an HTTP request into a write-side command, and its outcome into headers and a body. */
@Injectable()
export class CommandRunner {
  constructor(private readonly commandBus: CommandBus) {}

  async run(
    complaintId: string,
    command: ComplaintCommand,
    { request, reply }: HttpExchange,
  ): Promise<CommandResponse> {
    const outcome = await this.commandBus.execute<ExecuteComplaintCommand, CommandOutcome>(
      new ExecuteComplaintCommand(complaintId, command, commandRequestOf(request)),
    );
    void reply.header('etag', `"${outcome.revision}"`);
    return outcome;
  }
}

export function commandRequestOf(request: FastifyRequest): CommandRequest {
  return {
    caller: callerOf(request),
    correlationId: request.id,
    expectedRevision: expectedRevisionOf(request.headers['if-match']),
    idempotency: request.idempotency,
  };
}

/** `If-Match: "3"` (or `3`, or `W/"3"`) → 3. `*` asks for nothing beyond existence, so no check. */
export function expectedRevisionOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) throw ApiError.badRequest('INVALID_IF_MATCH', 'If-Match must be a revision ETag such as "3"');
  return Number(match[1]);
}
