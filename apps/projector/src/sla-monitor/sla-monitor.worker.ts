import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type pg from 'pg';
import { connectionOf, ProjectionLease } from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { SlaMonitor } from './sla-monitor.js';

export const SLA_MONITOR_INTERVAL_MS = Symbol('SLA_MONITOR_INTERVAL_MS');

/**
 * Runs a monitor pass every SLA_MONITOR_INTERVAL_MS while the projector lives. Replicas take turns
 * through a lease (a session advisory lock, as projections do) so they do not repeat each other's
 * reads; correctness never depends on it — facts are idempotent by their identity. On shutdown the
 * pass in flight stops taking new items and the lease is released.
 */
@Injectable()
export class SlaMonitorWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaMonitor');
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SLA_MONITOR_INTERVAL_MS) private readonly intervalMs: number,
    private readonly monitor: SlaMonitor,
  ) {}

  onApplicationBootstrap(): void {
    // After every bootstrap hook (the command bus registers its handlers in one): from the next turn.
    this.running = new Promise((resolve) => setImmediate(resolve)).then(() => this.loop(this.stopping.signal));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.logger.log('SLA monitor stopped');
  }

  private async loop(signal: AbortSignal): Promise<void> {
    // The lock's text is 'projection:sla-monitor-pass' (ProjectionLease's prefix): no projection has that name.
    const lease = new ProjectionLease(connectionOf(this.pool), 'sla-monitor-pass');
    try {
      while (!signal.aborted) {
        await this.passIfLeaseHeld(lease, signal);
        await sleep(this.intervalMs, signal);
      }
    } finally {
      await lease.release();
    }
  }

  private async passIfLeaseHeld(lease: ProjectionLease, signal: AbortSignal): Promise<void> {
    try {
      if (!(await lease.tryAcquire())) return;
      const report = await this.monitor.runPass(signal);
      if (report.due > 0) this.logger.log({ msg: 'SLA monitor pass', ...report });
    } catch (error) {
      this.logger.warn(`SLA monitor pass failed, retried next time: ${error instanceof Error ? error.message : error}`);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
