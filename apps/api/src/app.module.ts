import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type pg from 'pg';
import { AuthModule } from '#platform/auth/auth.module';
import type { AuthSettings } from '#platform/auth/auth-settings';
import type { AppConfig } from '#platform/config/app-config';
import { DatabaseModule, PG_POOL } from '#platform/database/database.module';
import { ErrorFilter } from '#platform/errors/error.filter';
import { EventStoreModule } from '#platform/event-store/event-store.module';
import { IdempotencyInterceptor } from '#platform/idempotency/idempotency.interceptor';
import { IdempotencyStore } from '#platform/idempotency/idempotency-store';
import { MetricsModule } from '#platform/metrics/metrics.module';
import { type Clock, systemClock } from '#platform/time/clock';
import { ClockModule } from '#platform/time/clock.module';
import { ControllableClock } from '#platform/time/controllable-clock';
import { AuditModule } from './audit/audit.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { EventFeedModule } from './event-feed/event-feed.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsHttpModule } from './metrics/metrics-http.module.js';
import { AnalyticsQueriesModule } from './read/analytics/analytics-queries.module.js';
import { ComplaintQueriesModule } from './read/complaints/complaint-queries.module.js';
import { QueuesModule } from './read/queues/queues.module.js';
import { EscalationRiskModule } from './read/escalation-risk/escalation-risk.module.js';
import { SlaQueriesModule } from './read/sla/sla-queries.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { TestClockModule } from './test-clock/test-clock.module.js';

export interface ApiModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
  /** How bearer tokens are checked (loadAuthSettings). */
  auth: AuthSettings;
}

/** The HTTP API: commands, the auditors' history, health. */
@Module({})
export class ApiModule {
  static forRoot({ config, databaseUrl, clock = systemClock, auth }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        // Application logs; request logs come from Fastify's own pino logger (see bootstrap.ts).
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL }, forRoutes: [] }),
        ClockModule.forRoot(apiClockOf(config, clock)),
        // Every route below declares who may call it; the guard refuses everyone else.
        AuthModule.forRoot(auth),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.DATABASE_POOL_SIZE }),
        EventStoreModule.forRoot({ kind: config.EVENT_STORE, config }),
        MetricsModule.forRoot({ service: 'api' }),
        MetricsHttpModule,
        HealthModule.forRoot({
          maxLagEvents: config.HEALTH_MAX_PROJECTION_LAG_EVENTS,
          maxLagSeconds: config.HEALTH_MAX_PROJECTION_LAG_SECONDS,
        }),
        ComplaintsModule.forRoot({ commandRetries: config.COMMAND_RETRIES }),
        ComplaintQueriesModule,
        QueuesModule,
        AnalyticsQueriesModule,
        SlaQueriesModule,
        EscalationRiskModule,
        AuditModule,
        CustomersModule,
        EventFeedModule.forRoot({ heartbeatMs: config.EVENT_FEED_HEARTBEAT_MS }),
        SubscriptionsModule,
        ...(config.TEST_CLOCK_CONTROL ? [TestClockModule] : []),
      ],
      providers: [
        { provide: IdempotencyStore, inject: [PG_POOL], useFactory: (pool: pg.Pool) => new IdempotencyStore(pool) },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}

/** With TEST_CLOCK_CONTROL (never in production) tests move the API's clock forward over HTTP. */
function apiClockOf(config: AppConfig, clock: Clock): Clock {
  return config.TEST_CLOCK_CONTROL ? new ControllableClock(clock) : clock;
}
