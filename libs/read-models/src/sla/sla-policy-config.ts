/**
 * Where the SLA policies come from: a JSON file named by SLA_POLICIES_FILE, or the domain's defaults
 * (DOMAIN.md §3 on the wall clock). The projection that stores the clocks and the queries that read
 * them must measure with the same rules, so every process takes them from `configuredSlaPolicies`.
 * Changing the file changes the meaning of stored rows: rebuild the `sla_clock` projection after.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_SLA_POLICIES, type SlaPolicy, slaPolicyProblems } from '#domain';
import { slaPolicyShapeProblems } from './sla-policy-shape.js';

export const SLA_POLICIES_FILE = 'SLA_POLICIES_FILE';

export class SlaPolicyConfigError extends Error {
  constructor(source: string, problems: readonly string[]) {
    super(`Invalid SLA policies in ${source}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'SlaPolicyConfigError';
  }
}

/** Parses and validates a policies document (a JSON array of SlaPolicy); throws naming every problem. */
export function parseSlaPolicies(text: string, source: string): readonly SlaPolicy[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new SlaPolicyConfigError(source, [`not valid JSON (${(error as Error).message})`]);
  }
  const shape = slaPolicyShapeProblems(document);
  if (shape.length > 0) throw new SlaPolicyConfigError(source, shape);
  const policies = document as SlaPolicy[];
  const problems = slaPolicyProblems(policies);
  if (problems.length > 0) throw new SlaPolicyConfigError(source, problems);
  return Object.freeze(policies);
}

/** The policies the environment selects: the file SLA_POLICIES_FILE names, else the defaults. */
export function loadSlaPolicies(env: Record<string, string | undefined> = process.env): readonly SlaPolicy[] {
  const path = env[SLA_POLICIES_FILE];
  if (path === undefined || path === '') return DEFAULT_SLA_POLICIES;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlaPolicyConfigError(`${SLA_POLICIES_FILE}=${path}`, [`cannot be read (${(error as Error).message})`]);
  }
  return parseSlaPolicies(text, `${SLA_POLICIES_FILE}=${path}`);
}

let configured: readonly SlaPolicy[] | undefined;

/**
 * The process's policies, loaded once (the same objects every time: business calendars are compiled
 * per object). The API calls this at start-up, so a bad file stops it before it serves anything.
 */
export function configuredSlaPolicies(): readonly SlaPolicy[] {
  configured ??= loadSlaPolicies(process.env);
  return configured;
}
