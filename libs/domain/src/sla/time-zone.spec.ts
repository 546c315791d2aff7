import {
  civilDayFromIsoDate,
  civilDayOf,
  fromLocalMs,
  HOUR_MS,
  toLocalMs,
  weekdayOfCivilDay,
  zoneOffsetMs,
} from './time-zone.js';

const utc = (iso: string) => Date.parse(iso);
const local = (iso: string) => Date.parse(`${iso}Z`);

describe('time-zone offsets from Intl', () => {
  test.each([
    ['Europe/Berlin', '2025-01-15T12:00:00Z', 1],
    ['Europe/Berlin', '2025-07-15T12:00:00Z', 2],
    ['America/New_York', '2025-01-15T12:00:00Z', -5],
    ['America/New_York', '2025-07-15T12:00:00Z', -4],
    ['Asia/Shanghai', '2025-01-15T12:00:00Z', 8],
    ['Asia/Shanghai', '2025-07-15T12:00:00Z', 8],
    ['Asia/Kolkata', '2025-07-15T12:00:00Z', 5.5],
  ])('%s at %s has a UTC offset of %s h', (zone, instant, offsetHours) => {
    expect(zoneOffsetMs(utc(instant), zone)).toBe(offsetHours * HOUR_MS);
  });

  test('Berlin changes offset at 01:00 UTC on the last Sunday of March', () => {
    expect(zoneOffsetMs(utc('2025-03-30T00:59:59Z'), 'Europe/Berlin')).toBe(HOUR_MS);
    expect(zoneOffsetMs(utc('2025-03-30T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR_MS);
  });

  test('an instant with milliseconds keeps the same offset', () => {
    expect(zoneOffsetMs(utc('2025-07-15T12:00:00.999Z'), 'Europe/Berlin')).toBe(2 * HOUR_MS);
  });
});

describe('local times to instants', () => {
  test('a plain local time maps to the one instant showing it', () => {
    expect(fromLocalMs(local('2025-07-15T09:00:00'), 'Europe/Berlin')).toBe(utc('2025-07-15T07:00:00Z'));
    expect(fromLocalMs(local('2025-07-15T09:00:00'), 'Asia/Shanghai')).toBe(utc('2025-07-15T01:00:00Z'));
  });

  test('given a local time in the spring gap, it moves forward by the gap (02:30 becomes 03:30 CEST)', () => {
    expect(fromLocalMs(local('2025-03-30T02:30:00'), 'Europe/Berlin')).toBe(utc('2025-03-30T01:30:00Z'));
  });

  test('given a local time that occurs twice in autumn, the earlier instant is chosen', () => {
    expect(fromLocalMs(local('2025-10-26T02:30:00'), 'Europe/Berlin')).toBe(utc('2025-10-26T00:30:00Z'));
    expect(fromLocalMs(local('2025-11-02T01:30:00'), 'America/New_York')).toBe(utc('2025-11-02T05:30:00Z'));
  });

  test('local → instant → local round-trips for every quarter hour of a DST-change day in New York', () => {
    const start = local('2025-03-09T00:00:00');
    for (let quarter = 0; quarter < 96; quarter++) {
      const time = start + quarter * 15 * 60_000;
      const inGap = time >= local('2025-03-09T02:00:00') && time < local('2025-03-09T03:00:00');
      if (!inGap) expect(toLocalMs(fromLocalMs(time, 'America/New_York'), 'America/New_York')).toBe(time);
    }
  });
});

describe('civil days', () => {
  test('the local date of an instant depends on the zone', () => {
    const instant = utc('2025-03-09T23:30:00Z');
    expect(civilDayOf(instant, 'Asia/Shanghai')).toBe(civilDayFromIsoDate('2025-03-10'));
    expect(civilDayOf(instant, 'America/New_York')).toBe(civilDayFromIsoDate('2025-03-09'));
  });

  test('weekdays count from Sunday = 0', () => {
    expect(weekdayOfCivilDay(civilDayFromIsoDate('2025-03-30'))).toBe(0);
    expect(weekdayOfCivilDay(civilDayFromIsoDate('2025-03-28'))).toBe(5);
    expect(weekdayOfCivilDay(civilDayFromIsoDate('1969-12-31'))).toBe(3);
  });

  test('a date that does not exist is not a civil day', () => {
    expect(civilDayFromIsoDate('2025-02-30')).toBeNaN();
    expect(civilDayFromIsoDate('25-02-01')).toBeNaN();
  });
});
