/**
 * Properties of business-time arithmetic over many random starts and durations, on calendars with
 * DST (Berlin, New York), without (Shanghai, with holidays and a make-up working day) and round the
 * clock. The generator is seeded, so a failure reproduces; the seed is in the test name.
 */
import { addBusinessMs, businessMsBetween } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { BERLIN, BERLIN_ALWAYS, hours, NEW_YORK, SHANGHAI } from './spec-fixtures.js';

const SEED = 20250330;
const RUNS = 300;

/** mulberry32: small, seedable, good enough to spread test inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 2025 spans both DST changes in Europe and North America and the Chinese holidays of the fixture.
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_MS = 365 * 24 * hours(1);

function samples(calendarSeed: number) {
  const next = random(SEED + calendarSeed);
  return Array.from({ length: RUNS }, () => ({
    start: YEAR_START + Math.floor(next() * YEAR_MS),
    duration: Math.floor(next() * hours(200)),
    other: Math.floor(next() * hours(50)),
  }));
}

const CALENDARS: [string, BusinessCalendar][] = [
  ['Berlin', BERLIN],
  ['New York', NEW_YORK],
  ['Shanghai', SHANGHAI],
  ['Berlin round the clock', BERLIN_ALWAYS],
];

describe.each(CALENDARS)(`business time properties on %s (seed ${SEED})`, (_name, calendar) => {
  const cases = samples(CALENDARS.findIndex(([, c]) => c === calendar));

  test('the business time from a start to start + d is exactly d', () => {
    for (const { start, duration } of cases) {
      expect([start, businessMsBetween(start, addBusinessMs(start, duration, calendar), calendar)]).toEqual([
        start,
        duration,
      ]);
    }
  });

  test('the due instant never falls as the duration grows', () => {
    for (const { start, duration, other } of cases) {
      expect(addBusinessMs(start, duration + other, calendar)).toBeGreaterThanOrEqual(
        addBusinessMs(start, duration, calendar),
      );
    }
  });

  test('the due instant never falls as the start moves later', () => {
    for (const { start, duration, other } of cases) {
      expect(addBusinessMs(start + other, duration, calendar)).toBeGreaterThanOrEqual(
        addBusinessMs(start, duration, calendar),
      );
    }
  });

  test('adding twice is adding the sum', () => {
    for (const { start, duration, other } of cases) {
      const twice = addBusinessMs(addBusinessMs(start, duration, calendar), other, calendar);
      expect([start, twice]).toEqual([start, addBusinessMs(start, duration + other, calendar)]);
    }
  });

  test('business time between instants adds up over a midpoint and never exceeds wall time', () => {
    for (const { start, duration, other } of cases) {
      const [a, b, c] = [start, start + duration, start + duration + other];
      const whole = businessMsBetween(a, c, calendar);
      expect(businessMsBetween(a, b, calendar) + businessMsBetween(b, c, calendar)).toBe(whole);
      expect(whole).toBeLessThanOrEqual(c - a);
      expect(whole).toBeGreaterThanOrEqual(0);
    }
  });

  test('a positive duration always ends inside working time', () => {
    for (const { start, duration } of cases) {
      const end = addBusinessMs(start, duration + 1, calendar);
      expect(businessMsBetween(end - 1, end, calendar)).toBe(1);
    }
  });
});
