import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store schema: one table. The append is a single statement (see ../sql.ts) that reads the
 * stream's last revision and hash, checks the expected revision BEFORE any row draws a
 * global_position, and inserts; UNIQUE(stream_name, stream_revision) is the backstop that turns a
 * concurrent writer of the same revision into a conflict (trap 2).
 */
export class EventStore1732310000000 implements MigrationInterface {
  name = 'EventStore1732310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // transaction_id (trap 1): the feed is read in (transaction_id, global_position) order, only below
    // the oldest running transaction, because sequence order is not commit order.
    await queryRunner.query(`
      CREATE TABLE events (
        global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid        NOT NULL,
        stream_name     text        NOT NULL,
        stream_revision bigint      NOT NULL,
        event_type      text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        previous_hash   text        NOT NULL,
        hash            text        NOT NULL,
        CONSTRAINT events_event_id_unique UNIQUE (event_id),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_name, stream_revision),
        CONSTRAINT events_revision_not_negative CHECK (stream_revision >= 0)
      )`);
    // The feed's order; stream reads use the (stream_name, stream_revision) unique index.
    await queryRunner.query(`CREATE INDEX events_feed ON events (transaction_id, global_position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE events`);
  }
}
