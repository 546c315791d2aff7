import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions and their delivery state. One row per subscription holds its checkpoint (the
 * event store's opaque position), status, counters and the worker lease; the dead letters are the
 * events given up on after the last attempt, kept until redriven or the subscription is deleted.
 */
export class WebhookSubscriptions1732510000000 implements MigrationInterface {
  name = 'WebhookSubscriptions1732510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The secret is stored as given: signing needs it in clear (it is never returned by the API).
    // The lease is a short UPDATE, not a row lock held during HTTP calls: a transaction open for the
    // length of a request would hold back the event store's global feed (DESIGN.md, trap 4).
    await queryRunner.query(CREATE_SUBSCRIPTIONS);
    await queryRunner.query(CREATE_DEAD_LETTERS);
    await queryRunner.query(CREATE_REDRIVE_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_dead_letters');
    await queryRunner.query('DROP TABLE webhook_subscriptions');
  }
}

const CREATE_SUBSCRIPTIONS = `
      CREATE TABLE webhook_subscriptions (
        id                   uuid        PRIMARY KEY,
        url                  text        NOT NULL CHECK (length(url) <= 2048),
        event_types          text[]      NOT NULL DEFAULT '{}',
        secret               text        NOT NULL,
        status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'failing')),
        position             text        NOT NULL,
        delivered_count      bigint      NOT NULL DEFAULT 0,
        failed_attempts      bigint      NOT NULL DEFAULT 0,
        dead_lettered_count  bigint      NOT NULL DEFAULT 0,
        consecutive_failures integer     NOT NULL DEFAULT 0,
        next_attempt_at      timestamptz,
        last_error           text,
        last_error_at        timestamptz,
        last_delivered_at    timestamptz,
        lease_owner          text,
        lease_expires_at     timestamptz,
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL
      )`;

const CREATE_DEAD_LETTERS = `
      CREATE TABLE webhook_dead_letters (
        subscription_id  uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id         uuid        NOT NULL,
        event_type       text        NOT NULL,
        stream_name      text        NOT NULL,
        stream_revision  bigint      NOT NULL,
        position         text        NOT NULL,
        state            text        NOT NULL DEFAULT 'dead' CHECK (state IN ('dead', 'redriving')),
        attempts         integer     NOT NULL,
        last_error       text        NOT NULL,
        dead_lettered_at timestamptz NOT NULL,
        next_attempt_at  timestamptz,
        PRIMARY KEY (subscription_id, event_id)
      )`;

const CREATE_REDRIVE_INDEX = `CREATE INDEX webhook_dead_letters_redriving ON webhook_dead_letters (subscription_id, next_attempt_at)
        WHERE state = 'redriving'`;
