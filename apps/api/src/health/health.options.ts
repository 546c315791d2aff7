/** Readiness limits (HEALTH_MAX_PROJECTION_LAG_EVENTS, HEALTH_MAX_PROJECTION_LAG_SECONDS). */
export interface HealthOptions {
  maxLagEvents: number;
  maxLagSeconds: number;
  /** A dependency that has not answered within this long is down. */
  probeTimeoutMs: number;
}

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
