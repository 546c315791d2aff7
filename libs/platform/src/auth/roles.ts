/** Roles a caller can hold (a token's `roles` claim); `system` is reserved for the product's own processes. */
export const CALLER_ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'service', 'admin'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

/**
 * When a token holds several roles that a route allows, the one the request acts in (and that the
 * events record) is the first of these: the most accountable one.
 */
const ACTING_PRECEDENCE: readonly CallerRole[] = ['admin', 'supervisor', 'agent', 'auditor', 'analyst', 'service'];

/** Who a verified token says is calling. */
export interface Identity {
  /** The token's `sub`. */
  id: string;
  roles: readonly CallerRole[];
  /** The teams an agent works for (the token's `teams` claim); empty for other roles. */
  teams: readonly string[];
}

/** The caller of one request: its identity and the role it acts in on this route. */
export interface Caller extends Identity {
  role: CallerRole;
}

export function isCallerRole(value: unknown): value is CallerRole {
  return typeof value === 'string' && (CALLER_ROLES as readonly string[]).includes(value);
}

/** The role a request acts in: the most accountable role the caller holds among those allowed. */
export function actingRole(held: readonly CallerRole[], allowed: readonly CallerRole[]): CallerRole | undefined {
  return ACTING_PRECEDENCE.find((role) => held.includes(role) && allowed.includes(role));
}
