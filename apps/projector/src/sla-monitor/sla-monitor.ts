import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type DueWork, listDueWork } from '#read-models/sla-monitor/index';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { CLOCK, type Clock } from '#platform/time/clock';
import type { CommandOutcome } from '../../../api/src/complaints/commands/execute-complaint-command.js';
import { monitorCommandFor } from './monitor-command.js';
import { SlaMonitorMetrics, type WorkOutcome } from './sla-monitor.metrics.js';

export const SLA_MONITOR_OPTIONS = Symbol('SLA_MONITOR_OPTIONS');

export interface SlaMonitorOptions {
  /** Due agenda rows read per page. */
  batchSize: number;
  /** Complaints worked on at once; one complaint's items always in order. */
  concurrency: number;
}

export interface PassReport {
  /** The instant the pass measured against (the injected clock). */
  now: string;
  /** Agenda rows found due. */
  due: number;
  /** Of those: the fact is in the stream now (recorded by this pass, or found already recorded by this key). */
  recorded: number;
  /** The stream says there is nothing to record (already recorded, or resolved, paused, closed meanwhile). */
  nothing: number;
  /** Refused by the write side (e.g. the complaint is unknown), or failed (retried next pass). */
  refused: number;
  failed: number;
  /** Pages of due rows read. */
  pages: number;
}

/**
 * One pass of the SLA monitor: read the agenda rows due at the clock's now (sla_monitor read model,
 * keyset pages over its index), and send each through the normal command path — read the stream,
 * fold, decide, append with the expected revision — as `system:sla-monitor`. The decision re-checks
 * everything against the stream, so a stale agenda row records nothing; deterministic event ids make
 * any number of monitors, passes or restarts write each fact once.
 */
@Injectable()
export class SlaMonitor {
  private readonly logger = new Logger('SlaMonitor');

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_MONITOR_OPTIONS) private readonly options: SlaMonitorOptions,
    private readonly commandBus: CommandBus,
    private readonly metrics: SlaMonitorMetrics,
  ) {}

  /** Works through everything due now; stops taking new rows once `signal` aborts. */
  async runPass(signal?: AbortSignal): Promise<PassReport> {
    const now = this.clock.now();
    const stop = this.metrics.startPass();
    const report: PassReport = {
      now: now.toISOString(),
      due: 0,
      recorded: 0,
      nothing: 0,
      refused: 0,
      failed: 0,
      pages: 0,
    };
    const correlationId = randomUUID();
    try {
      let after: DueWork | undefined;
      while (!signal?.aborted) {
        const page = await listDueWork(this.pool, now, this.options.batchSize, after);
        report.pages += 1;
        report.due += page.length;
        await this.work(page, correlationId, report, signal);
        if (page.length < this.options.batchSize) break;
        after = page.at(-1);
      }
      stop('completed', report);
      return report;
    } catch (error) {
      stop('failed', report);
      throw error;
    }
  }

  private async work(page: DueWork[], correlationId: string, report: PassReport, signal?: AbortSignal) {
    const byComplaint = new Map<string, DueWork[]>();
    for (const work of page) byComplaint.set(work.complaintId, [...(byComplaint.get(work.complaintId) ?? []), work]);
    const queue = [...byComplaint.values()];
    const worker = async () => {
      for (let items = queue.shift(); items && !signal?.aborted; items = queue.shift()) {
        for (const work of items) this.count(report, work, await this.record(work, correlationId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
  }

  private async record(work: DueWork, correlationId: string): Promise<WorkOutcome> {
    try {
      const outcome = await this.commandBus.execute<ReturnType<typeof monitorCommandFor>, CommandOutcome>(
        monitorCommandFor(work, correlationId),
      );
      return outcome.events.length > 0 ? 'recorded' : 'nothing';
    } catch (error) {
      const refused = error instanceof ApiError && error.status < 500;
      const message = `${work.kind} ${work.subject} of complaint ${work.complaintId}: ${describe(error)}`;
      if (refused) this.logger.warn(`refused ${message}`);
      else this.logger.error(`failed ${message}; retried on the next pass`);
      return refused ? 'refused' : 'failed';
    }
  }

  private count(report: PassReport, work: DueWork, outcome: WorkOutcome): void {
    report[outcome] += 1;
    this.metrics.work(work.kind, outcome);
  }
}

function describe(error: unknown): string {
  return error instanceof ApiError ? `${error.code} (${error.message})` : String(error);
}
