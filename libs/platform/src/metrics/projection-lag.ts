import type pg from 'pg';
import type { Registry } from 'prom-client';
import { type EventStore, type FeedLag, PostgresEventStore } from '#event-store';
import {
  allProjections,
  type FeedCounter,
  measureLag,
  pagingCounter,
  postgresFeedCounter,
  type Projection,
  type ProjectionLag,
} from '#read-models';
import type { Clock } from '../time/clock.js';
import { gaugeOn } from './registry.js';

/** Lag gauges count at most this many events per projection per scrape (then they read as a lower bound). */
export const METRICS_LAG_CAP = 100_000;
/** One measurement serves every lag gauge of one scrape. */
const SCRAPE_REUSE_MS = 1000;

export interface ProjectionLagProbeOptions {
  /** The store as written (not a decorator of it), so the PostgreSQL adapter is recognised. */
  store: EventStore;
  /** Where the projections' checkpoints live. */
  pool: pg.Pool;
  clock: Clock;
  projections?: readonly Projection[];
}

/**
 * How far each projection is behind the feed, and how far the PostgreSQL feed itself is held back
 * by open transactions: for readiness (`measure(threshold + 1)`), the lag gauges and the logs.
 */
export class ProjectionLagProbe {
  readonly projections: readonly Projection[];
  private readonly counter: FeedCounter;
  private lastScrape?: { at: number; lags: Promise<ProjectionLag[]> };

  constructor(private readonly options: ProjectionLagProbeOptions) {
    this.projections = options.projections ?? allProjections;
    this.counter =
      options.store instanceof PostgresEventStore ? postgresFeedCounter(options.pool) : pagingCounter(options.store);
  }

  /** Per projection; counting events behind stops at `cap` (readiness only needs threshold + 1). */
  measure(cap = METRICS_LAG_CAP): Promise<ProjectionLag[]> {
    const { store, pool, clock } = this.options;
    const now = () => clock.now();
    return Promise.all(
      this.projections.map((projection) =>
        measureLag({ store, db: pool, projection, counter: this.counter, cap, now }),
      ),
    );
  }

  /** Committed events the PostgreSQL feed cannot show yet (DESIGN.md trap 4); undefined on other stores. */
  async feedLag(): Promise<FeedLag | undefined> {
    return this.options.store instanceof PostgresEventStore ? this.options.store.feedLag() : undefined;
  }

  /** The lag gauges, measured when Prometheus scrapes (a failed measurement leaves them empty). */
  registerGauges(registry: Registry): void {
    this.registerProjectionGauges(registry);
    this.registerFeedGauges(registry);
  }

  private registerProjectionGauges(registry: Registry): void {
    const scrape = () => this.scrape();
    gaugeOn(registry, {
      name: 'projection_lag_events',
      help: `Events of the projection's types after its checkpoint (counted up to ${METRICS_LAG_CAP})`,
      labelNames: ['projection'],
      async collect() {
        this.reset();
        for (const lag of await scrape()) this.set({ projection: lag.name }, lag.eventsBehind);
      },
    });
    gaugeOn(registry, {
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event the projection has not applied yet; 0 when caught up',
      labelNames: ['projection'],
      async collect() {
        this.reset();
        for (const lag of await scrape()) this.set({ projection: lag.name }, lag.secondsBehind);
      },
    });
    gaugeOn(registry, {
      name: 'projection_rebuild_due',
      help: '1 when the rows were built by another version of the projection than the running code',
      labelNames: ['projection'],
      async collect() {
        this.reset();
        for (const lag of await scrape()) {
          const due = lag.builtVersion !== null && lag.builtVersion !== lag.codeVersion;
          this.set({ projection: lag.name }, due ? 1 : 0);
        }
      },
    });
  }

  private registerFeedGauges(registry: Registry): void {
    const feedLag = () => this.feedLag().catch(() => undefined);
    gaugeOn(registry, {
      name: 'event_store_feed_pending_events',
      help: 'Committed events the global feed cannot show yet because an older transaction is still open',
      async collect() {
        this.reset();
        const lag = await feedLag();
        if (lag) this.set(lag.pendingEvents);
      },
    });
    gaugeOn(registry, {
      name: 'event_store_feed_lag_seconds',
      help: 'Age of the oldest committed event the global feed cannot show yet; 0 when none',
      async collect() {
        this.reset();
        const lag = await feedLag();
        if (lag) this.set(lag.oldestPendingAgeMs / 1000);
      },
    });
  }

  private async scrape(): Promise<ProjectionLag[]> {
    const at = Date.now();
    if (!this.lastScrape || at - this.lastScrape.at > SCRAPE_REUSE_MS) {
      this.lastScrape = { at, lags: this.measure() };
    }
    return this.lastScrape.lags.catch(() => []);
  }
}
