import pg from 'pg';
import {
  type ComplaintEvent,
  defaultPolicy,
  EVENT_SCHEMA_VERSION,
  type Priority,
  streamNameFor,
} from '../../libs/domain/src/index.js';
import { type NewEvent, PostgresEventStore } from '../../libs/event-store/src/index.js';
import { deterministicUuid } from '../../libs/platform/src/ids/deterministic-uuid.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { productMigrations } from '../../libs/platform/src/database/product-migrations.js';
import { ProjectionRunner } from '../../libs/read-models/src/index.js';
import { createSlaMonitorProjection, dueWorkSql } from '../../libs/read-models/src/sla-monitor/index.js';
import type { PassReport } from '../../apps/projector/src/sla-monitor/sla-monitor.js';
import { startSlaMonitor } from '../support/sla-monitor.js';
import { round } from './stats.js';

export interface SlaMonitorBenchOptions {
  /** A database the bench may fill (run.ts passes a fresh one). */
  databaseUrl: string;
  /** Open complaints in the store and the agenda. */
  complaints: number;
  /** Share of them with an SLA deadline due at the pass. Default 0.01. */
  dueShare?: number;
}

export interface TimedPass {
  ms: number;
  /** SQL statements sent by the pass (agenda pages, stream reads, appends, BEGIN/COMMIT…). */
  queries: number;
  report: PassReport;
}

export interface SlaMonitorBenchResult {
  complaints: number;
  dueComplaints: number;
  agendaRows: number;
  loadSeconds: number;
  /** The pass that records every due fact: half of the due complaints a warning, half a breach and its escalation. */
  pass: TimedPass;
  queriesPerDueItem: number;
  targetMs: number;
  /** The next pass, once the agenda has folded the facts away: nothing due. */
  idlePass: TimedPass;
  /** EXPLAIN ANALYZE of the due query's first page and of a later (keyset) page, before the pass. */
  plans: { firstPage: string[]; laterPage: string[] };
}

/**
 * When the pass runs. A P1's acknowledge warns at 48 minutes and breaches at 60: a due complaint was
 * received 50 minutes before (its warning is due) or 61 minutes before with its warning recorded by an
 * earlier pass (its breach is due) — what a monitor passing every few seconds meets.
 */
const NOW = new Date('2026-03-02T12:00:00.000Z');
const MINUTE = 60_000;

/**
 * One SLA monitor pass over `complaints` open complaints, `dueShare` of them with one acknowledge fact
 * due (see NOW), the others P3 received within the last 6 hours (nothing due yet, their agenda rows
 * all ahead). Everything goes through the
 * product: events appended by the store, the `sla_monitor` projection builds the agenda, the monitor
 * (as the projector wires it) records through the command path. The pass and the idle pass after it
 * are timed, their SQL statements counted, and the due query's plans shown (an index-only range scan).
 */
export async function benchSlaMonitor(options: SlaMonitorBenchOptions): Promise<SlaMonitorBenchResult> {
  await runMigrations(options.databaseUrl, productMigrations);
  const store = new PostgresEventStore({ connectionString: options.databaseUrl, poolSize: 8 });
  const dueEvery = Math.round(1 / (options.dueShare ?? 0.01));
  try {
    const started = performance.now();
    const dueComplaints = await loadComplaints(store, options.complaints, dueEvery);
    await project(store);
    await store.pool.query('VACUUM ANALYZE sla_monitor_agenda');
    const loadSeconds = round((performance.now() - started) / 1000, 1);
    const agendaRows = await count(store.pool, 'SELECT count(*)::int AS n FROM sla_monitor_agenda');
    const duePlans = await plans(store.pool);
    const context = await startSlaMonitor({ databaseUrl: options.databaseUrl, clock: { now: () => NOW } });
    try {
      const pass = await timed(() => context.monitor.runPass());
      await project(store);
      const idlePass = await timed(() => context.monitor.runPass());
      if (pass.report.failed + pass.report.refused > 0) throw new Error(`the pass failed: ${JSON.stringify(pass)}`);
      return {
        complaints: options.complaints,
        dueComplaints,
        agendaRows,
        loadSeconds,
        pass,
        queriesPerDueItem: round(pass.queries / Math.max(1, pass.report.due), 1),
        targetMs: 1000,
        idlePass,
        plans: duePlans,
      };
    } finally {
      await context.close();
    }
  } finally {
    await store.close();
  }
}

