import { type DynamicModule, Module } from '@nestjs/common';
import { PROJECTION_WORKER_OPTIONS, ProjectionWorker, type ProjectionWorkerOptions } from './projection-worker.js';

/** Keeps every read model up to date from the event store's global feed. */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionWorkerOptions = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [{ provide: PROJECTION_WORKER_OPTIONS, useValue: options }, ProjectionWorker],
      exports: [ProjectionWorker],
    };
  }
}
