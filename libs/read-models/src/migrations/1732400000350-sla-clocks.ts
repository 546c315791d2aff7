import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA clocks read model, version 1: `sla_clock` (one row per complaint × target × handling) and
 * `sla_complaint` (the folded SLA history each complaint's clocks are recomputed from).
 * Partial indexes cover the open clocks only, which are few beside the ended ones: the SLA monitor
 * finds due warnings and breaches through them, the breach and due lists page through them (keys end
 * in the primary key, so cursors are keyset range scans). Compliance ranges over `ended_at`.
 */
const INDEXES = [
  `CREATE INDEX sla_clock_running_warning ON sla_clock (warning_at, complaint_id, target, handling)
    WHERE state = 'running'`,
  `CREATE INDEX sla_clock_running_due ON sla_clock (due_at, complaint_id, target, handling)
    WHERE state = 'running'`,
  `CREATE INDEX sla_clock_open_breach ON sla_clock (breach_at, complaint_id, target, handling)
    WHERE state IN ('running', 'paused')`,
  `CREATE INDEX sla_clock_ended ON sla_clock (ended_at) WHERE ended_at IS NOT NULL`,
];

export class SlaClocks1732400000350 implements MigrationInterface {
  name = 'SlaClocks1732400000350';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sla_complaint (
        complaint_id  uuid   PRIMARY KEY,
        history       jsonb  NOT NULL,
        team          text,
        last_revision bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE sla_clock (
        complaint_id  uuid        NOT NULL,
        target        text        NOT NULL CHECK (target IN ('acknowledge', 'first_response', 'resolve')),
        handling      integer     NOT NULL,
        policy_id     text        NOT NULL,
        target_ms     bigint      NOT NULL,
        state         text        NOT NULL CHECK (state IN ('running', 'paused', 'met', 'breached', 'stopped')),
        started_at    timestamptz NOT NULL,
        due_at        timestamptz,
        warning_at    timestamptz,
        breach_at     timestamptz,
        paused_ms     bigint      NOT NULL,
        paused_since  timestamptz,
        elapsed_ms    bigint,
        met_at        timestamptz,
        met_late      boolean     NOT NULL,
        stopped_at    timestamptz,
        ended_at      timestamptz,
        priority      text,
        category      text,
        team          text,
        last_revision bigint      NOT NULL,
        PRIMARY KEY (complaint_id, target, handling)
      )`);
    for (const index of INDEXES) await queryRunner.query(index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sla_clock');
    await queryRunner.query('DROP TABLE sla_complaint');
  }
}
