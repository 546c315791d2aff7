import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA monitor's read model (projection `sla_monitor`, version 1):
 *
 * - `sla_monitor_complaint`: the folded complaint each batch continues from.
 * - `sla_monitor_agenda`: the monitor's work not yet recorded — one row per complaint × kind
 *   (warning, breach, escalation) × subject (target or signal) × handling, due from `fire_at`. A
 *   recorded fact folds its row away, so the rows with `fire_at <= now` are exactly what is due: the
 *   monitor reads them as a range of `sla_monitor_agenda_due`, an index holding every column it
 *   selects (an index-only scan; the agenda of a large desk is mostly future instants).
 * - `complaint_risk`: per complaint, the escalation signals and SLA instants the at-risk view scores
 *   at query time; the open ones of a team through `complaint_risk_open_team`.
 */
const STATEMENTS = [
  `CREATE TABLE sla_monitor_complaint (
    complaint_id  uuid   PRIMARY KEY,
    state         jsonb  NOT NULL,
    last_revision bigint NOT NULL
  )`,
  `CREATE TABLE sla_monitor_agenda (
    complaint_id uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('warning', 'breach', 'escalation')),
    subject      text        NOT NULL,
    handling     integer     NOT NULL,
    fire_at      timestamptz NOT NULL,
    due_at       timestamptz,
    PRIMARY KEY (complaint_id, kind, subject, handling)
  )`,
  `CREATE INDEX sla_monitor_agenda_due ON sla_monitor_agenda (fire_at, complaint_id, kind, subject, handling)`,
  `CREATE TABLE complaint_risk (
    complaint_id      uuid        PRIMARY KEY,
    open              boolean     NOT NULL,
    status            text        NOT NULL,
    team              text,
    owner_id          text,
    priority          text,
    escalation_tier   smallint    NOT NULL,
    public_intensity  boolean     NOT NULL,
    regulator_channel boolean     NOT NULL,
    safety_hazard     boolean     NOT NULL,
    disputed          boolean     NOT NULL,
    inbound_contacts  timestamptz[] NOT NULL,
    update_owed       boolean     NOT NULL,
    last_update_at    timestamptz NOT NULL,
    sla_paused        boolean     NOT NULL,
    warning_at        timestamptz,
    breach_at         timestamptz,
    received_at       timestamptz NOT NULL,
    last_revision     bigint      NOT NULL
  )`,
  `CREATE INDEX complaint_risk_open_team ON complaint_risk (team) WHERE open`,
];

export class SlaMonitor1732400000600 implements MigrationInterface {
  name = 'SlaMonitor1732400000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE complaint_risk');
    await queryRunner.query('DROP TABLE sla_monitor_agenda');
    await queryRunner.query('DROP TABLE sla_monitor_complaint');
  }
}
