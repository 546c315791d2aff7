import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent and team queues (complaint_queue, a projection, version 1) and the claims made through
 * POST /queues/:team/claim (queue_claims, written by the API, not rebuilt).
 *
 * complaint_queue keeps a row per complaint (a reopening needs the folded state of a closed one);
 * the queues read the open ones through partial indexes that end in the queue order
 * (priority_rank, due_key, paused_remaining_ms, complaint_id), so a page is a keyset range scan.
 * `due_key` is the nearest running SLA due instant, or 'infinity' when paused or none runs.
 */
export class ComplaintQueue1732400000400 implements MigrationInterface {
  name = 'ComplaintQueue1732400000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE complaint_queue (
        complaint_id          uuid        PRIMARY KEY,
        status                text        NOT NULL,
        status_before_waiting text,
        queued                boolean     NOT NULL,
        team                  text,
        owner_id              text,
        category              text,
        priority              text,
        priority_rank         smallint    NOT NULL,
        escalation_tier       smallint    NOT NULL DEFAULT 0,
        sla_target            text,
        sla_due_at            timestamptz,
        sla_paused            boolean     NOT NULL,
        paused_remaining_ms   bigint      NOT NULL,
        due_key               timestamptz NOT NULL,
        sla_history           jsonb       NOT NULL,
        received_at           timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        last_revision         bigint      NOT NULL
      )`);
    const order = 'priority_rank, due_key, paused_remaining_ms, complaint_id';
    await queryRunner.query(`CREATE INDEX complaint_queue_team ON complaint_queue (team, ${order}) WHERE queued`);
    await queryRunner.query(`CREATE INDEX complaint_queue_owner ON complaint_queue (owner_id, ${order}) WHERE queued`);
    await queryRunner.query(
      `CREATE INDEX complaint_queue_unowned ON complaint_queue (team, ${order}) WHERE queued AND owner_id IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE queue_claims (
        complaint_id uuid        PRIMARY KEY,
        team         text        NOT NULL,
        agent_id     text        NOT NULL,
        revision     bigint      NOT NULL,
        claimed_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX queue_claims_agent ON queue_claims (agent_id, claimed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE queue_claims');
    await queryRunner.query('DROP TABLE complaint_queue');
  }
}
