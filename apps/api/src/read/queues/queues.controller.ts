import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { InvalidQueueCursorError, listAgentQueue, listTeamQueue, type QueuePage } from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { Allow, ScopeAgents } from '#platform/auth/access.decorators';
import { callerOf } from '#platform/auth/caller';
import { ApiError } from '#platform/errors/api-error';
import { ApiReadRoute, ApiWriteRoute } from '#platform/http/openapi/route.decorators';
import { QueueErrors, ReadErrors } from '../../openapi/api-errors.examples.js';
import { CLOCK, type Clock } from '#platform/time/clock';
import { Exchange, type HttpExchange } from '../../complaints/http/exchange.decorator.js';
import { type ClaimedComplaint, QueueClaimService } from './queue-claim.service.js';
import { CLAIM_EXAMPLE, CLAIM_SCHEMA, QUEUE_PAGE_EXAMPLE, QUEUE_PAGE_SCHEMA } from './queue-openapi.js';
import { AgentPath, QueuePageQuery, TeamPath, TeamQueueQuery } from './queue-query.dto.js';

/**
 * The agent and team queues, from the complaint_queue read model only (never the event store), so
 * they trail the write side by the projector's lag. Open complaints (not resolved, rejected or
 * closed) ordered by priority, then nearest SLA due time; complaints waiting on the customer come
 * after the running ones of their priority.
 */
@ApiTags('queues')
@Controller('queues')
export class QueuesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly claims: QueueClaimService,
  ) {}

  @Get('teams/:team')
  @Allow('agent', 'supervisor', 'auditor', 'admin')
  @ScopeAgents({ teamParam: 'team' })
  @ApiReadRoute({
    summary: "A team's queue: its open complaints, owned or not, in queue order",
    answer: { description: 'One page of the queue', schema: QUEUE_PAGE_SCHEMA, example: QUEUE_PAGE_EXAMPLE },
    errors: [ReadErrors.TEAM_NOT_A_SLUG, ReadErrors.INVALID_CURSOR, QueueErrors.TEAM_NOT_ALLOWED],
  })
  teamQueue(@Param() { team }: TeamPath, @Query() query: TeamQueueQuery): Promise<QueuePage> {
    return this.page(() =>
      listTeamQueue(
        this.pool,
        { team, unownedOnly: query.unowned, limit: query.limit, cursor: query.cursor },
        this.now(),
      ),
    );
  }

  @Get('agents/:agentId')
  @Allow('agent', 'supervisor', 'auditor', 'admin')
  @ScopeAgents({ selfParam: 'agentId' })
  @ApiReadRoute({
    summary: "An agent's queue: the open complaints they own, in queue order",
    answer: { description: 'One page of the queue', schema: QUEUE_PAGE_SCHEMA, example: QUEUE_PAGE_EXAMPLE },
    errors: [ReadErrors.INVALID_CURSOR, QueueErrors.ACTOR_NOT_ALLOWED],
  })
  agentQueue(@Param() { agentId }: AgentPath, @Query() query: QueuePageQuery): Promise<QueuePage> {
    return this.page(() =>
      listAgentQueue(this.pool, { agentId, limit: query.limit, cursor: query.cursor }, this.now()),
    );
  }

  /**
   * Gives the calling agent the team's next unowned complaint: the first in queue order, assigned to
   * the caller by an ordinary ComplaintAssigned event. Two claims at the same moment never get the
   * same complaint. An empty queue is a 404 QUEUE_EMPTY (with a code a client can branch on, which
   * a 204 could not carry).
   */
  @Post(':team/claim')
  @Allow('agent', 'supervisor', 'admin')
  @ScopeAgents({ teamParam: 'team' })
  @HttpCode(200)
  @ApiWriteRoute({
    summary: "Claim the next unowned complaint of a team's queue",
    description:
      'Assigns the first unowned complaint in queue order to the caller (a ComplaintAssigned event). Two claims ' +
      'at the same moment never get the same complaint. Auditors, analysts and services do not take work.',
    answer: {
      description: 'Assigned to the caller; ETag is the new revision',
      headers: { ETag: { description: 'The complaint’s new revision', schema: { type: 'string' } } },
      schema: CLAIM_SCHEMA,
      example: CLAIM_EXAMPLE,
    },
    errors: [
      ReadErrors.TEAM_NOT_A_SLUG,
      QueueErrors.TEAM_NOT_ALLOWED,
      QueueErrors.QUEUE_EMPTY,
      QueueErrors.CLAIM_CONTENDED,
    ],
  })
  async claim(@Param() { team }: TeamPath, @Exchange() { request, reply }: HttpExchange): Promise<ClaimedComplaint> {
    // The claimant is the token's subject: the complaint is assigned to whoever calls.
    const claimed = await this.claims.claim(team, callerOf(request), request.id);
    void reply.header('etag', `"${claimed.revision}"`);
    return claimed;
  }

  private async page(list: () => Promise<QueuePage>): Promise<QueuePage> {
    try {
      return await list();
    } catch (error) {
      if (error instanceof InvalidQueueCursorError) throw ApiError.badRequest(error.code, error.message);
      throw error;
    }
  }

  private now(): Date {
    return this.clock.now();
  }
}
