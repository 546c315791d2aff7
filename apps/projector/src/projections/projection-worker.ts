import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type pg from 'pg';
import type { Counter } from 'prom-client';
import type { EventStore } from '#event-store';
import { allProjections, type Projection, type ProjectionLag, ProjectionRunner } from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { SEALED_EVENT_STORE } from '#platform/event-store/event-store.module';
import { ProjectionLagProbe } from '#platform/metrics/projection-lag';
import { counterOn, METRICS_REGISTRY, type Registry } from '#platform/metrics/registry';

export const PROJECTION_WORKER_OPTIONS = Symbol('PROJECTION_WORKER_OPTIONS');

export interface ProjectionWorkerOptions {
  projections?: readonly Projection[];
  batchSize?: number;
  idleMs?: number;
  leaseRetryMs?: number;
  /** How often the lag of every projection is logged (it is also the projection_lag_* gauges); 0 = never. */
  lagLogIntervalMs?: number;
}

/**
 * Runs one ProjectionRunner per projection for the life of the process. On shutdown (SIGTERM) the
 * runners stop taking new batches; a batch in flight commits with its checkpoint and each runner
 * releases its lease. If the process dies first, the batch rolls back with its checkpoint — either
 * way nothing is lost or applied twice.
 */
@Injectable()
export class ProjectionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly stopping = new AbortController();
  private readonly applied: Counter<'projection'>;
  private running: Promise<void>[] = [];
  private lagTimer?: NodeJS.Timeout;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    // Personal data stays sealed: a read model never needs it, so none can ever hold it in clear.
    @Inject(SEALED_EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_WORKER_OPTIONS) private readonly options: ProjectionWorkerOptions,
    private readonly probe: ProjectionLagProbe,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.applied = counterOn(registry, {
      name: 'projection_events_applied_total',
      help: 'Events applied to read models and committed with the checkpoint, by projection',
      labelNames: ['projection'],
    });
  }

  get projections(): readonly Projection[] {
    return this.options.projections ?? allProjections;
  }

  onApplicationBootstrap(): void {
    this.running = this.projections.map((projection) =>
      new ProjectionRunner({
        store: this.store,
        pool: this.pool,
        projection,
        batchSize: this.options.batchSize,
        idleMs: this.options.idleMs,
        leaseRetryMs: this.options.leaseRetryMs,
        logger: { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m) },
        onBatch: (batch) => this.applied.inc({ projection: projection.name }, batch.events),
      }).run(this.stopping.signal),
    );
    const every = this.options.lagLogIntervalMs ?? 30_000;
    if (every > 0) this.lagTimer = setInterval(() => void this.logLag(), every).unref();
  }

  /** Before the pool closes: stop taking batches, let those in flight commit, release the leases. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    this.stopping.abort();
    await Promise.allSettled(this.running);
    this.logger.log('projections stopped: batches in flight committed, leases released');
  }

  /** Per projection: events and seconds behind the head of the feed. */
  lag(): Promise<ProjectionLag[]> {
    return this.probe.measure();
  }

  private async logLag(): Promise<void> {
    try {
      for (const lag of await this.lag()) {
        this.logger.log({
          msg: 'projection lag',
          projection: lag.name,
          events: lag.eventsBehind,
          seconds: lag.secondsBehind,
        });
      }
    } catch (error) {
      this.logger.warn(`projection lag unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
