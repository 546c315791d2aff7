/** The import as the CLI runs it, for the import bench and its shard processes. */
import { type EventStore, PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  cfpbProfile,
  DEFAULT_WRITERS,
  type ImportReport,
  importCsv,
  type ImportShard,
} from '../../libs/import/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { CliContext } from '../../apps/cli/src/cli-context.js';

/** Writers of the one-complaint-per-transaction phases (the import without batches: its default). */
export const ONE_BY_ONE_WRITERS = DEFAULT_WRITERS.appends;

export interface ImportAsTheCliOptions {
  /** false hides appendNewStreams: one append per complaint. */
  batches?: boolean;
  shard?: ImportShard;
}

/**
 * As `npm run cli -- import csv <file> --profile cfpb [--shard k/n]` writes: personal data sealed
 * (CliContext), the CLI's default writers.
 */
export async function importAsTheCli(
  file: string,
  databaseUrl: string,
  { batches = true, shard }: ImportAsTheCliOptions = {},
): Promise<ImportReport> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: '.data/bench', LOG_LEVEL: 'silent' });
  const context = new CliContext(config);
  const poolSize = batches ? DEFAULT_WRITERS.batches : ONE_BY_ONE_WRITERS;
  const store = new PostgresEventStore({ connectionString: databaseUrl, poolSize });
  try {
    const target: EventStore = batches ? store : Object.create(store, { appendNewStreams: { value: undefined } });
    const sealed = await context.sealingPersonalData(target);
    return await importCsv({ store: sealed, profile: cfpbProfile, path: file, shard });
  } finally {
    await context.close();
    await store.close();
  }
}
