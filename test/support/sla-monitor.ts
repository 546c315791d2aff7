import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ComplaintPolicy } from '../../libs/domain/src/index.js';
import { DatabaseModule } from '../../libs/platform/src/database/database.module.js';
import { EventStoreModule } from '../../libs/platform/src/event-store/event-store.module.js';
import { MetricsModule } from '../../libs/platform/src/metrics/metrics.module.js';
import type { Clock } from '../../libs/platform/src/time/clock.js';
import { ClockModule } from '../../libs/platform/src/time/clock.module.js';
import { SlaMonitor } from '../../apps/projector/src/sla-monitor/sla-monitor.js';
import { SlaMonitorModule } from '../../apps/projector/src/sla-monitor/sla-monitor.module.js';

export interface MonitorContext {
  monitor: SlaMonitor;
  app: INestApplicationContext;
  close(): Promise<void>;
}

@Module({})
class MonitorHost {}

/**
 * One SLA monitor as the projector wires it (its own pool, the event store through the PostgreSQL
 * adapter, the API's command handler), without the timer: the caller runs passes with `runPass()`
 * on the clock it hands in. Several may run against one database, like projector replicas.
 */
export async function startSlaMonitor(options: {
  databaseUrl: string;
  clock: Clock;
  policy?: ComplaintPolicy;
  batchSize?: number;
  concurrency?: number;
  poolSize?: number;
}): Promise<MonitorContext> {
  const app = await NestFactory.createApplicationContext(
    {
      module: MonitorHost,
      imports: [
        ClockModule.forRoot(options.clock),
        DatabaseModule.forRoot({ url: options.databaseUrl, poolSize: options.poolSize ?? 10 }),
        EventStoreModule.forRoot({ kind: 'postgres' }),
        MetricsModule.forRoot({ service: 'projector' }),
        SlaMonitorModule.forRoot({
          intervalMs: 1000,
          commandRetries: 5,
          batchSize: options.batchSize ?? 500,
          concurrency: options.concurrency ?? 8,
          policy: options.policy,
          worker: false,
        }),
      ],
    },
    { logger: false },
  );
  await app.init();
  return { monitor: app.get(SlaMonitor), app, close: () => app.close() };
}
