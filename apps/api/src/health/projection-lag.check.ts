import { Injectable } from '@nestjs/common';
import { ProjectionLagProbe } from '#platform/metrics/projection-lag';
import { withDeadline } from './deadline.js';
import type { HealthOptions } from './health.options.js';

export interface ProjectionLagView {
  name: string;
  /** Counted up to the limit + 1: a number above the limit is a lower bound. */
  eventsBehind: number;
  secondsBehind: number;
  withinLimits: boolean;
}

export interface ProjectionLagReport {
  status: 'up' | 'down';
  projections: ProjectionLagView[];
}

/**
 * Readiness of the read side: every projection within the configured lag. Counting stops one event
 * past the limit, so the check stays cheap however far behind a projection is.
 */
@Injectable()
export class ProjectionLagCheck {
  constructor(private readonly probe: ProjectionLagProbe) {}

  async report(limits: HealthOptions): Promise<ProjectionLagReport> {
    try {
      const lags = await withDeadline(this.probe.measure(limits.maxLagEvents + 1), limits.probeTimeoutMs);
      const projections = lags.map((lag) => ({
        name: lag.name,
        eventsBehind: lag.eventsBehind,
        secondsBehind: Math.round(lag.secondsBehind * 1000) / 1000,
        withinLimits: lag.eventsBehind <= limits.maxLagEvents && lag.secondsBehind <= limits.maxLagSeconds,
      }));
      return { status: projections.every((lag) => lag.withinLimits) ? 'up' : 'down', projections };
    } catch {
      return { status: 'down', projections: [] };
    }
  }
}
