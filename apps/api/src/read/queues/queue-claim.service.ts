import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import { type ClaimCandidate, connectionOf, lockNextUnowned, recordClaim } from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import type { Caller } from '#platform/auth/roles';
import { CLOCK, type Clock } from '#platform/time/clock';
import { type CommandOutcome, ExecuteComplaintCommand } from '../../complaints/commands/execute-complaint-command.js';

export interface ClaimedComplaint extends CommandOutcome {
  team: string;
  ownerId: string;
}

/** Candidates one claim tries before it gives up with CLAIM_CONTENDED. */
const MAX_CANDIDATES = 10;
/**
 * Claim transactions run on a small pool of their own: each holds its connection while the command
 * reads and appends through the shared pool, so taking both from one pool would let a burst of
 * claims hold every connection and wait forever for one more. Beyond this many, claims queue.
 */
const CLAIM_CONNECTIONS = 4;

type Attempt = { kind: 'claimed'; claim: ClaimedComplaint } | { kind: 'empty' } | { kind: 'lost'; complaintId: string };

/**
 * POST /queues/:team/claim. The read model only picks the candidate: the team's first unowned
 * complaint in queue order, locked with SKIP LOCKED so that concurrent claimers spread over
 * different complaints. The claim itself is the ordinary AssignComplaint command (to the caller),
 * appended expecting the very stream revision the queue row was folded from: if anything happened
 * to the complaint since (another claim, a manual assignment, a closure, or events the projector
 * has not applied yet), the append fails and the next candidate is tried. The stream stays the
 * source of truth; the queue row cannot hand out a complaint that is owned by now.
 */
@Injectable()
export class QueueClaimService implements OnModuleDestroy {
  private readonly pool: pg.Pool;

  constructor(
    @Inject(PG_POOL) shared: pg.Pool,
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = new pg.Pool({ ...connectionOf(shared), max: CLAIM_CONNECTIONS });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  async claim(team: string, caller: Caller, correlationId: string): Promise<ClaimedComplaint> {
    const lost: string[] = [];
    while (lost.length < MAX_CANDIDATES) {
      const attempt = await this.tryNext(team, caller, correlationId, lost);
      if (attempt.kind === 'claimed') return attempt.claim;
      if (attempt.kind === 'empty') break;
      lost.push(attempt.complaintId);
    }
    if (lost.length === 0) throw ApiError.notFound('QUEUE_EMPTY', `No unowned open complaint in the queue of ${team}`);
    throw ApiError.conflict('CLAIM_CONTENDED', 'The complaints of this queue changed while claiming; try again', {
      tried: lost.length,
    });
  }

  private async tryNext(team: string, caller: Caller, correlationId: string, lost: string[]): Promise<Attempt> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const candidate = await lockNextUnowned(client, team, lost);
      const outcome = candidate && (await this.assign(candidate, caller, correlationId));
      if (!candidate || !outcome) {
        await client.query('ROLLBACK');
        return candidate ? { kind: 'lost', complaintId: candidate.complaintId } : { kind: 'empty' };
      }
      const claim = { ...candidate, agentId: caller.id, revision: outcome.revision, claimedAt: this.clock.now() };
      await recordClaim(client, claim);
      // Were this commit to fail, the assignment would still stand (it is in the stream): the
      // complaint shows in the caller's own queue once projected.
      await client.query('COMMIT');
      return { kind: 'claimed', claim: { ...outcome, team, ownerId: caller.id } };
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(failure);
    }
  }

  /** The assignment through the normal command path; undefined when the complaint moved on. */
  private async assign(
    candidate: ClaimCandidate,
    caller: Caller,
    correlationId: string,
  ): Promise<CommandOutcome | undefined> {
    // No idempotency key reaches the command: its event ids would be derived from the key, and a
    // retried claim may land on another complaint. The HTTP layer's Idempotency-Key still replays.
    const command = new ExecuteComplaintCommand(
      candidate.complaintId,
      { type: 'AssignComplaint', data: { team: candidate.team, ownerId: caller.id } },
      { caller, correlationId, expectedRevision: candidate.revision },
    );
    try {
      const outcome = await this.commandBus.execute<ExecuteComplaintCommand, CommandOutcome>(command);
      return outcome.events.length > 0 ? outcome : undefined;
    } catch (error) {
      // 412: the stream is past the queue row's revision; 409: its state forbids the step now.
      if (error instanceof ApiError && (error.status === 412 || error.status === 409)) return undefined;
      throw error;
    }
  }
}
