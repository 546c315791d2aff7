/**
 * Clock arithmetic on business calendars and on the wall clock. The numeric forms (epoch ms) are the
 * working core used by the SLA clock; the Date forms are the public convenience.
 *
 * Conventions:
 * - Adding a duration that ends exactly at the close of an interval returns that close (18:00), not
 *   the next opening; adding zero returns the start unchanged, even outside working hours.
 * - `between(a, b)` is signed: between(b, a) = −between(a, b).
 * - For any start and d ≥ 0: between(start, add(start, d)) = d (exact, in integer ms).
 */
import { type BusinessCalendar, workingIntervalsOn } from './calendar.js';
import { civilDayOf } from './time-zone.js';

/** A calendar that never reaches the next working minute within this many days is refused. */
const MAX_DAYS_WITHOUT_WORK = 3 * 366;

export function addBusinessMs(startMs: number, durationMs: number, calendar: BusinessCalendar): number {
  assertDuration(durationMs);
  if (durationMs === 0) return startMs;
  let left = durationMs;
  let idleDays = 0;
  for (let day = civilDayOf(startMs, calendar.timeZone); ; day++) {
    const intervals = workingIntervalsOn(calendar, day);
    idleDays = intervals.length === 0 ? idleDays + 1 : 0;
    if (idleDays > MAX_DAYS_WITHOUT_WORK) throw new RangeError('business calendar has no working time ahead');
    for (const [open, close] of intervals) {
      const from = Math.max(open, startMs);
      if (from >= close) continue;
      if (left <= close - from) return from + left;
      left -= close - from;
    }
  }
}

export function businessMsBetween(aMs: number, bMs: number, calendar: BusinessCalendar): number {
  if (bMs < aMs) return -businessMsBetween(bMs, aMs, calendar);
  let total = 0;
  const lastDay = civilDayOf(bMs, calendar.timeZone);
  for (let day = civilDayOf(aMs, calendar.timeZone); day <= lastDay; day++) {
    for (const [open, close] of workingIntervalsOn(calendar, day)) {
      total += Math.max(0, Math.min(close, bMs) - Math.max(open, aMs));
    }
  }
  return total;
}

/** The due instant `durationMs` of business time after `start`. */
export function addBusinessTime(start: Date, durationMs: number, calendar: BusinessCalendar): Date {
  return new Date(addBusinessMs(start.getTime(), durationMs, calendar));
}

/** Business time elapsed from `a` to `b`, in ms (negative when b is before a). */
export function businessTimeBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  return businessMsBetween(a.getTime(), b.getTime(), calendar);
}

export function addWallTime(start: Date, durationMs: number): Date {
  assertDuration(durationMs);
  return new Date(start.getTime() + durationMs);
}

export function wallTimeBetween(a: Date, b: Date): number {
  return b.getTime() - a.getTime();
}

/** One clock, wall or business, behind one interface: what the SLA clock measures time with. */
export interface Timeline {
  /** The instant `durationMs` of this clock's time after `startMs`. */
  add(startMs: number, durationMs: number): number;
  /** This clock's time from `aMs` to `bMs` (signed). */
  between(aMs: number, bMs: number): number;
}

export const WALL_TIMELINE: Timeline = {
  add: (startMs, durationMs) => {
    assertDuration(durationMs);
    return startMs + durationMs;
  },
  between: (aMs, bMs) => bMs - aMs,
};

export function businessTimeline(calendar: BusinessCalendar): Timeline {
  return {
    add: (startMs, durationMs) => addBusinessMs(startMs, durationMs, calendar),
    between: (aMs, bMs) => businessMsBetween(aMs, bMs, calendar),
  };
}

function assertDuration(durationMs: number): void {
  if (!Number.isInteger(durationMs) || durationMs < 0)
    throw new RangeError(`a duration must be a whole, non-negative number of ms (got ${durationMs})`);
}
