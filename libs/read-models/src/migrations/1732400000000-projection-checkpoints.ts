import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each projection is in the global feed. The position is the event store's opaque token; the
 * projector moves it with compare-and-set in the same transaction as the batch's rows.
 * `name` is the projection's name, or `<name>:rebuild` while a rebuild runs beside the live tables.
 */
export class ProjectionCheckpoints1732400000000 implements MigrationInterface {
  name = 'ProjectionCheckpoints1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name           text        PRIMARY KEY,
        projection     text        NOT NULL,
        version        integer     NOT NULL,
        position       text        NOT NULL,
        events_applied bigint      NOT NULL DEFAULT 0,
        last_event_at  timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
