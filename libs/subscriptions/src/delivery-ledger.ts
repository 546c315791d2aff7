import type pg from 'pg';
import type { Position, RecordedEvent } from '#event-store';
import {
  type DeadLetterRow,
  SUBSCRIPTION_COLUMNS,
  type SubscriptionRow,
  toDeadLetter,
  toSubscription,
  truncateError,
} from './rows.js';
import type { DeadLetter, SubscriptionWithSecret } from './subscription.js';

/** Who holds a subscription and from which checkpoint a state change starts (compare-and-set). */
export interface LeasedStep {
  subscriptionId: string;
  owner: string;
  from: Position;
  now: Date;
}

/** After a delivered or dead-lettered event: whether the worker may go on with this subscription. */
export type StepOutcome = 'moved' | 'paused' | 'lost';

const STILL_PAUSED = `CASE WHEN status = 'paused' THEN 'paused' ELSE 'active' END`;

/**
 * The delivery worker's view of the tables. Every state change is one statement or one transaction
 * and is guarded by the lease owner AND the expected checkpoint, so that a worker whose lease was
 * taken over (or whose subscription was deleted) changes nothing and stops.
 */
export class DeliveryLedger {
  constructor(
    private readonly pool: pg.Pool,
    private readonly leaseMs: number,
  ) {}

