/**
 * Personal data at rest: no table of the database (events, idempotency records, webhook state,
 * every read model) ever holds a customer's name, email or phone in clear, before or after the
 * customer is forgotten; forgetting changes no projection and no statistic; the CSV import and
 * the CLI's projection rebuild work on sealed data like the API does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importCsvCommand } from '../../apps/cli/src/commands/import-csv.command.js';
import { projectionsRebuildCommand } from '../../apps/cli/src/commands/projections-rebuild.command.js';
import { storeCopyCommand } from '../../apps/cli/src/commands/store-copy.command.js';
import { createTestDatabase } from '../support/database.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { analyst, supervisor } from '../support/complaint-requests.js';
import { csvLine, sampleRecords } from '../import/support.js';
import { runCli } from './audit-support.js';
import {
  CLEAR_TEXT,
  customerInHistory,
  forget,
  LI,
  type PersonalDataWorld,
  projected,
  startWorld,
} from './personal-data-support.js';

let world: PersonalDataWorld;
const all = () => [...world.complaints.li, world.complaints.maria];

beforeAll(async () => {
  world = await startWorld();
  await projected(world.http, all());
  await eventually(
    async () => {
      const { causes } = await figures();
      const counts = Object.fromEntries(causes.map((row) => [String(row.key), row.complaints]));
      return counts.product_quality === 2 && counts.null === 1;
    },
    'the statistics to count every complaint under its category',
    60_000,
  );
}, 120_000);
afterAll(() => world?.close());

/** Per value, per table, how many rows hold it anywhere (the whole row as text, jsonb included). */
async function tablesHolding(values: readonly string[]): Promise<Record<string, Record<string, number>>> {
  const { rows: tables } = await world.pool.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: Record<string, Record<string, number>> = Object.fromEntries(values.map((value) => [value, {}]));
  for (const { name } of tables) {
    const { rows } = await world.pool.query<{ value: string; n: number }>(
      `SELECT v AS value, count(*)::int AS n FROM ${name} AS t, unnest($1::text[]) AS v
        WHERE strpos(t::text, v) > 0 GROUP BY v`,
      [values],
    );
    for (const row of rows) found[row.value]![name] = row.n;
  }
  return found;
}

async function expectNoClearTextAnywhere(): Promise<void> {
  expect(await tablesHolding(CLEAR_TEXT)).toEqual(Object.fromEntries(CLEAR_TEXT.map((value) => [value, {}])));
}

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const PERIOD = `from=${dayOffset(-1)}&to=${dayOffset(2)}`;

/** Complaints by category (the statistics), and the list of complaints with their customer ids. */
async function figures() {
  const causes = await world.http.get(`/analytics/causes?${PERIOD}&by=category`, analyst);
  const list = await world.http.get('/complaints?limit=200', supervisor);
  const customers = list.body.items.map((item: { id: string; customerId: string }) => [item.id, item.customerId]);
  return { causes: causes.body.rows as { key: string | null; complaints: number }[], customers: customers.sort() };
}

describe('personal data at rest', () => {
  test('the scan finds what is there: the customer id, a reference, is stored in clear', async () => {
    expect(Object.keys((await tablesHolding([LI.id]))[LI.id]!)).toEqual(
      expect.arrayContaining(['public.events', 'public.customer_keys', 'public.complaint_summary']),
    );
  });

  test('no table holds a name, email or phone in clear, and forgetting changes no projection or statistic', async () => {
    await expectNoClearTextAnywhere();
    const before = await figures();
    expect(before.customers).toHaveLength(3);
    expect(before.causes).toEqual([
      expect.objectContaining({ key: 'product_quality', complaints: 2 }),
      expect.objectContaining({ key: null, complaints: 1 }),
    ]);
    expect((await forget(world.http, LI.id)).status).toBe(202);
    await expectNoClearTextAnywhere();
    expect(await figures()).toEqual(before);
  });

  test('a projection rebuild from the CLI reads sealed events and ends with the same rows', async () => {
    const before = await figures();
    const run = await runCli(projectionsRebuildCommand, ['complaint_summary'], world.api.database.url);
    expect(run.code).toBe(0);
    expect(await figures()).toEqual(before);
    await expectNoClearTextAnywhere();
  }, 90_000);

  test('the CSV import seals the customer data of the records it takes in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealed-import-'));
    try {
      const { header, rows } = sampleRecords();
      const file = join(dir, 'complaints.csv');
      const lines = [header, ...rows.slice(0, 3).map((row) => header.map((column) => row[column]!))];
      await writeFile(file, `${lines.map(csvLine).join('\n')}\n`);
      expect((await runCli(importCsvCommand, [file, '--profile', 'cfpb'], world.api.database.url)).code).toBe(0);
      const { rows: stored } = await world.pool.query<{ complaint_id: string; name: string }>(
        `SELECT data->>'complaintId' AS complaint_id, data->'customer'->>'name' AS name FROM events
          WHERE event_type = 'ComplaintReceived' AND data->'customer'->>'id' LIKE 'cfpb-consumer-%'`,
      );
      expect(stored).toHaveLength(3);
      for (const row of stored) {
        expect(row.name).toMatch(/^enc:v1:aes-256-gcm:/);
        expect((await customerInHistory(world.http, row.complaint_id)).name).toBe('CFPB consumer');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  test('a store copy moves the sealed values as stored: same bytes, same hashes, no clear text', async () => {
    const target = await createTestDatabase('sealed_copy');
    try {
      const source = world.api.database.url;
      const args = ['--from', 'postgres', '--to', 'postgres', '--from-url', source, '--to-url', target.url];
      expect((await runCli(storeCopyCommand, args, source)).code).toBe(0);
      const sealed = `SELECT event_id, data, hash FROM events WHERE event_type = 'ComplaintReceived' ORDER BY event_id`;
      const copied = await withClient(target.url, (client) => client.query(sealed));
      expect(copied.rows).toEqual((await world.pool.query(sealed)).rows);
      expect(JSON.stringify(copied.rows)).toMatch(/enc:v1:aes-256-gcm:/);
      for (const value of CLEAR_TEXT) expect(JSON.stringify(copied.rows)).not.toContain(value);
    } finally {
      await target.drop();
    }
  }, 90_000);
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
