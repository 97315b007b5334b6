/**
 * Local wall-clock time → UTC for logs that write local time without a zone (Windows Firewall, classic
 * syslog, ASA, ...). Offsets come from Intl.DateTimeFormat for the named IANA zone, never from the machine's
 * own zone (process.env.TZ has no influence on any function here).
 *
 * Rule at DST transitions, the same as Temporal's `disambiguation: 'compatible'` (and RFC 5545 §3.3.5 for
 * local times): a wall time that occurs twice (autumn fall-back hour) is the EARLIER instant (the first
 * pass, still on summer time); a wall time that does not exist (spring-forward gap) is read with the offset
 * in force BEFORE the gap, i.e. 02:30 on the Amsterdam spring day is 01:30 UTC = 03:30 CEST.
 */
import { UsageError } from '../../core/errors.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Offsets memoised per zone and wall minute; cleared when it grows past this (bounded memory). */
const MAX_CACHED_MINUTES = 20_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new UsageError(`unknown time zone "${zone}": give an IANA name such as Europe/Amsterdam or UTC`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Throws a UsageError when `zone` is not an IANA zone this runtime knows. */
export function checkTimeZone(zone: string): void {
  formatterFor(zone);
}

/** The zone's offset from UTC in ms at instant `utcMs` (positive east of Greenwich). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
    }
  }
  if (bc) y = 1 - y;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const truncated = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return wall - truncated;
}

const minuteCache = new Map<string, Map<number, number>>();

/**
 * Converts a wall-clock time in `zone`, given as if it were UTC (`Date.UTC(y, m, d, h, mi, s, ms)`), to the
 * UTC instant in ms, with the DST rule documented at the top of this file.
 */
export function wallToUtcMs(wallAsUtcMs: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return wallAsUtcMs;
  const minute = Math.floor(wallAsUtcMs / MS_PER_MINUTE);
  let cache = minuteCache.get(zone);
  if (cache === undefined) {
    cache = new Map();
    minuteCache.set(zone, cache);
  }
  let offset = cache.get(minute);
  if (offset === undefined) {
    offset = offsetForWall(minute * MS_PER_MINUTE, zone);
    if (cache.size >= MAX_CACHED_MINUTES) cache.clear();
    cache.set(minute, offset);
  }
  return wallAsUtcMs - offset;
}

function offsetForWall(wall: number, zone: string): number {
  // Offsets a day before and after bracket any transition near this wall time (zones change at most once a day).
  const before = zoneOffsetMs(zone, wall - MS_PER_DAY);
  const after = zoneOffsetMs(zone, wall + MS_PER_DAY);
  const valid: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    if (zoneOffsetMs(zone, wall - o) === o) valid.push(o);
  }
  if (valid.length === 0) {
    // In the gap: the offset before the transition moves the reading forward past the gap.
    return before;
  }
  // Earlier instant = larger offset when the wall time occurs twice.
  return Math.max(...valid);
}
