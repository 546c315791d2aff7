import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller.js';

/** Read-side queries over the root-cause statistics read model. */
@Module({ controllers: [AnalyticsController] })
export class AnalyticsQueriesModule {}
