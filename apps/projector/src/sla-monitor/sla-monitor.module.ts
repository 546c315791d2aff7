import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { ComplaintPolicy } from '#domain';
import { configuredMonitorPolicy } from '#read-models/sla-monitor/index';
import { ExecuteComplaintCommandHandler } from '../../../api/src/complaints/commands/execute-complaint-command.handler.js';
import { COMMAND_RETRIES, COMPLAINT_POLICY } from '../../../api/src/complaints/complaints.tokens.js';
import { SLA_MONITOR_OPTIONS, SlaMonitor, type SlaMonitorOptions } from './sla-monitor.js';
import { SlaMonitorMetrics } from './sla-monitor.metrics.js';
import { SLA_MONITOR_INTERVAL_MS, SlaMonitorWorker } from './sla-monitor.worker.js';

export interface SlaMonitorModuleOptions extends SlaMonitorOptions {
  intervalMs: number;
  commandRetries: number;
  /** Default: run passes on a timer. Off for callers that run passes themselves (tests, the bench). */
  worker?: boolean;
  /** Default: the configured one (configuredMonitorPolicy), which the `sla_monitor` projection also uses. */
  policy?: ComplaintPolicy;
}

/**
 * The SLA monitor (DESIGN.md "Time-driven work"): passes over the `sla_monitor` agenda, recording
 * SLA warnings, breaches and critical-point escalations through the API's own command handler —
 * the normal command path — with the configured SLA and escalation policies.
 */
@Module({})
export class SlaMonitorModule {
  static forRoot({
    intervalMs,
    commandRetries,
    worker = true,
    policy,
    ...options
  }: SlaMonitorModuleOptions): DynamicModule {
    return {
      module: SlaMonitorModule,
      imports: [CqrsModule],
      providers: [
        ExecuteComplaintCommandHandler,
        { provide: COMMAND_RETRIES, useValue: commandRetries },
        { provide: COMPLAINT_POLICY, useFactory: () => policy ?? configuredMonitorPolicy() },
        { provide: SLA_MONITOR_OPTIONS, useValue: options },
        { provide: SLA_MONITOR_INTERVAL_MS, useValue: intervalMs },
        SlaMonitorMetrics,
        SlaMonitor,
        ...(worker ? [SlaMonitorWorker] : []),
      ],
      exports: [SlaMonitor],
    };
  }
}
