import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-customer keys that seal personal data in event bodies (crypto-shredding). Each row holds
 * a data key wrapped by the master key (never the key in clear); forgetting the customer sets
 * `wrapped_key` to NULL, after which every value sealed with it is unreadable for good. The row
 * stays, so readers can tell an erased key from one this database never had. A customer has at
 * most one live key; one who comes back after being forgotten gets a new one.
 */
export class CustomerKeys1732330000000 implements MigrationInterface {
  name = 'CustomerKeys1732330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_keys (
        key_id         uuid        PRIMARY KEY,
        customer_id    text        NOT NULL,
        wrapped_key    text,
        master_key_id  text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        erased_at      timestamptz,
        erased_by      text,
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX customer_keys_live ON customer_keys (customer_id) WHERE erased_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_keys`);
  }
}
