import { type ComplaintEvent, streamNameFor } from '../../libs/domain/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import {
  complaintQueueProjection,
  InvalidQueueCursorError,
  listAgentQueue,
  listTeamQueue,
  lockNextUnowned,
  ProjectionRunner,
  queuePageSql,
} from '../../libs/read-models/src/index.js';
import type { TestDatabase } from '../support/database.js';
import { toNewEvents } from './support/histories.js';
import { eventually, readModelDatabase } from './support/read-model-database.js';

let database: TestDatabase;
let store: PostgresEventStore;

interface Spec {
  receivedAt: string;
  priority?: 'P1' | 'P2' | 'P3' | 'P4';
  category?: 'product_quality' | 'delivery';
  owner?: string;
  step?: 'await' | 'resolve';
}

/** Complaints named by letter; their order in the quality team's queue is the point of the test. */
const specs: Record<string, Spec> = {
  A: { receivedAt: '2026-03-02T08:00:00.000Z', priority: 'P1' }, // acknowledge due 09:00
  B: { receivedAt: '2026-03-02T07:30:00.000Z', priority: 'P1' }, // acknowledge due 08:30
  C: { receivedAt: '2026-03-02T06:00:00.000Z', priority: 'P1', step: 'await' }, // paused
  D: { receivedAt: '2026-03-02T05:00:00.000Z', priority: 'P2' }, // due 09:00, but P2
  E: { receivedAt: '2026-03-02T00:00:00.000Z', priority: 'P3', owner: 'agent-1' },
  F: { receivedAt: '2026-03-01T00:00:00.000Z', priority: 'P4', owner: 'agent-1', step: 'resolve' },
  G: { receivedAt: '2026-03-02T01:00:00.000Z', priority: 'P2', category: 'delivery' },
  H: { receivedAt: '2026-03-02T02:00:00.000Z' }, // not triaged: no team yet
};
const ids = Object.fromEntries(
  Object.keys(specs).map((name, index) => [name, `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`]),
);
const nameOf = (complaintId: string) => Object.keys(ids).find((name) => ids[name] === complaintId);

function eventsOf(complaintId: string, spec: Spec): ComplaintEvent[] {
  const base = { complaintId, by: 'agent-9' };
  const later = (minutes: number) => new Date(Date.parse(spec.receivedAt) + minutes * 60_000).toISOString();
  const customer = { id: 'cust-1', name: 'Li Wei' };
  const intake = { channel: 'email', customer, subject: 's', description: 'd', intensity: 'passive' };
  const events: { type: string; data: object }[] = [
    { type: 'ComplaintReceived', data: { ...base, ...intake, purpose: 'criticism', receivedAt: spec.receivedAt } },
  ];
  if (spec.priority) {
    const category = spec.category ?? 'product_quality';
    const subcategory = category === 'delivery' ? 'logistics_delay' : 'manufacturing_defect';
    const classification = { category, subcategory, severity: 'high', impact: 'individual', priority: spec.priority };
    events.push({ type: 'ComplaintCategorized', data: { ...base, ...classification, categorizedAt: later(1) } });
  }
  if (spec.owner) {
    events.push({
      type: 'ComplaintAssigned',
      data: { ...base, team: 'quality', ownerId: spec.owner, assignedAt: later(2) },
    });
  }
  if (spec.step === 'await')
    events.push({ type: 'ComplaintAwaitingCustomer', data: { ...base, reason: 'r', pausedAt: later(3) } });
  if (spec.step === 'resolve') {
    events.push({ type: 'ComplaintResolved', data: { ...base, summary: 's', planSteps: [], resolvedAt: later(3) } });
  }
  return events as ComplaintEvent[];
}

