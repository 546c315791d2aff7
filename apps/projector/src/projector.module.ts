import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#platform/config/app-config';
import { DatabaseModule } from '#platform/database/database.module';
import { EventStoreModule } from '#platform/event-store/event-store.module';
import { MetricsModule } from '#platform/metrics/metrics.module';
import { type Clock, systemClock } from '#platform/time/clock';
import { ClockModule } from '#platform/time/clock.module';
import { ProjectionsModule } from './projections/projections.module.js';
import { SlaMonitorModule } from './sla-monitor/sla-monitor.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface ProjectorModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
  /**
   * Run the SLA monitor (its settings from `config`). main.ts sets it from SLA_MONITOR_ENABLED; an
   * embedding caller (a test) opts in, so a test that drives its own clock never finds monitor facts
   * in its histories unasked.
   */
  slaMonitor?: boolean;
}

/**
 * The background worker: everything that follows the event store's global feed (projections,
 * subscription delivery) or the clock (SLA monitor). Each feature adds its module here.
 */
@Module({})
export class ProjectorModule {
  static forRoot({
    config,
    databaseUrl,
    clock = systemClock,
    slaMonitor = false,
  }: ProjectorModuleOptions): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL }, forRoutes: [] }),
        ClockModule.forRoot(clock),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.DATABASE_POOL_SIZE }),
        EventStoreModule.forRoot({ kind: config.EVENT_STORE, config }),
        // The registry main.ts serves on PROJECTOR_METRICS_PORT; features add their counters to it.
        MetricsModule.forRoot({ service: 'projector' }),
        ProjectionsModule.forRoot(),
        WebhooksModule.forRoot({
          maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          backoff: { baseMs: config.WEBHOOK_BACKOFF_BASE_MS, maxMs: config.WEBHOOK_BACKOFF_MAX_MS },
          pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
        }),
        ...(slaMonitor
          ? [
              SlaMonitorModule.forRoot({
                intervalMs: config.SLA_MONITOR_INTERVAL_MS,
                batchSize: config.SLA_MONITOR_BATCH_SIZE,
                concurrency: config.SLA_MONITOR_CONCURRENCY,
                commandRetries: config.COMMAND_RETRIES,
              }),
            ]
          : []),
      ],
    };
  }
}
