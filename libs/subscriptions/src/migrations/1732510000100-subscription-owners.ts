import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every subscription has an owner: the caller (a service's token subject) that created it. A
 * service sees and manages only its own. Subscriptions made before owners existed have none and
 * stay visible to admins and auditors only.
 */
export class SubscriptionOwners1732510000100 implements MigrationInterface {
  name = 'SubscriptionOwners1732510000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE webhook_subscriptions ADD COLUMN owner_id text CHECK (length(owner_id) <= 128)',
    );
    await queryRunner.query('CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX webhook_subscriptions_owner');
    await queryRunner.query('ALTER TABLE webhook_subscriptions DROP COLUMN owner_id');
  }
}