beforeAll(async () => {
  database = await readModelDatabase();
  store = new PostgresEventStore({ connectionString: database.url, poolSize: 8 });
  let stored = 0;
  for (const [name, spec] of Object.entries(specs)) {
    const events = eventsOf(ids[name]!, spec);
    await store.append(streamNameFor(ids[name]!), toNewEvents(events), 'no_stream');
    stored += events.length;
  }
  // The feed shows events once no older transaction on the server is open: catch up until all are in.
  const runner = new ProjectionRunner({ store, pool: store.pool, projection: complaintQueueProjection });
  let applied = 0;
  await eventually(async () => (applied += await runner.catchUp()) >= stored, 'every event projected');
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const now = new Date('2026-03-02T08:45:00.000Z');
const names = (page: { items: { complaintId: string }[] }) => page.items.map((item) => nameOf(item.complaintId));

describe('queue queries', () => {
  it('orders a team queue by priority, then nearest SLA due time, with paused complaints last in their priority', async () => {
    const page = await listTeamQueue(store.pool, { team: 'quality', limit: 50 }, now);
    expect(names(page)).toEqual(['B', 'A', 'C', 'D', 'E']);
    expect(page.nextCursor).toBeNull();
    const [b, , c] = page.items;
    expect(b!.sla).toEqual({
      target: 'acknowledge',
      dueAt: '2026-03-02T08:30:00.000Z',
      overdue: true,
      paused: false,
      remainingMsWhenPaused: null,
    });
    expect(c!.sla).toMatchObject({
      target: 'acknowledge',
      dueAt: null,
      paused: true,
      remainingMsWhenPaused: 57 * 60_000,
    });
    expect(c).toMatchObject({ status: 'waiting_on_customer', team: 'quality', ownerId: null, priority: 'P1' });
  });

  it('walks a queue page by page with the cursor, each complaint exactly once', async () => {
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listTeamQueue(store.pool, { team: 'quality', limit: 2, cursor }, now);
      seen.push(names(page) as string[]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([['B', 'A'], ['C', 'D'], ['E']]);
  });

  it('lists only unowned complaints when asked, and an agent sees the open complaints they own', async () => {
    expect(names(await listTeamQueue(store.pool, { team: 'quality', limit: 50, unownedOnly: true }, now))).toEqual([
      'B',
      'A',
      'C',
      'D',
    ]);
    expect(names(await listTeamQueue(store.pool, { team: 'logistics', limit: 50 }, now))).toEqual(['G']);
    expect(names(await listAgentQueue(store.pool, { agentId: 'agent-1', limit: 50 }, now))).toEqual(['E']);
  });

  it('refuses a cursor it did not give out', async () => {
    const forged = Buffer.from(JSON.stringify({ q: ['1', 'yesterday', '0', ids.A] })).toString('base64url');
    await expect(listTeamQueue(store.pool, { team: 'quality', limit: 5, cursor: forged })).rejects.toThrow(
      InvalidQueueCursorError,
    );
    await expect(listAgentQueue(store.pool, { agentId: 'a', limit: 5, cursor: 'not base64 json' })).rejects.toThrow(
      InvalidQueueCursorError,
    );
  });

  it('serves each queue page from its own index in queue order, without a sort', async () => {
    const cursor = (await listTeamQueue(store.pool, { team: 'quality', limit: 1 }, now)).nextCursor!;
    const cases: [{ where: string[]; params: unknown[] }, string][] = [
      [{ where: ['team = $1'], params: ['quality'] }, 'complaint_queue_team'],
      [{ where: ['team = $1', 'owner_id IS NULL'], params: ['quality'] }, 'complaint_queue_unowned'],
      [{ where: ['owner_id = $1'], params: ['agent-1'] }, 'complaint_queue_owner'],
    ];
    const client = await store.pool.connect();
    try {
      // A table this small would be scanned; what matters is that the index can serve the page.
      await client.query('SET enable_seqscan = off');
      for (const [scope, index] of cases) {
        const { text, params } = queuePageSql(scope, { limit: 50, cursor });
        const { rows } = await client.query(`EXPLAIN ${text}`, params);
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).toContain(`Index Scan using ${index}`);
        expect(plan).not.toMatch(/Sort/);
      }
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  it('gives concurrent claimers different candidates without waiting, in queue order', async () => {
    const clients = await Promise.all([store.pool.connect(), store.pool.connect(), store.pool.connect()]);
    try {
      for (const client of clients) await client.query('BEGIN');
      const first = await lockNextUnowned(clients[0]!, 'quality', []);
      const second = await lockNextUnowned(clients[1]!, 'quality', []);
      const third = await lockNextUnowned(clients[2]!, 'quality', [ids.C!]);
      expect([first, second, third].map((candidate) => nameOf(candidate!.complaintId))).toEqual(['B', 'A', 'D']);
      expect(first).toEqual({ complaintId: ids.B, team: 'quality', revision: 1 });
    } finally {
      for (const client of clients) {
        await client.query('ROLLBACK');
        client.release();
      }
    }
  });
});
