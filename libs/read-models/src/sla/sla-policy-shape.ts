/**
 * The shape of SLA policies read from a JSON file: the domain's `slaPolicyProblems` judges the
 * values (positive targets, known time zones, ordered working hours…) but trusts the types, so
 * this checks the types first and names the offending path in words.
 */
import { CATEGORIES, PRIORITIES, SLA_TARGETS, WEEKDAYS } from '#domain';

type Json = Record<string, unknown>;

const POLICY_KEYS = [
  'id',
  'priority',
  'category',
  'targets',
  'clock',
  'calendar',
  'pauseWhileAwaitingCustomer',
  'warningFraction',
];
const CALENDAR_KEYS = ['timeZone', 'workingHours', 'holidays', 'specialDays'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems with the structure of a parsed policies document; empty when every field has the right type. */
export function slaPolicyShapeProblems(document: unknown): string[] {
  if (!Array.isArray(document)) return ['the document must be a JSON array of policies'];
  const problems = document.flatMap((policy, index) => policyProblems(policy, `[${index}]`));
  const ids = document.filter(isObject).map((policy) => policy.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  for (const id of new Set(repeated)) problems.push(`policy id '${String(id)}' is used more than once`);
  return problems;
}

function policyProblems(policy: unknown, path: string): string[] {
  if (!isObject(policy)) return [`${path}: a policy must be an object`];
  const problems = unknownKeys(policy, POLICY_KEYS, path);
  if (typeof policy.id !== 'string' || policy.id.trim() === '') problems.push(`${path}.id: a non-empty string`);
  problems.push(...oneOf(policy.priority, PRIORITIES, `${path}.priority`, true));
  problems.push(...oneOf(policy.category, CATEGORIES, `${path}.category`, true));
  if (!isObject(policy.targets)) problems.push(`${path}.targets: an object with ${SLA_TARGETS.join(', ')} in minutes`);
  else {
    problems.push(...unknownKeys(policy.targets, SLA_TARGETS, `${path}.targets`));
    for (const target of SLA_TARGETS) {
      if (typeof policy.targets[target] !== 'number') problems.push(`${path}.targets.${target}: a number of minutes`);
    }
  }
  if (typeof policy.clock !== 'string') problems.push(`${path}.clock: 'wall' or 'business'`);
  if (policy.calendar !== undefined) problems.push(...calendarProblems(policy.calendar, `${path}.calendar`));
  if (policy.pauseWhileAwaitingCustomer !== undefined && typeof policy.pauseWhileAwaitingCustomer !== 'boolean')
    problems.push(`${path}.pauseWhileAwaitingCustomer: true or false`);
  if (policy.warningFraction !== undefined && typeof policy.warningFraction !== 'number')
    problems.push(`${path}.warningFraction: a number between 0 and 1`);
  return problems;
}

function calendarProblems(calendar: unknown, path: string): string[] {
  if (!isObject(calendar)) return [`${path}: an object with timeZone and workingHours`];
  const problems = unknownKeys(calendar, CALENDAR_KEYS, path);
  if (typeof calendar.timeZone !== 'string') problems.push(`${path}.timeZone: an IANA zone name`);
  if (!isObject(calendar.workingHours)) problems.push(`${path}.workingHours: an object of weekdays`);
  else {
    problems.push(...unknownKeys(calendar.workingHours, WEEKDAYS, `${path}.workingHours`));
    for (const [day, hours] of Object.entries(calendar.workingHours))
      problems.push(...intervalsProblems(hours, `${path}.workingHours.${day}`));
  }
  if (calendar.holidays !== undefined && !isStringArray(calendar.holidays))
    problems.push(`${path}.holidays: a list of 'YYYY-MM-DD' dates`);
  if (calendar.specialDays !== undefined) {
    if (!isObject(calendar.specialDays)) problems.push(`${path}.specialDays: an object of dates`);
    else
      for (const [date, hours] of Object.entries(calendar.specialDays))
        problems.push(...intervalsProblems(hours, `${path}.specialDays.${date}`));
  }
  return problems;
}

function intervalsProblems(intervals: unknown, path: string): string[] {
  const valid =
    Array.isArray(intervals) &&
    intervals.every(
      (interval) =>
        isObject(interval) &&
        typeof interval.start === 'string' &&
        typeof interval.end === 'string' &&
        Object.keys(interval).length === 2,
    );
  return valid ? [] : [`${path}: a list of { "start": "HH:MM", "end": "HH:MM" }`];
}

function oneOf(value: unknown, allowed: readonly string[], path: string, optional: boolean): string[] {
  if (optional && value === undefined) return [];
  return allowed.includes(value as string) ? [] : [`${path}: one of ${allowed.join(', ')}`];
}

function unknownKeys(object: Json, known: readonly string[], path: string): string[] {
  return Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => `${path}.${key}: unknown field`);
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
