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
/** Offsets memoised per zone and slot (see ZoneSlots); a map is cleared when it grows past this. */
const MAX_CACHED_SLOTS = 20_000;

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

/**
 * Offsets per zone, memoised per wall-clock slot: an hour, or a minute inside the few hours that hold a
 * transition. A slot is cached only when the exact offset at its first and its last millisecond agree; since a
 * zone changes offset at most once within a day (the same assumption offsetForWall makes), the offset is then
 * the same for every wall time in the slot. No assumption is made about transitions falling on the hour (Lord
 * Howe shifts by 30 minutes; pre-1940 LMT changes fall on odd seconds): a minute that still holds one is
 * computed exactly per call. Result: identical to offsetForWall for every input (tested), ~2 Intl calls an hour.
 */
interface ZoneSlots {
  hours: Map<number, number>;
  minutes: Map<number, number>;
}

const MS_PER_HOUR = 3_600_000;
const zoneSlots = new Map<string, ZoneSlots>();
/** The slot the last call hit (logs come in time order: most calls are in the same hour as the one before). */
let lastZone = '';
let lastHour = Number.NaN;
let lastOffset = 0;

/** The offset valid for all of wall [start, start + length), or NaN when a transition falls inside. */
function slotOffset(start: number, length: number, zone: string): number {
  const a = offsetForWall(start, zone);
  return a === offsetForWall(start + length - 1, zone) ? a : Number.NaN;
}

function cached(map: Map<number, number>, slot: number, length: number, zone: string): number {
  let offset = map.get(slot);
  if (offset === undefined) {
    offset = slotOffset(slot * length, length, zone);
    if (map.size >= MAX_CACHED_SLOTS) map.clear();
    map.set(slot, offset);
  }
  return offset;
}

/**
 * Converts a wall-clock time in `zone`, given as if it were UTC (`Date.UTC(y, m, d, h, mi, s, ms)`), to the
 * UTC instant in ms, with the DST rule documented at the top of this file.
 */
export function wallToUtcMs(wallAsUtcMs: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return wallAsUtcMs;
  const hour = Math.floor(wallAsUtcMs / MS_PER_HOUR);
  if (hour === lastHour && zone === lastZone) return wallAsUtcMs - lastOffset;
  if (!Number.isFinite(hour)) return wallAsUtcMs - offsetForWall(wallAsUtcMs, zone);
  let slots = zoneSlots.get(zone);
  if (slots === undefined) {
    slots = { hours: new Map(), minutes: new Map() };
    zoneSlots.set(zone, slots);
  }
  const hourly = cached(slots.hours, hour, MS_PER_HOUR, zone);
  if (!Number.isNaN(hourly)) {
    lastZone = zone;
    lastHour = hour;
    lastOffset = hourly;
    return wallAsUtcMs - hourly;
  }
  const minutely = cached(slots.minutes, Math.floor(wallAsUtcMs / MS_PER_MINUTE), MS_PER_MINUTE, zone);
  return wallAsUtcMs - (Number.isNaN(minutely) ? offsetForWall(wallAsUtcMs, zone) : minutely);
}

/** The exact offset (ms east of UTC) that applies to a wall time, by the DST rule at the top; uncached. */
export function offsetForWall(wall: number, zone: string): number {
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
