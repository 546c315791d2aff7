/**
 * The policies the SLA monitor works with: the SLA rules (SLA_POLICIES_FILE, shared with the SLA
 * views) and the escalation policy — which critical points escalate, to which tier — from the JSON
 * file ESCALATION_POLICY_FILE names, else the domain's default. The `sla_monitor` projection and the
 * decisions the monitor sends must use the same ones; changing either file means rebuilding the
 * projection (`projections rebuild sla_monitor`).
 */
import { readFileSync } from 'node:fs';
import {
  type ComplaintPolicy,
  DEFAULT_ESCALATION_POLICY,
  defaultPolicy,
  type EscalationPolicy,
  escalationPolicyProblems,
} from '#domain';
import { configuredSlaPolicies } from '../sla/sla-policy-config.js';

export const ESCALATION_POLICY_FILE = 'ESCALATION_POLICY_FILE';

export class EscalationPolicyConfigError extends Error {
  constructor(source: string, problems: readonly string[]) {
    super(`Invalid escalation policy in ${source}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'EscalationPolicyConfigError';
  }
}

/** `{ "signals": { "regulator_channel": 3, … } }`, validated; throws naming every problem. */
export function parseEscalationPolicy(text: string, source: string): EscalationPolicy {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new EscalationPolicyConfigError(source, [`not valid JSON (${(error as Error).message})`]);
  }
  const problems = escalationPolicyProblems(document);
  if (problems.length > 0) throw new EscalationPolicyConfigError(source, problems);
  return Object.freeze(document as EscalationPolicy);
}

export function loadEscalationPolicy(env: Record<string, string | undefined> = process.env): EscalationPolicy {
  const path = env[ESCALATION_POLICY_FILE];
  if (path === undefined || path === '') return DEFAULT_ESCALATION_POLICY;
  const source = `${ESCALATION_POLICY_FILE}=${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EscalationPolicyConfigError(source, [`cannot be read (${(error as Error).message})`]);
  }
  return parseEscalationPolicy(text, source);
}

let configured: ComplaintPolicy | undefined;

/** The process's decision policy with its configured SLA and escalation rules, loaded once. */
export function configuredMonitorPolicy(): ComplaintPolicy {
  configured ??= { ...defaultPolicy, sla: configuredSlaPolicies(), escalation: loadEscalationPolicy(process.env) };
  return configured;
}
