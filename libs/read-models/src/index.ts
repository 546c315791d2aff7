/**
 * The read side: the projection engine (runner, checkpoints, lease, lag, blue/green rebuild), the
 * read models' projections and migrations, and their query functions. See ../README.md.
 */
export * from './engine/projection.js';
export * from './engine/checkpoints.js';
export { ProjectionRunner, type ProjectionRunnerOptions, type RunnerLogger } from './engine/runner.js';
export { ProjectionLease, connectionOf } from './engine/lease.js';
export { measureLag, pagingCounter, type FeedCounter, type LagOptions, type ProjectionLag } from './engine/lag.js';
export { postgresFeedCounter } from './engine/postgres-lag.js';
export {
  rebuildProjection,
  RebuildInProgressError,
  type RebuildOptions,
  type RebuildResult,
} from './engine/rebuild.js';
export { liveTables, nextTables, rebuildCheckpointName } from './engine/tables.js';
export { allProjections, projectionNamed } from './projections.js';
export { readModelMigrations } from './migrations/index.js';
export { complaintSummaryProjection, COMPLAINT_SUMMARY } from './complaint-summary/complaint-summary.projection.js';
export * from './complaint-summary/summary-queries.js';
export { complaintQueueProjection, COMPLAINT_QUEUE } from './queues/complaint-queue.projection.js';
export * from './queues/queue-queries.js';
export * from './queues/queue-claims.js';
