import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SLA_POLICIES } from '../../libs/domain/src/index.js';
import { loadSlaPolicies, SlaPolicyConfigError } from '../../libs/read-models/src/sla/index.js';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sla-policies-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function fileWith(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const catchAll = { id: 'any', targets: { acknowledge: 240, first_response: 1440, resolve: 7200 }, clock: 'wall' };
const berlinP1 = {
  id: 'berlin-P1',
  priority: 'P1',
  category: 'product_quality',
  targets: { acknowledge: 60, first_response: 240, resolve: 2880 },
  clock: 'business',
  calendar: {
    timeZone: 'Europe/Berlin',
    workingHours: { mon: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '15:00' }] },
    holidays: ['2026-12-25'],
    specialDays: { '2026-12-24': [{ start: '09:00', end: '12:00' }] },
  },
  pauseWhileAwaitingCustomer: false,
  warningFraction: 0.75,
};

function problemsOf(content: unknown): string {
  try {
    loadSlaPolicies({ SLA_POLICIES_FILE: fileWith('policies.json', content) });
  } catch (error) {
    expect(error).toBeInstanceOf(SlaPolicyConfigError);
    return (error as Error).message;
  }
  throw new Error('the policies were accepted');
}

describe('SLA policies from configuration', () => {
  it('without SLA_POLICIES_FILE, the default policies of DOMAIN.md apply', () => {
    expect(loadSlaPolicies({})).toBe(DEFAULT_SLA_POLICIES);
    expect(loadSlaPolicies({ SLA_POLICIES_FILE: '' })).toBe(DEFAULT_SLA_POLICIES);
  });

  it('reads policies with a business calendar from the file SLA_POLICIES_FILE names', () => {
    const path = fileWith('valid.json', [berlinP1, catchAll]);
    expect(loadSlaPolicies({ SLA_POLICIES_FILE: path })).toEqual([berlinP1, catchAll]);
  });

  it('names the variable and the file when the file cannot be read or is not JSON', () => {
    const missing = join(directory, 'missing.json');
    expect(() => loadSlaPolicies({ SLA_POLICIES_FILE: missing })).toThrow(
      new RegExp(`SLA_POLICIES_FILE=${missing}:\\n  cannot be read`),
    );
    expect(problemsOf('[{"id": ')).toMatch(/not valid JSON/);
  });

  it('names every field of the wrong type', () => {
    const message = problemsOf([
      { ...catchAll, targets: { acknowledge: '1h', first_response: 60 }, colour: 'red' },
      { ...berlinP1, priority: 'P7', calendar: { ...berlinP1.calendar, workingHours: { mon: ['09-17'] } } },
    ]);
    expect(message).toContain('[0].targets.acknowledge: a number of minutes');
    expect(message).toContain('[0].targets.resolve: a number of minutes');
    expect(message).toContain('[0].colour: unknown field');
    expect(message).toContain('[1].priority: one of P1, P2, P3, P4');
    expect(message).toContain('[1].calendar.workingHours.mon: a list of { "start": "HH:MM", "end": "HH:MM" }');
    expect(problemsOf({ policies: [] })).toContain('the document must be a JSON array of policies');
  });

  it('refuses values the SLA math cannot use: unknown zones, bad hours, no catch-all, repeated ids', () => {
    const badCalendar = { ...berlinP1, calendar: { ...berlinP1.calendar, timeZone: 'Europe/Atlantis' } };
    expect(problemsOf([badCalendar, catchAll])).toContain("berlin-P1: unknown time zone 'Europe/Atlantis'");
    const backwards = {
      ...berlinP1,
      calendar: { ...berlinP1.calendar, workingHours: { mon: [{ start: '17:00', end: '09:00' }] } },
    };
    expect(problemsOf([backwards, catchAll])).toContain('start must be before end');
    expect(problemsOf([berlinP1])).toContain('no catch-all rule');
    expect(problemsOf([catchAll, { ...catchAll }])).toContain("policy id 'any' is used more than once");
    expect(problemsOf([{ ...catchAll, targets: { ...catchAll.targets, resolve: 0 } }])).toContain(
      'resolve target must be a positive number of minutes',
    );
  });
});

describe('the SLA policies example in the README', () => {
  it('is a valid policies file', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## SLA views'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const policies = loadSlaPolicies({ SLA_POLICIES_FILE: fileWith('readme.json', example!) });
    expect(policies.map((policy) => policy.id)).toEqual(['berlin-desk']);
  });
});
