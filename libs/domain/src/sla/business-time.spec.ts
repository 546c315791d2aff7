import {
  addBusinessTime,
  addWallTime,
  businessTimeBetween,
  businessTimeline,
  WALL_TIMELINE,
  wallTimeBetween,
} from './business-time.js';
import { type BusinessCalendar, calendarProblems, weekdayCalendar } from './calendar.js';
import { at, BERLIN, BERLIN_ALWAYS, hours, minutes, NEW_YORK, SHANGHAI } from './spec-fixtures.js';

const due = (start: string, durationMs: number, calendar: BusinessCalendar) =>
  addBusinessTime(at(start), durationMs, calendar).toISOString();

describe('adding business time on a Berlin desk (Mon–Fri 09–12, 13–18)', () => {
  test('within one interval, the time is simply added', () => {
    expect(due('2025-03-10T08:00:00Z', hours(2), BERLIN)).toBe('2025-03-10T10:00:00.000Z');
  });

  test('given a start before opening, the clock starts at 09:00 local', () => {
    expect(due('2025-03-10T05:00:00Z', hours(1), BERLIN)).toBe('2025-03-10T09:00:00.000Z');
  });

  test('the lunch break does not count', () => {
    expect(due('2025-03-10T10:00:00Z', hours(2), BERLIN)).toBe('2025-03-10T13:00:00.000Z');
  });

  test('given a start after closing, the clock starts the next working morning', () => {
    expect(due('2025-03-10T19:00:00Z', minutes(30), BERLIN)).toBe('2025-03-11T08:30:00.000Z');
  });

  test('a duration ending exactly at closing is due at closing, not the next morning', () => {
    expect(due('2025-03-10T16:00:00Z', hours(1), BERLIN)).toBe('2025-03-10T17:00:00.000Z');
  });

  test('given a Friday afternoon start, the weekend is skipped', () => {
    expect(due('2025-03-14T16:00:00Z', hours(2), BERLIN)).toBe('2025-03-17T09:00:00.000Z');
  });

  test('given a start on Saturday, the clock starts on Monday morning', () => {
    expect(due('2025-03-15T10:00:00Z', hours(1), BERLIN)).toBe('2025-03-17T09:00:00.000Z');
  });

  test('holidays are skipped (Good Friday and Easter Monday 2025)', () => {
    expect(due('2025-04-17T15:00:00Z', hours(2), BERLIN)).toBe('2025-04-22T08:00:00.000Z');
  });

  test('a multi-day duration counts 8 working hours a day', () => {
    // Monday 09:00 CET + 40 working hours = five full days, due Friday 18:00 CET.
    expect(due('2025-03-10T08:00:00Z', hours(40), BERLIN)).toBe('2025-03-14T17:00:00.000Z');
  });

  test('zero duration is due at the start, even outside working hours', () => {
    expect(due('2025-03-15T10:00:00Z', 0, BERLIN)).toBe('2025-03-15T10:00:00.000Z');
  });

  test('a negative or fractional duration is refused', () => {
    expect(() => addBusinessTime(at('2025-03-10T08:00:00Z'), -1, BERLIN)).toThrow(RangeError);
    expect(() => addBusinessTime(at('2025-03-10T08:00:00Z'), 0.5, BERLIN)).toThrow(RangeError);
  });
});

describe('business time across DST changes', () => {
  test('Berlin spring forward: Friday 17:00 CET + 2 h is Monday 10:00 CEST (08:00 UTC)', () => {
    expect(due('2025-03-28T16:00:00Z', hours(2), BERLIN)).toBe('2025-03-31T08:00:00.000Z');
  });

  test('Berlin fall back: Friday 17:00 CEST + 2 h is Monday 10:00 CET (09:00 UTC)', () => {
    expect(due('2025-10-24T15:00:00Z', hours(2), BERLIN)).toBe('2025-10-27T09:00:00.000Z');
  });

  test('New York spring forward: Friday 16:00 EST + 2 h is Monday 10:00 EDT (14:00 UTC)', () => {
    expect(due('2025-03-07T21:00:00Z', hours(2), NEW_YORK)).toBe('2025-03-10T14:00:00.000Z');
  });

  test('New York fall back: Friday 16:00 EDT + 2 h is Monday 10:00 EST (15:00 UTC)', () => {
    expect(due('2025-10-31T20:00:00Z', hours(2), NEW_YORK)).toBe('2025-11-03T15:00:00.000Z');
  });

  test('given round-the-clock hours, the spring-forward day has 23 business hours and the autumn one 25', () => {
    const day = (from: string, to: string) => businessTimeBetween(at(from), at(to), BERLIN_ALWAYS);
    expect(day('2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z')).toBe(hours(23));
    expect(day('2025-10-25T22:00:00Z', '2025-10-26T23:00:00Z')).toBe(hours(25));
  });

  test('given round-the-clock hours, business time equals wall time across a DST change', () => {
    const start = at('2025-03-29T10:00:00Z');
    expect(addBusinessTime(start, hours(50), BERLIN_ALWAYS)).toEqual(addWallTime(start, hours(50)));
  });

  test('working hours that straddle the spring gap are an hour shorter that night', () => {
    const night: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      workingHours: { sun: [{ start: '01:00', end: '04:00' }] },
    };
    expect(businessTimeBetween(at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'), night)).toBe(hours(2));
    expect(businessTimeBetween(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), night)).toBe(hours(4));
  });
});