async function loadComplaints(store: PostgresEventStore, complaints: number, dueEvery: number): Promise<number> {
  let due = 0;
  const writers = 8;
  for (let from = 0; from < complaints; from += writers * 25) {
    const batch = Array.from({ length: Math.min(writers * 25, complaints - from) }, (_, index) => from + index);
    const chunks = Array.from({ length: writers }, (_, writer) =>
      batch.filter((_, index) => index % writers === writer),
    );
    await Promise.all(
      chunks.map(async (numbers) => {
        for (const n of numbers) {
          const kind = n % dueEvery !== 0 ? 'none' : (n / dueEvery) % 2 === 0 ? 'warning' : 'breach';
          if (kind !== 'none') due += 1;
          const minutesAgo = { none: 1 + (n % 360), warning: 50, breach: 61 }[kind];
          const id = deterministicUuid('bench-sla-monitor', String(n));
          const events = eventsOf(id, new Date(NOW.getTime() - minutesAgo * MINUTE), kind);
          await store.append(streamNameFor(id), events, 'no_stream');
        }
      }),
    );
  }
  return due;
}

function eventsOf(complaintId: string, receivedAt: Date, due: 'none' | 'warning' | 'breach'): NewEvent[] {
  const at = receivedAt.toISOString();
  const priority: Priority = due === 'none' ? 'P3' : 'P1';
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived',
      data: {
        complaintId,
        channel: 'email',
        customer: { id: `customer-${complaintId.slice(0, 8)}`, name: 'Bench Customer' },
        subject: 'Kettle leaks',
        description: 'The kettle leaks from the base.',
        intensity: 'passive',
        purpose: 'criticism',
        by: 'agent-1',
        receivedAt: at,
      },
    },
    {
      type: 'ComplaintCategorized',
      data: {
        complaintId,
        category: 'product_quality',
        subcategory: 'manufacturing_defect',
        severity: priority === 'P1' ? 'critical' : 'medium',
        impact: 'individual',
        priority,
        by: 'agent-1',
        categorizedAt: at,
      },
    },
  ];
  if (due === 'breach') {
    const warnedAt = new Date(receivedAt.getTime() + 48 * MINUTE).toISOString();
    const dueAt = new Date(receivedAt.getTime() + 60 * MINUTE).toISOString();
    events.push({ type: 'SlaWarningRaised', data: { complaintId, target: 'acknowledge', dueAt, raisedAt: warnedAt } });
  }
  return events.map((event, index) => ({
    id: deterministicUuid(complaintId, 'bench', String(index)),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata: { actor: { id: 'agent-1', role: 'agent' }, correlationId: complaintId, causationId: complaintId },
  }));
}

async function project(store: PostgresEventStore): Promise<void> {
  const projection = createSlaMonitorProjection(() => defaultPolicy);
  await new ProjectionRunner({ store, pool: store.pool, projection, batchSize: 2000 }).catchUp();
}

/** Runs `pass`, counting every statement any pg client of this process sends meanwhile. */
async function timed(pass: () => Promise<PassReport>): Promise<TimedPass> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let queries = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    queries += 1;
    return original.apply(this, args);
  };
  try {
    const started = performance.now();
    const report = await pass();
    return { ms: round(performance.now() - started, 1), queries, report };
  } finally {
    prototype.query = original;
  }
}

async function plans(pool: pg.Pool): Promise<{ firstPage: string[]; laterPage: string[] }> {
  const explain = async ({ text, params }: { text: string; params: unknown[] }) => {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
    const plan = rows.map((row) => row['QUERY PLAN']);
    if (plan.some((line) => /Seq Scan|Sort/.test(line)))
      throw new Error(`the due query is not an index range scan:\n${plan.join('\n')}`);
    return plan;
  };
  const [first] = (
    await pool.query<{ fire_at: Date; complaint_id: string }>(
      'SELECT fire_at, complaint_id FROM sla_monitor_agenda ORDER BY fire_at, complaint_id LIMIT 1',
    )
  ).rows;
  const later = first && {
    fireAt: first.fire_at,
    complaintId: first.complaint_id,
    kind: 'warning' as const,
    subject: 'acknowledge',
    handling: 1,
  };
  return { firstPage: await explain(dueWorkSql(NOW, 500)), laterPage: await explain(dueWorkSql(NOW, 500, later)) };
}

async function count(pool: pg.Pool, sql: string): Promise<number> {
  return (await pool.query<{ n: number }>(sql)).rows[0]!.n;
}
