import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ESCALATION_POLICY } from '#domain';
import { ESCALATION_POLICY_FILE, loadEscalationPolicy } from './monitor-policy.js';

const directory = mkdtempSync(join(tmpdir(), 'escalation-policy-'));
const file = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return { [ESCALATION_POLICY_FILE]: path };
};

describe('the escalation policy from ESCALATION_POLICY_FILE', () => {
  test('is the default without the variable', () => {
    expect(loadEscalationPolicy({})).toBe(DEFAULT_ESCALATION_POLICY);
  });

  test('is read from the file it names', () => {
    const env = file('policy.json', '{ "signals": { "regulator_channel": 4 } }');
    expect(loadEscalationPolicy(env)).toEqual({ signals: { regulator_channel: 4 } });
  });

  test('names the file and every problem when it cannot be used', () => {
    expect(() => loadEscalationPolicy(file('bad.json', '{ "signals": { "full_moon": 2 } }'))).toThrow(
      /Invalid escalation policy in ESCALATION_POLICY_FILE=.*bad\.json:\n {2}unknown signal 'full_moon'/,
    );
    expect(() => loadEscalationPolicy(file('broken.json', '{'))).toThrow(/not valid JSON/);
    expect(() => loadEscalationPolicy({ [ESCALATION_POLICY_FILE]: join(directory, 'missing.json') })).toThrow(
      /cannot be read/,
    );
  });
});
