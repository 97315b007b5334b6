/**
 * Windows Firewall line times ("YYYY-MM-DD HH:MM:SS", local unless the header says "#Time Format: UTC"), read
 * from the line's text or straight from its bytes, with one cache shared by both readers.
 *
 * A stamp of a valid day and time of day is read by arithmetic: the day's wall time (parseDateTime and
 * wallMicros give exactly that; Date.UTC is linear within a day) plus the time of day. Its six numbers
 * identify its text, so the last stamp is remembered as one number (YYYYMMDDHHMMSS) instead of a substring
 * compared with startsWith (which cost more than the arithmetic). Any other stamp goes through parseDateTime
 * and makes the number unusable. The zone offset itself is memoised per hour by time-zone.ts; within an hour
 * that has one offset throughout, a stamp is the hour's first second plus its minutes and seconds (a log writes
 * a new second on nearly every line: converting each cost ~60 ns and a call chain).
 */
import { twoDigits } from './byte-walk.js';
import { type LogTime, parseDateTime, wallMicros } from './log-time.js';

export class FirewallClock {
  readonly #time: LogTime;
  #utc = false;
  /** The last stamp: as text when parts() read it, as fromKey's number when that read it. */
  #lastStamp = '';
  #lastKey = Number.NaN;
  #lastMicros = Number.NaN;
  /** The day of the last stamp fromKey read (YYYYMMDD, -1 = none) and its midnight as wall µs. */
  #dayKey = -1;
  #dayWall = Number.NaN;
  /** The hour (0..23, -1 = none) of #dayKey last read, and its first second in µs (NaN: two offsets in it). */
  #hourKey = -1;
  #hourMicros = Number.NaN;

  constructor(time: LogTime) {
    this.#time = time;
  }

  /** "#Time Format:" UTC or local; a remembered stamp was read under the old rule and is forgotten. */
  setUtc(utc: boolean): void {
    this.#utc = utc;
    this.#lastStamp = '';
    this.#lastKey = Number.NaN;
    this.#hourKey = -1;
  }

  /** µs of the "date time" text[s, e) (the two columns and the blank between), NaN when it is no time. */
  text(text: string, s: number, e: number): number {
    if (e - s === 19 && text.charCodeAt(s + 10) === 32) {
      const clock = clockKey(text, s + 11);
      const day = clock < 0 ? -1 : dayKey(text, s);
      if (day >= 0) {
        const micros = this.#fromKey(day, clock);
        if (!Number.isNaN(micros)) return micros;
      }
    }
    const sp = text.indexOf(' ', s);
    return this.parts(text.slice(s, sp), text.slice(sp + 1, e));
  }

  /**
   * µs of the "date time" bytes buf[s, e) when they are the plain 19-character form of a valid time; NaN
   * otherwise (the caller declines the line and text() decides on the decoded line).
   */
  bytes(buf: Uint8Array, s: number, e: number): number {
    if (e - s !== 19 || buf[s + 10] !== 32) return Number.NaN;
    const clock = clockKeyBytes(buf, s + 11);
    const day = clock < 0 ? -1 : dayKeyBytes(buf, s);
    return day < 0 ? Number.NaN : this.#fromKey(day, clock);
  }

  /** µs of separate date and time columns, by parseDateTime (any form it accepts); NaN when none. */
  parts(date: string, time: string): number {
    // Many lines share a second: compare the parts before building the key string.
    if (
      this.#lastStamp.length === date.length + time.length + 1 &&
      this.#lastStamp.startsWith(date) &&
      this.#lastStamp.endsWith(time)
    ) {
      return this.#lastMicros;
    }
    const stamp = `${date} ${time}`;
    const parsed = parseDateTime(stamp);
    this.#lastKey = Number.NaN;
    let micros = Number.NaN;
    if (parsed !== null) micros = this.#utc ? this.#time.stated(parsed.wallMicros, 0) : this.#time.resolve(parsed);
    this.#lastStamp = stamp;
    this.#lastMicros = micros;
    return micros;
  }

  /** µs of a day key and a clock key; NaN (nothing remembered) when the day is no calendar day. */
  #fromKey(day: number, clock: number): number {
    if (day !== this.#dayKey) {
      this.#dayKey = day;
      this.#dayWall = wallMicros(Math.floor(day / 10_000), Math.floor(day / 100) % 100, day % 100, 0, 0, 0, 0);
      this.#hourKey = -1;
    }
    if (Number.isNaN(this.#dayWall)) return Number.NaN;
    // YYYYMMDDHHMMSS: below 2^53, so exact.
    const key = day * 1_000_000 + clock;
    if (key === this.#lastKey) return this.#lastMicros;
    const hour = Math.floor(clock / 10_000);
    const inHour = clockMicros(clock % 10_000);
    const wall = this.#dayWall + hour * 3_600_000_000;
    if (hour !== this.#hourKey) {
      // An hour whose first and last second convert an hour apart has one offset throughout (a zone changes
      // offset at most once an hour, the assumption time-zone.ts caches by), so its other seconds are added.
      const start = this.#convert(wall);
      this.#hourKey = hour;
      this.#hourMicros = this.#convert(wall + 3_599_000_000) - start === 3_599_000_000 ? start : Number.NaN;
    }
    const micros = Number.isNaN(this.#hourMicros) ? this.#convert(wall + inHour) : this.#hourMicros + inHour;
    this.#lastKey = key;
    this.#lastStamp = '';
    this.#lastMicros = micros;
    return micros;
  }

  #convert(wall: number): number {
    return this.#utc ? this.#time.stated(wall, 0) : this.#time.local(wall);
  }
}

/**
 * `YYYY-MM-DD` at `at` as the number YYYYMMDD (not checked as a date: wallMicros does that), or -1 when it is
 * not four, two and two digits joined by '-' (what parseDateTime would refuse before looking at the values).
 */
function dayKey(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return -1;
  return dayValue(two(text, at), two(text, at + 2), two(text, at + 5), two(text, at + 8));
}

function dayKeyBytes(buf: Uint8Array, at: number): number {
  if (buf[at + 4] !== 45 || buf[at + 7] !== 45) return -1;
  return dayValue(twoDigits(buf, at), twoDigits(buf, at + 2), twoDigits(buf, at + 5), twoDigits(buf, at + 8));
}

function dayValue(y1: number, y2: number, mo: number, d: number): number {
  return y1 < 0 || y2 < 0 || mo < 0 || d < 0 ? -1 : (y1 * 100 + y2) * 10_000 + mo * 100 + d;
}

/** `HH:MM:SS` at `at` as the number HHMMSS (hours to 23, minutes to 59, seconds to 60), or -1. */
function clockKey(text: string, at: number): number {
  if (text.charCodeAt(at + 2) !== 58 || text.charCodeAt(at + 5) !== 58) return -1;
  return clockValue(two(text, at), two(text, at + 3), two(text, at + 6));
}

function clockKeyBytes(buf: Uint8Array, at: number): number {
  if (buf[at + 2] !== 58 || buf[at + 5] !== 58) return -1;
  return clockValue(twoDigits(buf, at), twoDigits(buf, at + 3), twoDigits(buf, at + 6));
}

function clockValue(h: number, m: number, sec: number): number {
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
  return h * 10_000 + m * 100 + sec;
}

/** A clock key as µs since midnight (second 60 counts as 59, as wallMicros does). */
function clockMicros(clock: number): number {
  const sec = clock % 100;
  return (Math.floor(clock / 10_000) * 3600 + (Math.floor(clock / 100) % 100) * 60 + Math.min(sec, 59)) * 1_000_000;
}

function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
