import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaint summary read model (one row per complaint), version 1. No personal data: the
 * customer is only its id. `status_before_waiting` is the fold's memory for ComplaintResumed.
 * Sort indexes end in complaint_id so cursor pagination is a keyset range scan.
 */
export class ComplaintSummary1732400000100 implements MigrationInterface {
  name = 'ComplaintSummary1732400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE complaint_summary (
        complaint_id          uuid        PRIMARY KEY,
        status                text        NOT NULL,
        status_before_waiting text,
        channel               text        NOT NULL,
        customer_id           text        NOT NULL,
        product_ref           text,
        category              text,
        subcategory           text,
        severity              text,
        impact                text,
        priority              text,
        team                  text,
        owner_id              text,
        escalation_tier       smallint    NOT NULL DEFAULT 0,
        reopen_count          integer     NOT NULL DEFAULT 0,
        received_at           timestamptz NOT NULL,
        acknowledged_at       timestamptz,
        resolved_at           timestamptz,
        closed_at             timestamptz,
        updated_at            timestamptz NOT NULL,
        last_revision         bigint      NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX complaint_summary_received ON complaint_summary (received_at, complaint_id)`);
    await queryRunner.query(`CREATE INDEX complaint_summary_updated ON complaint_summary (updated_at, complaint_id)`);
    await queryRunner.query(
      `CREATE INDEX complaint_summary_priority ON complaint_summary ((coalesce(priority, 'P9')), received_at, complaint_id)`,
    );
    await queryRunner.query(`CREATE INDEX complaint_summary_team_status ON complaint_summary (team, status)`);
    await queryRunner.query(`CREATE INDEX complaint_summary_owner_status ON complaint_summary (owner_id, status)`);
    await queryRunner.query(`CREATE INDEX complaint_summary_status ON complaint_summary (status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE complaint_summary');
  }
}
