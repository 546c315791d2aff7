/**
 * Calendars, policies and timestamped events for the SLA specs (not exported from the index). The
 * events carry the times a spec chooses, unlike the shared fixtures whose times are fixed.
 */
import type { ComplaintEvent } from '../complaint/events.js';
import {
  acknowledged,
  categorized,
  closed,
  contacted,
  received,
  rejected,
  resolved,
  validated,
  awaiting,
  resumed,
  reopened,
  disputed,
} from '../testing/fixtures.js';
import type { Priority } from '../priority/priority.js';
import { DEFAULT_SLA_TARGETS } from '../priority/sla-targets.js';
import { type BusinessCalendar, weekdayCalendar } from './calendar.js';
import type { SlaPolicy } from './policy.js';

/** Mon–Fri 09:00–12:00 and 13:00–18:00 in Berlin: 8 working hours a day. */
export const BERLIN = weekdayCalendar('Europe/Berlin', ['2025-04-18', '2025-04-21', '2025-12-25', '2025-12-26']);
/** Mon–Fri 09:00–17:00 in New York. */
export const NEW_YORK = weekdayCalendar('America/New_York', [], [{ start: '09:00', end: '17:00' }]);
/** Shanghai around National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked (调休). */
const SHANGHAI_HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
export const SHANGHAI: BusinessCalendar = {
  ...weekdayCalendar(
    'Asia/Shanghai',
    ['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => `2025-10-${day}`),
  ),
  specialDays: { '2025-09-28': SHANGHAI_HOURS, '2025-10-11': SHANGHAI_HOURS },
};
/** Every hour of every day, in Berlin: business time must equal wall time, DST days included. */
export const BERLIN_ALWAYS: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workingHours: Object.fromEntries(
    ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]),
  ),
};

export function wallPolicy(priority: Priority, over: Partial<SlaPolicy> = {}): SlaPolicy {
  return { id: `wall-${priority}`, priority, targets: DEFAULT_SLA_TARGETS[priority], clock: 'wall', ...over };
}

export function businessPolicy(
  priority: Priority,
  calendar: BusinessCalendar,
  over: Partial<SlaPolicy> = {},
): SlaPolicy {
  return {
    id: `business-${priority}`,
    priority,
    targets: DEFAULT_SLA_TARGETS[priority],
    clock: 'business',
    calendar,
    ...over,
  };
}

const H = 60 * 60 * 1000;
export const hours = (count: number) => Math.round(count * H);
export const minutes = (count: number) => Math.round((count * H) / 60);
export const at = (iso: string) => new Date(iso);

function timed<E extends ComplaintEvent>(event: E, field: string, time: string): E {
  return { ...event, data: { ...event.data, [field]: time } } as E;
}

/** Events at chosen times. */
export const on = {
  received: (time: string) => received({ receivedAt: time }),
  acknowledged: (time: string) => timed(acknowledged(), 'acknowledgedAt', time),
  categorized: (time: string, priority: Priority = 'P3') => timed(categorized({ priority }), 'categorizedAt', time),
  contacted: (time: string, direction: 'inbound' | 'outbound' = 'outbound') => contacted(direction, time),
  awaiting: (time: string) => timed(awaiting(), 'pausedAt', time),
  resumed: (time: string) => timed(resumed(), 'resumedAt', time),
  rejected: (time: string) => timed(rejected(), 'rejectedAt', time),
  validated: (time: string) => timed(validated(), 'validatedAt', time),
  resolved: (time: string) => timed(resolved(), 'resolvedAt', time),
  disputed: (time: string) => timed(disputed(), 'respondedAt', time),
  reopened: (time: string, handling = 2) => timed(reopened('disputed', handling), 'reopenedAt', time),
  closed: (time: string, code: Parameters<typeof closed>[0] = 'resolved') => closed(code, time),
};
