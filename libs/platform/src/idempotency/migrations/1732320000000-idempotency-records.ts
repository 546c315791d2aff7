import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyRecords1732320000000 implements MigrationInterface {
  name = 'IdempotencyRecords1732320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_records (
        scope          text        NOT NULL,
        key            text        NOT NULL,
        fingerprint    text        NOT NULL,
        state          text        NOT NULL CHECK (state IN ('pending', 'completed')),
        locked_until   timestamptz NOT NULL,
        status_code    integer,
        headers        jsonb,
        body           jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        completed_at   timestamptz,
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_records`);
  }
}
