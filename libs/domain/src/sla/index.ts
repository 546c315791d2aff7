export * from './business-time.js';
export * from './calendar.js';
export * from './clock.js';
export * from './history.js';
export * from './policy.js';
export {
  civilDayOf,
  DAY_MS,
  fromLocalMs,
  HOUR_MS,
  isKnownTimeZone,
  MINUTE_MS,
  toLocalMs,
  zoneOffsetMs,
} from './time-zone.js';
