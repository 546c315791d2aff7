/**
 * Time-zone arithmetic on epoch milliseconds, with no library: `Intl.DateTimeFormat` knows the IANA
 * rules (DST included) and is pure computation. Local wall times are represented as "local epoch
 * milliseconds": the UTC epoch value the same calendar fields would have in UTC. A local calendar
 * day is the integer number of days since 1970-01-01 (a "civil day").
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Formatters are costly to build and immutable once built, so one per zone is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows `timeZone` as an IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at an instant, in ms (Berlin in summer: +7,200,000). Formatting is the
 * slow part (~10 µs), so offsets are remembered per UTC day when the offset is the same at both ends
 * of the day (transitions are months apart, so then it is constant throughout); the few days with a
 * transition are formatted every time.
 */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const bucket = Math.floor(utcMs / OFFSET_BUCKET_MS);
  let buckets = offsetCache.get(timeZone);
  if (buckets === undefined) offsetCache.set(timeZone, (buckets = new Map()));
  const known = buckets.get(bucket);
  if (known !== undefined) return known;
  const offset = formattedOffsetMs(utcMs, timeZone);
  const bucketStart = bucket * OFFSET_BUCKET_MS;
  const constant =
    formattedOffsetMs(bucketStart, timeZone) === formattedOffsetMs(bucketStart + OFFSET_BUCKET_MS - 1, timeZone);
  if (constant) {
    if (buckets.size >= MAX_CACHED_BUCKETS) buckets.clear();
    buckets.set(bucket, offset);
  }
  return offset;
}

const OFFSET_BUCKET_MS = 24 * 60 * 60_000;
/** Decades of days per zone; cleared, not evicted one by one, if ever full. */
const MAX_CACHED_BUCKETS = 20_000;
const offsetCache = new Map<string, Map<number, number>>();

function formattedOffsetMs(utcMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(utcMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The formatter shows whole seconds; offsets are whole seconds too, so drop the instant's ms.
  return asUtc - (utcMs - mod(utcMs, 1000));
}

/** Local epoch ms of an instant in a zone. */
export function toLocalMs(utcMs: number, timeZone: string): number {
  return utcMs + zoneOffsetMs(utcMs, timeZone);
}

/**
 * The instant at which a zone's clocks show a local time. Offsets at most one transition apart are
 * tried (a day before and after): a local time that exists twice (autumn) resolves to the earlier
 * instant; one that does not exist (the spring gap) moves forward by the gap, so 02:30 on the day
 * Berlin springs forward is 03:30 CEST — the same choices as Temporal's "compatible" disambiguation.
 */
export function fromLocalMs(localMs: number, timeZone: string): number {
  const before = zoneOffsetMs(localMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(localMs + DAY_MS, timeZone);
  const valid = [localMs - before, localMs - after].filter(
    (candidate, index) => zoneOffsetMs(candidate, timeZone) === (index === 0 ? before : after),
  );
  return valid.length > 0 ? Math.min(...valid) : localMs - before;
}

/** The civil day (days since 1970-01-01 in the zone) an instant falls on. */
export function civilDayOf(utcMs: number, timeZone: string): number {
  return Math.floor(toLocalMs(utcMs, timeZone) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay (1970-01-01 was a Thursday). */
export function weekdayOfCivilDay(civilDay: number): number {
  return mod(civilDay + 4, 7);
}

/** 'YYYY-MM-DD' → civil day; NaN when it is not such a date. */
export function civilDayFromIsoDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const roundTrips = new Date(ms).toISOString().startsWith(date);
  return roundTrips ? ms / DAY_MS : Number.NaN;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
