import { type DynamicModule, Global, Module } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import type { Projection } from '#read-models';
import { PG_POOL } from '../database/database.module.js';
import { RAW_EVENT_STORE } from '../event-store/event-store.module.js';
import { CLOCK, type Clock } from '../time/clock.js';
import { CommandMetrics } from './command-metrics.js';
import { ProjectionLagProbe } from './projection-lag.js';
import { createMetricsRegistry, METRICS_REGISTRY, type Registry } from './registry.js';

export interface MetricsModuleOptions {
  /** The `service` label on every series: `api`, `projector`. */
  service: string;
  /** Whose lag the gauges and readiness report; default every registered projection. */
  projections?: readonly Projection[];
}

/**
 * Prometheus metrics for one process: ONE registry (`METRICS_REGISTRY`) that the process's
 * /metrics endpoint serves, with
 *
 * - `complaint_command_duration_seconds{command,outcome}` (CommandMetrics, around the command handler),
 * - `events_appended_total{type}` (EventStoreModule counts appends when this module is present),
 * - `projection_lag_events`, `projection_lag_seconds`, `projection_rebuild_due` `{projection}` and
 *   `event_store_feed_pending_events`, `event_store_feed_lag_seconds` (ProjectionLagProbe, at scrape),
 * - Node's process metrics (`process_*`, `nodejs_*`).
 *
 * A feature adds its own instruments by injecting the registry and using the get-or-create helpers
 * (one instrument per name, whoever registers it first), e.g. webhook deliveries:
 *
 * ```ts
 * constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
 *   this.deliveries = counterOn(registry, {
 *     name: 'webhook_deliveries_total',
 *     help: 'Webhook delivery attempts by outcome',
 *     labelNames: ['outcome'],
 *   });
 * }
 * ```
 *
 * Names: snake_case, a unit suffix (`_seconds`, `_bytes`), `_total` on counters; labels with few
 * values (never ids). The module is global: import `MetricsModule.forRoot()` once per app.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(options.service) },
        CommandMetrics,
        {
          provide: ProjectionLagProbe,
          inject: [RAW_EVENT_STORE, PG_POOL, CLOCK, METRICS_REGISTRY],
          useFactory: (store: EventStore, pool: pg.Pool, clock: Clock, registry: Registry) => {
            const probe = new ProjectionLagProbe({ store, pool, clock, projections: options.projections });
            probe.registerGauges(registry);
            return probe;
          },
        },
      ],
      exports: [METRICS_REGISTRY, CommandMetrics, ProjectionLagProbe],
    };
  }
}
