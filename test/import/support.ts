import { readFileSync } from 'node:fs';
import { type EventStore, PostgresEventStore, type RecordedEvent } from '../../libs/event-store/src/index.js';
import { CsvParser, type CsvRecord } from '../../libs/import/src/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const SAMPLE = 'test/fixtures/cfpb/complaints-sample.csv';

export interface ImportDatabase {
  database: TestDatabase;
  store: PostgresEventStore;
  close(): Promise<void>;
}

/** A fresh, migrated database and a store on it. */
export async function importDatabase(): Promise<ImportDatabase> {
  const database = await createTestDatabase('import');
  await runMigrations(database.url, productMigrations);
  const store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
  return {
    database,
    store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** The sample's header and records, each as an object by column name. */
export function sampleRecords(): { header: string[]; records: CsvRecord[]; rows: Record<string, string>[] } {
  const parser = new CsvParser();
  const [head, ...records] = [...parser.push(readFileSync(SAMPLE, 'utf8')), ...parser.end()] as CsvRecord[];
  const header = head!.fields;
  const rows = records.map((record) => Object.fromEntries(header.map((column, at) => [column, record.fields[at]!])));
  return { header, records, rows };
}

/** One CSV line (RFC 4180 quoting where needed), without the line break. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: 5000 });
    events.push(...page.events);
    if (page.events.length < 5000) return events;
    after = page.position;
  }
}

export async function eventCount(store: PostgresEventStore): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  return rows[0]!.n;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
