import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';

/** GET /metrics; the registry and the instruments come from the global MetricsModule. */
@Module({ controllers: [MetricsController] })
export class MetricsHttpModule {}
