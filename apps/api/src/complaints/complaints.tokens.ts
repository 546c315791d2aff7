/** How many times a command re-runs after losing a race for its stream (config COMMAND_RETRIES). */
export const COMMAND_RETRIES = Symbol('COMMAND_RETRIES');

/**
 * The decision policy (approval limits, reopen window, SLA and escalation rules); the domain's
 * default unless a module provides one — the projector's SLA monitor decides on the configured
 * SLA_POLICIES_FILE and ESCALATION_POLICY_FILE, the rules its agenda was projected with.
 */
export const COMPLAINT_POLICY = Symbol('COMPLAINT_POLICY');
