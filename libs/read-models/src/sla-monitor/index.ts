/** The SLA monitor's read model: its projection (agenda + risk rows), policies and queries. */
export {
  COMPLAINT_RISK,
  createSlaMonitorProjection,
  SLA_MONITOR,
  SLA_MONITOR_AGENDA,
  SLA_MONITOR_COMPLAINT,
  SLA_MONITOR_EVENT_TYPES,
  slaMonitorProjection,
} from './sla-monitor.projection.js';
export {
  configuredMonitorPolicy,
  ESCALATION_POLICY_FILE,
  EscalationPolicyConfigError,
  loadEscalationPolicy,
  parseEscalationPolicy,
} from './monitor-policy.js';
export * from './agenda-queries.js';
export * from './risk-queries.js';
