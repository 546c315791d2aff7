/**
 * Business calendars as data: a time zone, working hours per weekday (several intervals a day, e.g.
 * 09:00–12:00 and 13:00–18:00) and holidays (local dates in the calendar's zone). Everything is
 * local to the calendar's zone, so "09:00" is 09:00 in Berlin both in winter and in summer.
 */
import {
  civilDayFromIsoDate,
  DAY_MS,
  fromLocalMs,
  isKnownTimeZone,
  MINUTE_MS,
  weekdayOfCivilDay,
} from './time-zone.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local 'HH:MM' times; `end` may be '24:00' (midnight at the end of the day). */
export interface WorkingInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone name, e.g. 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai'. */
  timeZone: string;
  /** A weekday that is absent or empty is not worked. */
  workingHours: Partial<Record<Weekday, readonly WorkingInterval[]>>;
  /** Local dates 'YYYY-MM-DD' that are not worked, whatever the weekday. */
  holidays?: readonly string[];
  /**
   * Local dates with their own hours, overriding weekday and holiday: a make-up working Saturday
   * (调休), a half day on Christmas Eve. An empty list is another way to say holiday.
   */
  specialDays?: Readonly<Record<string, readonly WorkingInterval[]>>;
}

/** Monday to Friday, 09:00–18:00 with a lunch break 12:00–13:00: a common desk. */
export function weekdayCalendar(
  timeZone: string,
  holidays: readonly string[] = [],
  hours: readonly WorkingInterval[] = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
): BusinessCalendar {
  const workingHours = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours };
  return { timeZone, workingHours, holidays };
}

/** What is wrong with a calendar, in words; empty when it can be used. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) problems.push(`unknown time zone '${calendar.timeZone}'`);
  for (const [weekday, intervals] of Object.entries(calendar.workingHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) problems.push(`unknown weekday '${weekday}'`);
    problems.push(...intervalProblems(weekday, intervals ?? []));
  }
  for (const [date, intervals] of Object.entries(calendar.specialDays ?? {})) {
    if (Number.isNaN(civilDayFromIsoDate(date))) problems.push(`special day '${date}' is not a YYYY-MM-DD date`);
    problems.push(...intervalProblems(date, intervals));
  }
  const worked = Object.values(calendar.workingHours).some((intervals) => (intervals ?? []).length > 0);
  if (!worked) problems.push('no working hours on any weekday');
  for (const date of calendar.holidays ?? []) {
    if (Number.isNaN(civilDayFromIsoDate(date))) problems.push(`holiday '${date}' is not a YYYY-MM-DD date`);
  }
  return problems;
}

function intervalProblems(weekday: string, intervals: readonly WorkingInterval[]): string[] {
  const problems: string[] = [];
  let previousEnd = -1;
  for (const { start, end } of intervals) {
    const [from, to] = [minuteOfDay(start), minuteOfDay(end)];
    if (Number.isNaN(from) || Number.isNaN(to)) problems.push(`${weekday} ${start}–${end}: times must be HH:MM`);
    else if (from >= to) problems.push(`${weekday} ${start}–${end}: start must be before end`);
    else if (from < previousEnd) problems.push(`${weekday} ${start}–${end}: intervals must be in order, not overlap`);
    previousEnd = Math.max(previousEnd, to);
  }
  return problems;
}

/** 'HH:MM' → minutes after local midnight (00:00…24:00); NaN when malformed. */
export function minuteOfDay(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (match === null) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : Number.NaN;
}

/** [start, end) in UTC epoch ms. */
export type UtcInterval = readonly [number, number];

/** A calendar prepared for arithmetic; its days' UTC intervals are remembered once computed. */
type Minutes = readonly (readonly [number, number])[];

interface CompiledCalendar {
  readonly minutesByWeekday: readonly Minutes[];
  readonly holidays: ReadonlySet<number>;
  readonly specialDays: ReadonlyMap<number, Minutes>;
  readonly days: Map<number, readonly UtcInterval[]>;
}

/** Keyed by the calendar object: reuse calendar objects (do not re-parse them per call) to benefit. */
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  let ready = compiled.get(calendar);
  if (ready === undefined) {
    const problems = calendarProblems(calendar);
    if (problems.length > 0) throw new RangeError(`invalid business calendar: ${problems.join('; ')}`);
    const minutesByWeekday = WEEKDAYS.map((weekday) => toMinutes(calendar.workingHours[weekday] ?? []));
    const holidays = new Set((calendar.holidays ?? []).map(civilDayFromIsoDate));
    const specialDays = new Map(
      Object.entries(calendar.specialDays ?? {}).map(([date, hours]) => [civilDayFromIsoDate(date), toMinutes(hours)]),
    );
    ready = { minutesByWeekday, holidays, specialDays, days: new Map() };
    compiled.set(calendar, ready);
  }
  return ready;
}

/**
 * The working intervals of one local day (a civil day in the calendar's zone) as UTC instants. On a
 * DST day an interval that spans the change is an hour shorter or longer, as the hours really are.
 */
export function workingIntervalsOn(calendar: BusinessCalendar, civilDay: number): readonly UtcInterval[] {
  const ready = compile(calendar);
  let intervals = ready.days.get(civilDay);
  if (intervals === undefined) {
    const minutes = minutesOn(ready, civilDay);
    const midnight = civilDay * DAY_MS;
    intervals = minutes
      .map(([from, to]): UtcInterval => [
        fromLocalMs(midnight + from * MINUTE_MS, calendar.timeZone),
        fromLocalMs(midnight + to * MINUTE_MS, calendar.timeZone),
      ])
      .filter(([from, to]) => from < to);
    ready.days.set(civilDay, intervals);
  }
  return intervals;
}

function minutesOn(ready: CompiledCalendar, civilDay: number): Minutes {
  const special = ready.specialDays.get(civilDay);
  if (special !== undefined) return special;
  return ready.holidays.has(civilDay) ? [] : ready.minutesByWeekday[weekdayOfCivilDay(civilDay)]!;
}

function toMinutes(intervals: readonly WorkingInterval[]): Minutes {
  return intervals.map(({ start, end }) => [minuteOfDay(start), minuteOfDay(end)] as const);
}
