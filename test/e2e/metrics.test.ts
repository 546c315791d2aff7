import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { complaintSummaryProjection, ProjectionRunner } from '../../libs/read-models/src/index.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { agent, intake } from '../support/complaint-requests.js';
import { metricNames, parsePrometheus, type Sample, valueOf } from '../support/prometheus.js';

let now = new Date('2026-12-01T09:00:00.000Z');
const clock = { now: () => now };
let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi({ clock });
  http = httpClient(api.url, agent);
});
afterAll(() => api.close());

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(`${api.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, samples: parsePrometheus(text) };
}

const commandCount = (samples: Sample[], command: string, outcome: string) =>
  valueOf(samples, 'complaint_command_duration_seconds_count', { command, outcome }) ?? 0;
const appended = (samples: Sample[], type: string) => valueOf(samples, 'events_appended_total', { type }) ?? 0;
const summaryLag = (samples: Sample[], unit: 'events' | 'seconds') =>
  valueOf(samples, `projection_lag_${unit}`, { projection: complaintSummaryProjection.name });

describe('GET /metrics', () => {
  it('serves the Prometheus text format with command, event, lag, feed and process metrics, all labelled service="api"', async () => {
    await http.post('/complaints', intake());
    const { text, samples } = await scrape();
    for (const name of [
      'complaint_command_duration_seconds',
      'events_appended_total',
      'projection_lag_events',
      'projection_lag_seconds',
      'projection_rebuild_due',
      'event_store_feed_pending_events',
      'event_store_feed_lag_seconds',
      'process_cpu_user_seconds_total',
    ]) {
      expect(metricNames(text)).toContain(name);
    }
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter((sample) => sample.labels.service !== 'api')).toEqual([]);
    expect(valueOf(samples, 'event_store_feed_pending_events')).toBeGreaterThanOrEqual(0);
  });

  it('times every command by command and outcome: success, rejected with its status, conflict', async () => {
    const before = (await scrape()).samples;
    const received = await http.post('/complaints', intake());
    expect(received.status).toBe(201);
    const id: string = received.body.complaintId;
    const refused = await http.post(`/complaints/${id}/close`, { closureCode: 'resolved' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await http.post(`/complaints/${randomUUID()}/acknowledge`, { how: 'email' })).status).toBe(404);
    const stale = await http.post(`/complaints/${id}/acknowledge`, { how: 'email' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const after = (await scrape()).samples;

    const delta = (command: string, outcome: string) =>
      commandCount(after, command, outcome) - commandCount(before, command, outcome);
    expect(delta('ReceiveComplaint', 'success')).toBe(1);
    expect(delta('CloseComplaint', `rejected_${refused.status}`)).toBe(1);
    expect(delta('AcknowledgeComplaint', 'rejected_404')).toBe(1);
    expect(delta('AcknowledgeComplaint', 'conflict')).toBe(1);
    expect(delta('AcknowledgeComplaint', 'success')).toBe(0);
    const labels = { command: 'ReceiveComplaint', outcome: 'success' };
    expect(valueOf(after, 'complaint_command_duration_seconds_sum', labels)).toBeGreaterThan(
      valueOf(before, 'complaint_command_duration_seconds_sum', labels) ?? 0,
    );
    expect(valueOf(after, 'complaint_command_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      commandCount(after, 'ReceiveComplaint', 'success'),
    );
  });

  it('counts appended events by type, and not again when an Idempotency-Key replays the answer', async () => {
    const before = (await scrape()).samples;
    const key = { 'idempotency-key': `metrics-${randomUUID()}` };
    const first = await http.post('/complaints', intake(), key);
    expect(first.status).toBe(201);
    const replay = await http.post('/complaints', intake(), key);
    expect(replay.body.complaintId).toBe(first.body.complaintId);
    expect((await http.post(`/complaints/${first.body.complaintId}/acknowledge`, { how: 'email' })).status).toBe(200);
    const after = (await scrape()).samples;
    expect(appended(after, 'ComplaintReceived') - appended(before, 'ComplaintReceived')).toBe(1);
    expect(appended(after, 'ComplaintAcknowledged') - appended(before, 'ComplaintAcknowledged')).toBe(1);
  });

  it('reports each projection’s lag in events and seconds, back to 0 once the projection has caught up', async () => {
    const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 2 });
    try {
      const { rows } = await store.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE stream_name LIKE 'complaint-%'`,
      );
      const stored = rows[0]!.n;
      expect(stored).toBeGreaterThan(3);
      // Nothing projects in this test until the runner below: every stored event is behind.
      await eventually(async () => summaryLag((await scrape()).samples, 'events') === stored, 'the lag to count them');
      now = new Date(now.getTime() + 120_000);
      await eventually(
        async () => (summaryLag((await scrape()).samples, 'seconds') ?? 0) >= 120,
        'the lag in seconds to follow the clock',
      );

      const runner = new ProjectionRunner({ store, pool: store.pool, projection: complaintSummaryProjection });
      await eventually(async () => {
        await runner.catchUp();
        const { samples } = await scrape();
        return summaryLag(samples, 'events') === 0 && summaryLag(samples, 'seconds') === 0;
      }, 'the lag to fall to 0');
    } finally {
      await store.close();
    }
    const { samples } = await scrape();
    expect(valueOf(samples, 'projection_rebuild_due', { projection: complaintSummaryProjection.name })).toBe(0);
  });
});
