/** The SLA clocks read model: its projection, the configured policies, and its queries. */
export { clockViewAt, type SlaClockView } from './clock-view.js';
export {
  createSlaClockProjection,
  SLA_CLOCK,
  SLA_COMPLAINT,
  SLA_EVENT_TYPES,
  slaClockProjection,
} from './sla-clock.projection.js';
export * from './sla-compliance.js';
export {
  configuredSlaPolicies,
  loadSlaPolicies,
  parseSlaPolicies,
  SLA_POLICIES_FILE,
  SlaPolicyConfigError,
} from './sla-policy-config.js';
export * from './sla-queries.js';
export { STORED_CLOCK_STATES, type SlaClockRow, type StoredClockState } from './sla-row.js';
