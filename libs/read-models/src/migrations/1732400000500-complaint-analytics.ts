import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The root-cause statistics read model, version 1 (libs/read-models/src/analytics).
 *
 * - `complaint_facts`: one row per complaint (its dimensions now, its measures), re-bucketed in place
 *   when it is recategorized, reassigned or given a new root cause, so nothing is counted twice.
 * - `compensation_facts`: one row per compensation (a complaint may have several, in several
 *   currencies).
 * - `complaint_daily_counts`: complaints per UTC day of receipt × dimension × key, maintained in the
 *   same transaction as the facts from their before/after values, so count queries over a quarter
 *   read hundreds of rows instead of hundreds of thousands. `key` is '' where the complaint has no
 *   value yet (not categorized, no root cause, no product). Rows at zero are deleted, so the table
 *   equals a clean rebuild's.
 */
export class ComplaintAnalytics1732400000500 implements MigrationInterface {
  name = 'ComplaintAnalytics1732400000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createComplaintFacts(queryRunner);
    await createCompensationFacts(queryRunner);
    await queryRunner.query(`
      CREATE TABLE complaint_daily_counts (
        day        date    NOT NULL,
        dimension  text    NOT NULL,
        key        text    NOT NULL,
        complaints integer NOT NULL,
        PRIMARY KEY (dimension, day, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE complaint_daily_counts');
    await queryRunner.query('DROP TABLE compensation_facts');
    await queryRunner.query('DROP TABLE complaint_facts');
  }
}

async function createComplaintFacts(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
      CREATE TABLE complaint_facts (
        complaint_id             uuid        PRIMARY KEY,
        received_at              timestamptz NOT NULL,
        channel                  text        NOT NULL,
        product_ref              text,
        category                 text,
        subcategory              text,
        fishbone_class           text,
        team                     text,
        first_concluded_at       timestamptz,
        first_resolved_at        timestamptz,
        resolved_at              timestamptz,
        reopen_count             integer     NOT NULL DEFAULT 0,
        followed_up              boolean     NOT NULL DEFAULT false,
        first_contact_resolution boolean,
        satisfaction             smallint,
        customer_outcome         text,
        last_revision            bigint      NOT NULL
      )`);
  // Filtered queries and the measures scan one period of receipt.
  await queryRunner.query(`CREATE INDEX complaint_facts_received ON complaint_facts (received_at)`);
}

async function createCompensationFacts(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
      CREATE TABLE compensation_facts (
        complaint_id      uuid    NOT NULL,
        compensation_id   text    NOT NULL,
        kind              text    NOT NULL,
        currency          text    NOT NULL,
        offered_amount    bigint  NOT NULL,
        requires_approval boolean NOT NULL,
        approved_amount   bigint,
        paid_amount       bigint  NOT NULL DEFAULT 0,
        declined          boolean NOT NULL DEFAULT false,
        last_revision     bigint  NOT NULL,
        PRIMARY KEY (complaint_id, compensation_id)
      )`);
}
