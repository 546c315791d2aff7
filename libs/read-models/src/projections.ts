import { complaintAnalyticsProjection } from './analytics/complaint-analytics.projection.js';
import { complaintSummaryProjection } from './complaint-summary/complaint-summary.projection.js';
import type { Projection } from './engine/projection.js';
import { complaintQueueProjection } from './queues/complaint-queue.projection.js';
import { slaClockProjection } from './sla/sla-clock.projection.js';
import { slaMonitorProjection } from './sla-monitor/sla-monitor.projection.js';

/**
 * Every projection the projector runs and the CLI can rebuild. A new read model adds itself here
 * (and its migration to readModelMigrations).
 */
export const allProjections: readonly Projection[] = [
  complaintSummaryProjection,
  complaintQueueProjection,
  complaintAnalyticsProjection,
  slaClockProjection,
  slaMonitorProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return allProjections.find((projection) => projection.name === name);
}
