import type pg from 'pg';
import { COMPLAINT_QUEUE } from './complaint-queue.projection.js';
import { QUEUE_ORDER } from './queue-cursor.js';

/** The next unowned complaint of a team, and the stream revision the queue row was folded up to. */
export interface ClaimCandidate {
  complaintId: string;
  team: string;
  revision: number;
}

export interface ClaimRecord extends ClaimCandidate {
  agentId: string;
  claimedAt: Date;
}

export const QUEUE_CLAIMS = 'queue_claims';

type Tx = Pick<pg.ClientBase, 'query'>;

/**
 * Inside the caller's transaction: locks the team's first unowned complaint in queue order that
 * nobody is claiming (SKIP LOCKED: concurrent claimers each get a different row, nobody waits) and
 * that no earlier claim took (queue_claims covers the moment between a claim's commit and the
 * projector applying its assignment). `skip`: candidates this request already lost.
 *
 * The lock only spreads claimers over different complaints; what makes a claim safe is the append
 * of the assignment expecting `revision`, the stream's revision this row was folded from.
 */
export async function lockNextUnowned(
  tx: Tx,
  team: string,
  skip: readonly string[],
): Promise<ClaimCandidate | undefined> {
  const { rows } = await tx.query<{ complaint_id: string; last_revision: string }>(
    `SELECT q.complaint_id, q.last_revision FROM ${COMPLAINT_QUEUE} q
      WHERE q.queued AND q.team = $1 AND q.owner_id IS NULL AND q.complaint_id <> ALL ($2::uuid[])
        AND NOT EXISTS (SELECT 1 FROM ${QUEUE_CLAIMS} c WHERE c.complaint_id = q.complaint_id)
      ORDER BY ${QUEUE_ORDER.map((column) => `q.${column}`).join(', ')}
      LIMIT 1 FOR UPDATE OF q SKIP LOCKED`,
    [team, skip],
  );
  const row = rows[0];
  return row && { complaintId: String(row.complaint_id), team, revision: Number(row.last_revision) };
}

/** Records a claim whose assignment is in the stream at `revision`; in the transaction that locked it. */
export async function recordClaim(tx: Tx, claim: ClaimRecord): Promise<void> {
  await tx.query(
    `INSERT INTO ${QUEUE_CLAIMS} (complaint_id, team, agent_id, revision, claimed_at) VALUES ($1, $2, $3, $4, $5)`,
    [claim.complaintId, claim.team, claim.agentId, claim.revision, claim.claimedAt],
  );
}
