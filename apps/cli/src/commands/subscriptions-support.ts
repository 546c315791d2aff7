import pg from 'pg';
import { SubscriptionRepository } from '#subscriptions';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../command.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscriptions on the configured database; `close` ends the pool. */
export async function subscriptionTools(
  context: CliContext,
): Promise<{ subscriptions: SubscriptionRepository; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: await context.databaseUrl(), max: 2 });
  return { subscriptions: new SubscriptionRepository(pool), close: () => pool.end() };
}

export function uuidArgument(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`missing ${what}`);
  if (!UUID.test(value)) throw new UsageError(`${what} must be a UUID, got ${value}`);
  return value.toLowerCase();
}