describe('business time in Asia/Shanghai (no DST)', () => {
  test('given a start before opening, the morning and the lunch break are handled', () => {
    expect(due('2025-03-10T00:00:00Z', hours(4), SHANGHAI)).toBe('2025-03-10T06:00:00.000Z');
  });

  test('National Day holidays are skipped and the make-up working Sunday counts', () => {
    // Friday 26 Sep 17:00 + 8 h: 1 h on Friday, then the worked Sunday 28 Sep 09–12, 13–17.
    expect(due('2025-09-26T09:00:00Z', hours(8), SHANGHAI)).toBe('2025-09-28T09:00:00.000Z');
    // Tuesday 30 Sep 17:30 + 1 h: 30 min, then 1–8 Oct off, Thursday 9 Oct 09:30.
    expect(due('2025-09-30T09:30:00Z', hours(1), SHANGHAI)).toBe('2025-10-09T01:30:00.000Z');
  });
});

describe('business time between two instants', () => {
  test('counts only working hours, in the calendar zone', () => {
    expect(businessTimeBetween(at('2025-03-14T16:00:00Z'), at('2025-03-17T09:00:00Z'), BERLIN)).toBe(hours(2));
  });

  test('time entirely outside working hours counts nothing', () => {
    expect(businessTimeBetween(at('2025-03-15T00:00:00Z'), at('2025-03-17T07:59:59Z'), BERLIN)).toBe(0);
  });

  test('is signed: backwards is negative', () => {
    expect(businessTimeBetween(at('2025-03-10T10:00:00Z'), at('2025-03-10T09:00:00Z'), BERLIN)).toBe(-hours(1));
  });

  test('the wall-clock versions are plain arithmetic', () => {
    expect(wallTimeBetween(at('2025-03-29T12:00:00Z'), at('2025-03-30T12:00:00Z'))).toBe(hours(24));
    expect(WALL_TIMELINE.add(0, hours(1))).toBe(hours(1));
    expect(
      businessTimeline(BERLIN).between(Date.parse('2025-03-10T08:00:00Z'), Date.parse('2025-03-10T09:00:00Z')),
    ).toBe(hours(1));
  });
});

describe('calendar validation', () => {
  test('a usable calendar has no problems', () => {
    expect(calendarProblems(BERLIN)).toEqual([]);
    expect(calendarProblems(SHANGHAI)).toEqual([]);
  });

  test('an unknown zone, bad times, overlapping intervals and bad dates are each named', () => {
    const problems = calendarProblems({
      timeZone: 'Mars/Olympus',
      workingHours: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        tue: [{ start: '18:00', end: '09:00' }],
        wed: [{ start: '9am', end: '17:00' }],
      },
      holidays: ['2025-13-01'],
    });
    expect(problems).toHaveLength(5);
  });

  test('a calendar without any working hours is refused before it can loop forever', () => {
    expect(calendarProblems({ timeZone: 'UTC', workingHours: {} })).toEqual(['no working hours on any weekday']);
    expect(() => addBusinessTime(at('2025-03-10T08:00:00Z'), 1, { timeZone: 'UTC', workingHours: {} })).toThrow(
      /no working hours/,
    );
  });

  test('a calendar whose every working day is a holiday runs out of working time', () => {
    const holidays = Array.from({ length: 3 * 366 + 7 }, (_, day) =>
      new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10),
    );
    expect(() => addBusinessTime(at('2025-01-01T00:00:00Z'), 1, weekdayCalendar('UTC', holidays))).toThrow(
      /no working time ahead/,
    );
  });
});
