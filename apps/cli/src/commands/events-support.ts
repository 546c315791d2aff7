import { type EventStore, PostgresEventStore } from '#event-store';
import { createProgress, type Progress } from '#platform/cli/progress';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../command.js';

/** `--name value` pairs; anything else, or a name not in `known`, is a usage error. */
export function parseOptions<Name extends string>(
  args: string[],
  known: readonly Name[],
): Partial<Record<Name, string>> {
  const options: Partial<Record<Name, string>> = {};
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index]!.replace(/^--/, '') as Name;
    const value = args[index + 1];
    if (!args[index]!.startsWith('--') || !known.includes(name))
      throw new UsageError(`unknown argument ${args[index]}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return options;
}

/** An ISO-8601 instant with its zone, or a usage error naming the option. */
export function instantOption(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  if (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(instant.getTime())) {
    throw new UsageError(`--${name} must be an ISO-8601 date-time with a zone, e.g. 2025-03-10T12:00:00Z`);
  }
  return instant;
}

/**
 * How many events the store holds, for the progress bar's total: exact and cheap on PostgreSQL;
 * other adapters get a bar without a total (count and rate only).
 */
export async function countEvents(store: EventStore): Promise<number | undefined> {
  if (!(store instanceof PostgresEventStore)) return undefined;
  const { rows } = await store.pool.query<{ count: string }>('SELECT count(*) AS count FROM events');
  return Number(rows[0]!.count);
}

export function progressFor(context: CliContext, label: string, total: number | undefined): Progress {
  return createProgress({ label, total, unit: 'events', stream: context.err as NodeJS.WriteStream });
}

export function pageSizeOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 100_000) throw new UsageError('--page-size must be 1 to 100000');
  return size;
}
