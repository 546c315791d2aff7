import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { allProjections, complaintSummaryProjection } from '../../libs/read-models/src/index.js';
import { randomComplaints, toNewEvents } from '../read-models/support/histories.js';
import { eventually, readModelDatabase } from '../read-models/support/read-model-database.js';
import { type AppProcess, freePort, startAppProcess } from '../support/app-process.js';
import type { TestDatabase } from '../support/database.js';
import { parsePrometheus, type Sample, valueOf } from '../support/prometheus.js';

const COMPLAINTS = 40;
const EVENTS_EACH = 5;

let database: TestDatabase;
const processes: AppProcess[] = [];

beforeAll(async () => {
  database = await readModelDatabase();
  const store = new PostgresEventStore({ connectionString: database.url, poolSize: 4 });
  for (const complaint of randomComplaints(9464, COMPLAINTS, EVENTS_EACH)) {
    await store.append(complaint.stream, toNewEvents(complaint.events), 'no_stream');
  }
  await store.close();
});
afterAll(async () => {
  for (const app of processes) app.child.kill('SIGKILL');
  await database.drop();
});

function startProjector(env: Record<string, string>): AppProcess {
  // The histories are months old: an SLA monitor would add facts to the very streams being counted.
  const app = startAppProcess('apps/projector/src/main.ts', {
    DATABASE_URL: database.url,
    SLA_MONITOR_ENABLED: 'false',
    ...env,
  });
  processes.push(app);
  return app;
}

async function scrape(base: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

describe('the projector’s metrics listener', () => {
  it('serves /metrics on PROJECTOR_METRICS_PORT: applied events and lag per projection move as it projects', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const projector = startProjector({ PROJECTOR_METRICS_PORT: String(port) });
    await projector.waitFor(/metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);

    const total = COMPLAINTS * EVENTS_EACH;
    const summary = { projection: complaintSummaryProjection.name };
    await eventually(
      async () => valueOf(await scrape(base), 'projection_events_applied_total', summary) === total,
      'the summary projection to apply every event',
    );
    await eventually(async () => {
      const samples = await scrape(base);
      return allProjections.every(
        ({ name }) =>
          valueOf(samples, 'projection_lag_events', { projection: name }) === 0 &&
          valueOf(samples, 'projection_lag_seconds', { projection: name }) === 0,
      );
    }, 'every projection to report no lag');
    const samples = await scrape(base);
    expect(samples.filter((sample) => sample.labels.service !== 'projector')).toEqual([]);
    expect(valueOf(samples, 'event_store_feed_pending_events')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/anything-else`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);

    projector.child.kill('SIGTERM');
    expect(await projector.exited()).toEqual({ code: 0, signal: null });
    await expect(fetch(`${base}/metrics`)).rejects.toThrow();
  }, 60_000);

  it('refuses to start with an invalid PROJECTOR_METRICS_PORT, naming the variable', async () => {
    const projector = startProjector({ PROJECTOR_METRICS_PORT: '70000' });
    expect((await projector.exited()).code).toBe(1);
    expect(projector.output()).toMatch(/PROJECTOR_METRICS_PORT/);
  }, 30_000);

  it('exits with an error when the metrics port is already taken', async () => {
    const port = await freePort();
    const first = startProjector({ PROJECTOR_METRICS_PORT: String(port) });
    await first.waitFor(/metrics on/);
    const second = startProjector({ PROJECTOR_METRICS_PORT: String(port) });
    expect((await second.exited()).code).toBe(1);
    expect(second.output()).toMatch(/EADDRINUSE/);
    first.child.kill('SIGTERM');
    expect((await first.exited()).code).toBe(0);
  }, 60_000);
});
