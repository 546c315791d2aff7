import { UsageError } from '../../apps/cli/src/command.js';
import { projectionsRebuildCommand } from '../../apps/cli/src/commands/projections-rebuild.command.js';
import { projectionsStatusCommand } from '../../apps/cli/src/commands/projections-status.command.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  allProjections,
  complaintSummaryProjection,
  ensureCheckpoint,
  feedFilterOf,
  type Projection,
  ProjectionRunner,
  readCheckpoint,
} from '../../libs/read-models/src/index.js';
import { runCli, untilFeedShows } from '../e2e/audit-support.js';
import type { TestDatabase } from '../support/database.js';
import { randomComplaints, toNewEvents } from './support/histories.js';
import { readModelDatabase, tableChecksum } from './support/read-model-database.js';

const COMPLAINTS = 60;
const EVENTS_EACH = 6;
const TOTAL = COMPLAINTS * EVENTS_EACH;
const SUMMARY = complaintSummaryProjection.name;
const HOUR_MS = 3_600_000;

interface StatusEntry {
  name: string;
  builtVersion: number | null;
  codeVersion: number;
  position: string | null;
  eventsBehind: number;
  secondsBehind: number;
  rebuildDue: boolean;
}
interface Status {
  projections: StatusEntry[];
  rebuilding: { name: string; eventsApplied: number }[];
}

let database: TestDatabase;
/** Records every event an hour in the past, so that lag in seconds is known. */
let store: PostgresEventStore;

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({
    connectionString: database.url,
    poolSize: 4,
    clock: () => new Date(Date.now() - HOUR_MS),
  });
  for (const complaint of randomComplaints(707, COMPLAINTS, EVENTS_EACH)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
  await untilFeedShows(store, TOTAL);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

async function status(): Promise<Status> {
  const run = await runCli(projectionsStatusCommand, ['--json'], database.url);
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as Status;
}

const entry = (report: Status, name: string) => report.projections.find((projection) => projection.name === name)!;

/** How many stored events a projection takes (its types and stream prefixes). */
async function eventsFor(projection: Projection): Promise<number> {
  const { eventTypes, streamPrefixes } = feedFilterOf(projection);
  const { rows } = await store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events
      WHERE event_type = ANY ($1::text[]) AND ($2::text[] IS NULL OR stream_name LIKE ANY ($2::text[]))`,
    [eventTypes, streamPrefixes?.map((prefix) => `${prefix}%`) ?? null],
  );
  return rows[0]!.n;
}

async function projectEverything(): Promise<void> {
  for (const projection of allProjections) {
    await new ProjectionRunner({ store, pool: store.pool, projection }).catchUp();
  }
}

describe('npm run cli -- projections status', () => {
  it('before the projector has run: every projection not started, every event of its types behind, an hour old', async () => {
    const report = await status();
    expect(report.projections.map((projection) => projection.name).sort()).toEqual(
      allProjections.map((projection) => projection.name).sort(),
    );
    for (const projection of allProjections) {
      const lag = entry(report, projection.name);
      expect({ name: lag.name, builtVersion: lag.builtVersion, position: lag.position }).toEqual({
        name: projection.name,
        builtVersion: null,
        position: null,
      });
      expect(lag.eventsBehind).toBe(await eventsFor(projection));
      if (lag.eventsBehind > 0) expect(lag.secondsBehind).toBeGreaterThanOrEqual(3600);
    }
    expect(entry(report, SUMMARY)).toMatchObject({ eventsBehind: TOTAL, rebuildDue: false });

    const text = await runCli(projectionsStatusCommand, [], database.url);
    expect(text.out).toContain(`${SUMMARY} (not started)`);
    expect(text.out).toMatch(new RegExp(`lag +${TOTAL} events, 36\\d\\d\\.\\d s`));
  });

  it('once projected: each checkpoint at the head, no lag, built by the running version', async () => {
    await projectEverything();
    const report = await status();
    for (const projection of allProjections) {
      expect(entry(report, projection.name)).toMatchObject({
        builtVersion: projection.version,
        codeVersion: projection.version,
        eventsBehind: 0,
        secondsBehind: 0,
        rebuildDue: false,
      });
    }
    const text = (await runCli(projectionsStatusCommand, [], database.url)).out;
    expect(text).toContain(`${SUMMARY} (v${complaintSummaryProjection.version})`);
    expect(text).toMatch(/lag +0 events, 0\.0 s/);
  });

  it('says a rebuild is due when the rows were built by another version, and lists an abandoned rebuild', async () => {
    await store.pool.query('UPDATE projection_checkpoints SET version = version + 1 WHERE name = $1', [SUMMARY]);
    await ensureCheckpoint(store.pool, `${SUMMARY}:rebuild`, complaintSummaryProjection);
    const report = await status();
    expect(entry(report, SUMMARY)).toMatchObject({
      builtVersion: complaintSummaryProjection.version + 1,
      rebuildDue: true,
    });
    expect(report.rebuilding).toEqual([expect.objectContaining({ name: `${SUMMARY}:rebuild`, eventsApplied: 0 })]);
    const text = (await runCli(projectionsStatusCommand, [], database.url)).out;
    expect(text).toContain(
      `built v${complaintSummaryProjection.version + 1}, code v${complaintSummaryProjection.version}: rebuild due`,
    );
    expect(text).toContain(`${SUMMARY}:rebuild: rebuild in progress or abandoned, 0 events applied`);
  });

  it('refuses an unknown argument', async () => {
    await expect(runCli(projectionsStatusCommand, ['--verbose'], database.url)).rejects.toThrow(UsageError);
  });
});

describe('npm run cli -- projections rebuild <name>', () => {
  it('rebuilds beside the live table with a progress bar, switches, and leaves the same rows at the running version', async () => {
    const before = await tableChecksum(store.pool, SUMMARY, 'complaint_id');
    const run = await runCli(projectionsRebuildCommand, [SUMMARY], database.url);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      new RegExp(`^${SUMMARY} rebuilt from ${TOTAL} events in \\d+\\.\\d s \\(\\d+/s\\) and switched`),
    );
    // Not a terminal: one plain line per redraw, the last one complete.
    expect(run.err.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^rebuild ${SUMMARY} █+ 100\\.0% ${TOTAL}/${TOTAL} events`),
    );

    expect(await tableChecksum(store.pool, SUMMARY, 'complaint_id')).toBe(before);
    expect(await readCheckpoint(store.pool, SUMMARY)).toMatchObject({
      version: complaintSummaryProjection.version,
      eventsApplied: TOTAL,
    });
    const report = await status();
    expect(entry(report, SUMMARY)).toMatchObject({ rebuildDue: false, eventsBehind: 0 });
    expect(report.rebuilding).toEqual([]);
    const { rows } = await store.pool.query(`SELECT to_regclass('complaint_summary_next') AS leftover`);
    expect(rows[0].leftover).toBeNull();
  });

  it('refuses a missing or unknown projection name, naming the known ones', async () => {
    await expect(runCli(projectionsRebuildCommand, [], database.url)).rejects.toThrow(UsageError);
    await expect(runCli(projectionsRebuildCommand, ['no_such_projection'], database.url)).rejects.toThrow(
      new RegExp(`unknown projection no_such_projection \\(known: .*${SUMMARY}`),
    );
  });
});
