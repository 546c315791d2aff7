import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { counterOn, gaugeOn, histogramOn, METRICS_REGISTRY, type Registry } from '#platform/metrics/registry';

export type WorkOutcome = 'recorded' | 'nothing' | 'refused' | 'failed';

/**
 * The SLA monitor's series on the projector's /metrics:
 *
 * - `sla_monitor_passes_total{outcome}` (completed, failed) and `sla_monitor_pass_duration_seconds`;
 * - `sla_monitor_work_total{kind, outcome}`: agenda items by kind (warning, breach, escalation) and
 *   outcome (recorded, nothing, refused, failed);
 * - `sla_monitor_due_work`: items found due by the last pass;
 * - `sla_monitor_last_pass_timestamp_seconds`: when the last pass completed — alert when it stops
 *   moving while the projector is up (the monitor is stuck or has no lease).
 */
@Injectable()
export class SlaMonitorMetrics {
  private readonly passes: Counter<'outcome'>;
  private readonly duration: Histogram;
  private readonly items: Counter<'kind' | 'outcome'>;
  private readonly due: Gauge;
  private readonly lastPass: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.passes = counterOn(registry, {
      name: 'sla_monitor_passes_total',
      help: 'SLA monitor passes by outcome',
      labelNames: ['outcome'],
    });
    this.duration = histogramOn(registry, {
      name: 'sla_monitor_pass_duration_seconds',
      help: 'Duration of an SLA monitor pass (reading the due agenda and recording every item)',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
    this.items = counterOn(registry, {
      name: 'sla_monitor_work_total',
      help: 'SLA monitor agenda items worked on, by kind and outcome',
      labelNames: ['kind', 'outcome'],
    });
    this.due = gaugeOn(registry, { name: 'sla_monitor_due_work', help: 'Agenda items the last pass found due' });
    this.lastPass = gaugeOn(registry, {
      name: 'sla_monitor_last_pass_timestamp_seconds',
      help: 'Unix time the last SLA monitor pass completed',
    });
  }

  /** Starts timing a pass; call the result with how it ended. */
  startPass(): (outcome: 'completed' | 'failed', report: { due: number }) => void {
    const stop = this.duration.startTimer();
    return (outcome, report) => {
      stop();
      this.passes.inc({ outcome });
      if (outcome === 'completed') {
        this.due.set(report.due);
        this.lastPass.set(Date.now() / 1000);
      }
    };
  }

  work(kind: string, outcome: WorkOutcome): void {
    this.items.inc({ kind, outcome });
  }
}
