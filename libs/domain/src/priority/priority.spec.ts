import { SUBCATEGORIES } from '../taxonomy/categories.js';
import { comparePriority, derivePriority, IMPACTS, type Priority, PRIORITIES, SEVERITIES } from './priority.js';
import { DEFAULT_SLA_TARGETS, SLA_TARGETS } from './sla-targets.js';

describe('derivePriority', () => {
  const matrix: [string, string, Priority][] = [
    ['low', 'individual', 'P4'],
    ['low', 'group', 'P4'],
    ['low', 'public', 'P3'],
    ['medium', 'individual', 'P3'],
    ['medium', 'group', 'P3'],
    ['medium', 'public', 'P2'],
    ['high', 'individual', 'P2'],
    ['high', 'group', 'P2'],
    ['high', 'public', 'P1'],
    ['critical', 'individual', 'P1'],
    ['critical', 'group', 'P1'],
    ['critical', 'public', 'P1'],
  ];

  test('the matrix in the specs covers every severity and impact', () => {
    expect(matrix).toHaveLength(SEVERITIES.length * IMPACTS.length);
  });

  test.each(matrix)('severity %s with %s impact is %s', (severity, impact, priority) => {
    const input = { severity: severity as (typeof SEVERITIES)[number], impact: impact as (typeof IMPACTS)[number] };
    expect(derivePriority({ ...input, subcategory: 'attitude' })).toBe(priority);
  });

  test.each(SEVERITIES.flatMap((severity) => IMPACTS.map((impact) => [severity, impact] as const)))(
    'a safety hazard of severity %s with %s impact is always P1',
    (severity, impact) => {
      expect(derivePriority({ severity, impact, subcategory: 'safety_hazard' })).toBe('P1');
    },
  );

  test('priority never falls as severity or impact rises', () => {
    for (const subcategory of SUBCATEGORIES) {
      SEVERITIES.forEach((severity, s) =>
        IMPACTS.forEach((impact, i) => {
          const here = derivePriority({ severity, impact, subcategory });
          if (s > 0)
            expect(
              comparePriority(here, derivePriority({ severity: SEVERITIES[s - 1]!, impact, subcategory })),
            ).toBeLessThanOrEqual(0);
          if (i > 0)
            expect(
              comparePriority(here, derivePriority({ severity, impact: IMPACTS[i - 1]!, subcategory })),
            ).toBeLessThanOrEqual(0);
        }),
      );
    }
  });

  test('P1 sorts before P4', () => {
    expect([...PRIORITIES].reverse().sort(comparePriority)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });
});

describe('default SLA targets', () => {
  test('the table of DOMAIN.md §3, in minutes', () => {
    expect(DEFAULT_SLA_TARGETS).toEqual({
      P1: { acknowledge: 60, first_response: 240, resolve: 2880 },
      P2: { acknowledge: 240, first_response: 1440, resolve: 7200 },
      P3: { acknowledge: 480, first_response: 2880, resolve: 14400 },
      P4: { acknowledge: 1440, first_response: 4320, resolve: 21600 },
    });
  });

  test('within each priority, acknowledge comes before first response, which comes before resolve', () => {
    for (const priority of PRIORITIES) {
      const targets = SLA_TARGETS.map((target) => DEFAULT_SLA_TARGETS[priority][target]);
      expect([...targets].sort((a, b) => a - b)).toEqual(targets);
    }
  });

  test('a higher priority never has a longer target', () => {
    for (const target of SLA_TARGETS) {
      const minutes = PRIORITIES.map((priority) => DEFAULT_SLA_TARGETS[priority][target]);
      expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
    }
  });
});
