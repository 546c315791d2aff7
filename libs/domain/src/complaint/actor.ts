/** Who acts, and everything a decision needs besides the command and the state. */
import type { ComplaintPolicy } from './policy.js';

/** `system` is the product's own processes (the SLA monitor); people never hold it. */
export const ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'service', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

/** Time and policy come in as arguments: the decider never reads a clock or a config. */
export interface DecisionContext {
  now: Date;
  actor: Actor;
  policy: ComplaintPolicy;
}

/** Roles that may approve a compensation above the team's approval limit. */
export const APPROVER_ROLES: readonly Role[] = ['supervisor', 'admin'];
