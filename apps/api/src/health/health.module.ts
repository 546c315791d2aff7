import { type DynamicModule, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HEALTH_OPTIONS, type HealthOptions } from './health.options.js';
import { ProjectionLagCheck } from './projection-lag.check.js';

/** GET /health/live and /health/ready. Needs the global MetricsModule (its ProjectionLagProbe). */
@Module({})
export class HealthModule {
  static forRoot(options: Omit<HealthOptions, 'probeTimeoutMs'> & { probeTimeoutMs?: number }): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: { probeTimeoutMs: 2000, ...options } satisfies HealthOptions },
        ProjectionLagCheck,
      ],
    };
  }
}