  /**
   * Leases up to `limit` subscriptions that are not paused and not leased by another live worker,
   * least recently claimed first. Leases are renewed by claiming again and by every step; a crashed
   * worker's leases lapse after `leaseMs` (database time: leases are about real time passing).
   */
  async claim(owner: string, limit: number): Promise<SubscriptionWithSecret[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `WITH candidates AS (
         SELECT id FROM webhook_subscriptions
          WHERE status <> 'paused'
            AND (lease_owner IS NULL OR lease_owner = $1 OR lease_expires_at < clock_timestamp())
          ORDER BY lease_expires_at NULLS FIRST, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE webhook_subscriptions s
          SET lease_owner = $1, lease_expires_at = clock_timestamp() + $2 * interval '1 millisecond'
         FROM candidates c WHERE s.id = c.id
       RETURNING ${SUBSCRIPTION_COLUMNS.replace(/(\w+)/g, 's.$1')}`,
      [owner, this.leaseMs, limit],
    );
    return rows.map(toSubscription);
  }

  async releaseLeases(owner: string): Promise<void> {
    await this.pool.query(
      'UPDATE webhook_subscriptions SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1',
      [owner],
    );
  }

  /**
   * Renews the lease just before a request goes out; false when another worker took the lease over,
   * an operator paused the subscription, it was deleted, or (with `from`) its checkpoint moved. The
   * request is then not sent: a worker that stalled past its lease must not deliver an event that its
   * successor has already delivered and moved beyond, or the receiver would see a complaint's events
   * out of order. A renewed lease outlasts one request (leaseMs ≥ 3 × timeout).
   */
  async holdLease(step: Omit<LeasedStep, 'from' | 'now'> & { from?: Position }): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE webhook_subscriptions SET lease_expires_at = clock_timestamp() + $4 * interval '1 millisecond'
        WHERE id = $1 AND lease_owner = $2 AND status <> 'paused' AND ($3::text IS NULL OR position = $3)`,
      [step.subscriptionId, step.owner, step.from ?? null, this.leaseMs],
    );
    return (rowCount ?? 0) > 0;
  }

  async delivered(step: LeasedStep, event: RecordedEvent): Promise<StepOutcome> {
    const { rows } = await this.pool.query<{ status: string }>(
      `UPDATE webhook_subscriptions
          SET position = $4, delivered_count = delivered_count + 1, consecutive_failures = 0,
              status = ${STILL_PAUSED}, next_attempt_at = NULL, last_delivered_at = $5, updated_at = $5,
              lease_expires_at = clock_timestamp() + $6 * interval '1 millisecond'
        WHERE id = $1 AND lease_owner = $2 AND position = $3
        RETURNING status`,
      [step.subscriptionId, step.owner, step.from, event.position, step.now, this.leaseMs],
    );
    return outcomeOf(rows[0]?.status);
  }

  /** The head event failed and will be tried again at `nextAttemptAt`; the checkpoint stays. */
  async failed(step: LeasedStep, failure: { attempts: number; error: string; nextAttemptAt: Date }): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_subscriptions
          SET consecutive_failures = $4, failed_attempts = failed_attempts + 1,
              status = CASE WHEN status = 'paused' THEN 'paused' ELSE 'failing' END,
              next_attempt_at = $5, last_error = $6, last_error_at = $7, updated_at = $7
        WHERE id = $1 AND lease_owner = $2 AND position = $3`,
      [
        step.subscriptionId,
        step.owner,
        step.from,
        failure.attempts,
        failure.nextAttemptAt,
        truncateError(failure.error),
        step.now,
      ],
    );
  }

  /** The last attempt failed: the event goes to the dead letters and the checkpoint moves past it, atomically. */
  async deadLetter(
    step: LeasedStep,
    event: RecordedEvent,
    failure: { attempts: number; error: string },
  ): Promise<StepOutcome> {
    const error = truncateError(failure.error);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ status: string }>(
        `UPDATE webhook_subscriptions
            SET position = $4, failed_attempts = failed_attempts + 1, dead_lettered_count = dead_lettered_count + 1,
                consecutive_failures = 0, status = ${STILL_PAUSED}, next_attempt_at = NULL,
                last_error = $5, last_error_at = $6, updated_at = $6
          WHERE id = $1 AND lease_owner = $2 AND position = $3
          RETURNING status`,
        [step.subscriptionId, step.owner, step.from, event.position, error, step.now],
      );
      if (rows.length > 0)
        await client.query(INSERT_DEAD_LETTER, deadLetterValues(step, event, failure.attempts, error));
      await client.query(rows.length > 0 ? 'COMMIT' : 'ROLLBACK');
      client.release();
      return outcomeOf(rows[0]?.status);
    } catch (caught) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(caught as Error);
      throw caught;
    }
  }

  /** Events the filter skipped: move the checkpoint so that lag and restarts do not re-scan them. */
  async skipTo(step: LeasedStep, to: Position): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_subscriptions SET position = $4
        WHERE id = $1 AND lease_owner = $2 AND position = $3`,
      [step.subscriptionId, step.owner, step.from, to],
    );
  }

  /** Dead letters an operator queued again whose next attempt is due, oldest first. */
  async dueRedrives(subscriptionId: string, now: Date, limit: number): Promise<DeadLetter[]> {
    const { rows } = await this.pool.query<DeadLetterRow>(
      `SELECT * FROM webhook_dead_letters
        WHERE subscription_id = $1 AND state = 'redriving' AND next_attempt_at <= $2
        ORDER BY dead_lettered_at, stream_name, stream_revision LIMIT $3`,
      [subscriptionId, now, limit],
    );
    return rows.map(toDeadLetter);
  }

  /** A redriven event arrived: it leaves the dead letters and counts as delivered (one statement). */
  async redriveDelivered(step: Omit<LeasedStep, 'from'>, eventId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `WITH leased AS (SELECT id FROM webhook_subscriptions WHERE id = $1 AND lease_owner = $2),
            gone AS (DELETE FROM webhook_dead_letters d USING leased
                      WHERE d.subscription_id = leased.id AND d.event_id = $3 AND d.state = 'redriving'
                      RETURNING d.event_id)
       UPDATE webhook_subscriptions SET delivered_count = delivered_count + 1, last_delivered_at = $4, updated_at = $4
        WHERE id = $1 AND EXISTS (SELECT 1 FROM gone)`,
      [step.subscriptionId, step.owner, eventId, step.now],
    );
    return (rowCount ?? 0) > 0;
  }

  /** A redrive attempt failed: try again at `nextAttemptAt`, or (null) it is dead again. */
  async redriveFailed(
    step: Omit<LeasedStep, 'from'>,
    eventId: string,
    failure: { attempts: number; error: string; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.pool.query(
      `WITH leased AS (SELECT id FROM webhook_subscriptions WHERE id = $1 AND lease_owner = $2),
            marked AS (UPDATE webhook_dead_letters d
                          SET attempts = $4, last_error = $5, next_attempt_at = $6,
                              state = CASE WHEN $6::timestamptz IS NULL THEN 'dead' ELSE 'redriving' END
                         FROM leased WHERE d.subscription_id = leased.id AND d.event_id = $3 RETURNING d.event_id)
       UPDATE webhook_subscriptions SET failed_attempts = failed_attempts + 1, last_error = $5, last_error_at = $7,
              updated_at = $7
        WHERE id = $1 AND EXISTS (SELECT 1 FROM marked)`,
      [
        step.subscriptionId,
        step.owner,
        eventId,
        failure.attempts,
        truncateError(failure.error),
        failure.nextAttemptAt,
        step.now,
      ],
    );
  }
}

const INSERT_DEAD_LETTER = `
  INSERT INTO webhook_dead_letters (subscription_id, event_id, event_type, stream_name, stream_revision, position,
                                    attempts, last_error, dead_lettered_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (subscription_id, event_id) DO UPDATE
    SET state = 'dead', attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
        dead_lettered_at = EXCLUDED.dead_lettered_at, next_attempt_at = NULL`;

function deadLetterValues(step: LeasedStep, event: RecordedEvent, attempts: number, error: string): unknown[] {
  return [
    step.subscriptionId,
    event.id,
    event.type,
    event.streamName,
    event.revision,
    event.position,
    attempts,
    error,
    step.now,
  ];
}

function outcomeOf(status: string | undefined): StepOutcome {
  if (status === undefined) return 'lost';
  return status === 'paused' ? 'paused' : 'moved';
}
