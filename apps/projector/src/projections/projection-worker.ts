import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type pg from 'pg';
import { type EventStore, PostgresEventStore } from '#event-store';
import {
  allProjections,
  type FeedCounter,
  measureLag,
  pagingCounter,
  postgresFeedCounter,
  type Projection,
  type ProjectionLag,
  ProjectionRunner,
} from '#read-models';
import { PG_POOL } from '#platform/database/database.module';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { CLOCK, type Clock } from '#platform/time/clock';

export const PROJECTION_WORKER_OPTIONS = Symbol('PROJECTION_WORKER_OPTIONS');

export interface ProjectionWorkerOptions {
  projections?: readonly Projection[];
  batchSize?: number;
  idleMs?: number;
  leaseRetryMs?: number;
  /** How often the lag of every projection is logged (the metric until a metrics endpoint exists); 0 = never. */
  lagLogIntervalMs?: number;
}

/**
 * Runs one ProjectionRunner per projection for the life of the process. On shutdown (SIGTERM) the
 * runners stop taking new batches; a batch in flight commits or, if the process dies first, rolls
 * back with its checkpoint — either way nothing is lost or applied twice.
 */
@Injectable()
export class ProjectionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly stopping = new AbortController();
  private running: Promise<void>[] = [];
  private lagTimer?: NodeJS.Timeout;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTION_WORKER_OPTIONS) private readonly options: ProjectionWorkerOptions,
  ) {}

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
      }).run(this.stopping.signal),
    );
    const every = this.options.lagLogIntervalMs ?? 30_000;
    if (every > 0) this.lagTimer = setInterval(() => void this.logLag(), every).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    this.stopping.abort();
    await Promise.allSettled(this.running);
  }

  /** Per projection: events and seconds behind the head of the feed. */
  lag(): Promise<ProjectionLag[]> {
    const counter: FeedCounter =
      this.store instanceof PostgresEventStore ? postgresFeedCounter(this.pool) : pagingCounter(this.store);
    const now = () => this.clock.now();
    return Promise.all(
      this.projections.map((projection) => measureLag({ store: this.store, db: this.pool, projection, counter, now })),
    );
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
