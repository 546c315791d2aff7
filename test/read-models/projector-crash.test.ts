import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  allProjections,
  complaintSummaryProjection,
  measureLag,
  readCheckpoint,
  rebuildProjection,
} from '../../libs/read-models/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { randomComplaints, seededRandom, toNewEvents } from './support/histories.js';
import { eventually, readModelDatabase, tableChecksum } from './support/read-model-database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPLAINTS = 2500;
const EVENTS_EACH = 8;
const TOTAL = COMPLAINTS * EVENTS_EACH; // 20,000
/** At least this many kills must land before the run is complete. */
const MIN_KILLS = 5;
/**
 * Each restart boots the projector from its sources (a few seconds on two cores); past this many
 * kills the last start finishes the feed. Fifteen random kill points keep the crash coverage and the
 * suite within its time.
 */
const MAX_KILLS = 15;

let database: TestDatabase;
let store: PostgresEventStore;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
  const complaints = randomComplaints(404, COMPLAINTS, EVENTS_EACH);
  for (let index = 0; index < complaints.length; index += 8) {
    await Promise.all(
      complaints.slice(index, index + 8).map((c) => store.append(c.stream, toNewEvents(c.events), 'no_stream')),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await store.close();
  await database.drop();
});

/** The real projector (apps/projector/src/main.ts) in a child process, run from the sources. */
function startProjector(): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', './test/read-models/support/register-ts.mjs', 'apps/projector/src/main.ts'],
    {
      cwd: ROOT,
      // The histories are months old: an SLA monitor would add facts to the very streams being counted.
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        SLA_MONITOR_ENABLED: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const applied = async () => (await readCheckpoint(store.pool, complaintSummaryProjection.name))?.eventsApplied ?? 0;

/** A tight poll (not eventually's back-off): the projector gets through a batch in a few ms. */
async function progressBeyond(events: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await applied()) <= events) {
    if (Date.now() > deadline) throw new Error('the projector made no progress');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('projector killed with SIGKILL at random points', () => {
  it(`ends with read models identical to a clean rebuild after repeated kills during ${TOTAL} events`, async () => {
    const random = seededRandom(Date.now() % 100_000);
    const killedAt: number[] = [];
    // Kill it again and again while it still has work, each time at a random instant once it is projecting.
    while ((await applied()) < TOTAL && killedAt.length < MAX_KILLS) {
      const before = await applied();
      const child = startProjector();
      await progressBeyond(before);
      await new Promise((resolve) => setTimeout(resolve, random() * 40));
      child.kill('SIGKILL');
      await once(child, 'exit');
      killedAt.push(await applied());
    }
    expect(killedAt.filter((events) => events < TOTAL).length).toBeGreaterThanOrEqual(MIN_KILLS);
    const last = startProjector();
    await eventually(async () => (await applied()) === TOTAL, 'the restarted projector to catch up', 60_000);
    for (const projection of allProjections) {
      const caughtUp = async () => (await measureLag({ store, db: store.pool, projection })).eventsBehind === 0;
      await eventually(caughtUp, `${projection.name} to catch up`, 60_000);
    }
    last.kill('SIGTERM');
    const [code, signal] = (await once(last, 'exit')) as [number | null, string | null];
    expect(code === 0 || signal === 'SIGTERM').toBe(true);

    const { rows } = await store.pool.query('SELECT count(*)::int AS n FROM complaint_summary');
    expect(rows[0].n).toBe(COMPLAINTS);
    expect(await applied()).toBe(TOTAL); // no batch was counted twice
    const afterCrashes = await tableChecksum(store.pool, 'complaint_summary', 'complaint_id');
    await rebuildProjection({ store, pool: store.pool, projection: complaintSummaryProjection });
    expect(await tableChecksum(store.pool, 'complaint_summary', 'complaint_id')).toBe(afterCrashes);
    // Every other read model's tables too: each identical to its own clean rebuild.
    for (const projection of allProjections.filter((p) => p !== complaintSummaryProjection)) {
      const checksums = () =>
        Promise.all(projection.tables.map((table) => tableChecksum(store.pool, table, 't::text')));
      const crashed = await checksums();
      await rebuildProjection({ store, pool: store.pool, projection });
      expect({ projection: projection.name, tables: await checksums() }).toEqual({
        projection: projection.name,
        tables: crashed,
      });
    }
  }, 300_000);
});
