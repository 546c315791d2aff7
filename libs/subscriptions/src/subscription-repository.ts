import type pg from 'pg';
import type { Position } from '#event-store';
import {
  type DeadLetterRow,
  SUBSCRIPTION_COLUMNS,
  type SubscriptionRow,
  toDeadLetter,
  toSubscription,
} from './rows.js';
import type { DeadLetter, Subscription, SubscriptionWithSecret } from './subscription.js';

type Queryable = Pick<pg.Pool, 'query'>;

export interface NewSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  secret: string;
  position: Position;
  now: Date;
  /** The creating caller's id: a service manages only the subscriptions it owns. */
  ownerId: string;
}

/** Narrows a read or change to one owner's subscriptions; undefined: every subscription (admins, auditors, CLI). */
export type OwnerScope = string | undefined;

/** Which dead letters to queue for delivery again. */
export type RedriveSelection = { eventId: string } | { all: true };

/** Subscriptions as the API and the CLI manage them. The secret never leaves except to the worker. */
export class SubscriptionRepository {
  constructor(private readonly db: Queryable) {}

  async create(subscription: NewSubscription): Promise<Subscription> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, url, event_types, secret, position, owner_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        subscription.id,
        subscription.url,
        subscription.eventTypes,
        subscription.secret,
        subscription.position,
        subscription.ownerId,
        subscription.now,
      ],
    );
    return withoutSecret(toSubscription(rows[0]!));
  }

  async list(owner?: OwnerScope): Promise<Subscription[]> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
        WHERE $1::text IS NULL OR owner_id = $1 ORDER BY created_at, id`,
      [owner ?? null],
    );
    return rows.map((row) => withoutSecret(toSubscription(row)));
  }

  async get(id: string, owner?: OwnerScope): Promise<Subscription | undefined> {
    const found = await this.getWithSecret(id);
    return found && ownedBy(found, owner) ? withoutSecret(found) : undefined;
  }

  async getWithSecret(id: string): Promise<SubscriptionWithSecret | undefined> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  /** True when it existed. Its dead letters go with it (ON DELETE CASCADE). */
  async delete(id: string, owner?: OwnerScope): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'DELETE FROM webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner_id = $2)',
      [id, owner ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Pause keeps the checkpoint; resume retries the head event at once. */
  async setPaused(id: string, paused: boolean, now: Date, owner?: OwnerScope): Promise<Subscription | undefined> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `UPDATE webhook_subscriptions
          SET status = CASE WHEN $2 THEN 'paused' WHEN consecutive_failures > 0 THEN 'failing' ELSE 'active' END,
              next_attempt_at = CASE WHEN $2 THEN next_attempt_at ELSE NULL END,
              updated_at = $3
        WHERE id = $1 AND ($4::text IS NULL OR owner_id = $4) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, paused, now, owner ?? null],
    );
    return rows[0] && withoutSecret(toSubscription(rows[0]));
  }

  async countDeadLetters(id: string): Promise<number> {
    const { rows } = await this.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM webhook_dead_letters WHERE subscription_id = $1',
      [id],
    );
    return rows[0]?.count ?? 0;
  }

  /** Dead letters per subscription id, for the list (subscriptions without any are absent). */
  async countAllDeadLetters(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ subscription_id: string; count: number }>(
      'SELECT subscription_id, count(*)::int AS count FROM webhook_dead_letters GROUP BY subscription_id',
    );
    return new Map(rows.map((row) => [row.subscription_id, row.count]));
  }

  /** Oldest first. */
  async deadLetters(id: string): Promise<DeadLetter[]> {
    const { rows } = await this.db.query<DeadLetterRow>(
      `SELECT * FROM webhook_dead_letters WHERE subscription_id = $1
        ORDER BY dead_lettered_at, stream_name, stream_revision`,
      [id],
    );
    return rows.map(toDeadLetter);
  }

  /**
   * Queues dead letters for delivery again, due at once; returns how many were queued. The worker
   * removes each from the list once delivered, or marks it dead again after the last attempt.
   */
  async redrive(id: string, selection: RedriveSelection, now: Date): Promise<number> {
    const eventId = 'eventId' in selection ? selection.eventId : null;
    const { rowCount } = await this.db.query(
      `UPDATE webhook_dead_letters SET state = 'redriving', attempts = 0, next_attempt_at = $3
        WHERE subscription_id = $1 AND state = 'dead' AND ($2::uuid IS NULL OR event_id = $2::uuid)`,
      [id, eventId, now],
    );
    return rowCount ?? 0;
  }
}

function ownedBy(subscription: Subscription, owner: OwnerScope): boolean {
  return owner === undefined || subscription.ownerId === owner;
}

function withoutSecret(subscription: SubscriptionWithSecret): Subscription {
  const { secret: _secret, ...rest } = subscription;
  return rest;
}
