/**
 * Timestamp parsing shared by the log formats, and the one place that decides which zone a zone-less time is
 * in: the zone the log states, else the --timezone option, else UTC, each noted for the report
 * (`LogIngest.timeAssumptions`). All parsing is by character position (no regexes) so hostile lines cost O(n).
 */
import type { LogContext } from './log-format.js';
import { wallToUtcMs } from './time-zone.js';

/** A parsed date-time: wall clock as if UTC, in microseconds, and the offset the text stated (null = none). */
export interface ParsedDateTime {
  wallMicros: number;
  /** Minutes east of UTC as written ('Z' = 0), or null when the text has no zone. */
  offsetMinutes: number | null;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days in month, for rejecting 2023-02-31 instead of letting Date roll it over. */
function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (dim[mo - 1] ?? 0);
}

/** Wall time → µs since the epoch as if UTC, or NaN when a field is out of range. */
export function wallMicros(y: number, mo: number, d: number, h: number, mi: number, s: number, us: number): number {
  if (!validDate(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) * 1000 + us;
}

/**
 * Parses `YYYY-MM-DD[T| ]HH:MM[:SS][.fraction][Z|±HH:MM|±HHMM|±HH| UTC]` starting at `at` (only what follows
 * is checked up to its end). Returns null when the text is not such a time.
 */
export function parseDateTime(s: string, at = 0): ParsedDateTime | null {
  const y = digits(s, at, 4);
  if (y < 0 || s[at + 4] !== '-' || s[at + 7] !== '-') return null;
  const mo = digits(s, at + 5, 2);
  const d = digits(s, at + 8, 2);
  const sep = s[at + 10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return null;
  const h = digits(s, at + 11, 2);
  if (s[at + 13] !== ':') return null;
  const mi = digits(s, at + 14, 2);
  let i = at + 16;
  let sec = 0;
  if (s[i] === ':') {
    sec = digits(s, i + 1, 2);
    i += 3;
  }
  if (mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return null;
  let us = 0;
  if (s[i] === '.' || s[i] === ',') {
    i++;
    let scale = 100_000;
    const start = i;
    while (i < s.length && i - start < 12) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (scale >= 1) us += c * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return null;
    us = Math.floor(us);
  }
  const wall = wallMicros(y, mo, d, h, mi, sec, us);
  if (Number.isNaN(wall)) return null;
  const z = s[i];
  if (z === 'Z' || z === 'z') return { wallMicros: wall, offsetMinutes: 0 };
  if (z === '+' || z === '-') {
    const oh = digits(s, i + 1, 2);
    let om = 0;
    if (s[i + 3] === ':') om = digits(s, i + 4, 2);
    else if (digits(s, i + 3, 2) >= 0) om = digits(s, i + 3, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return null;
    const sign = z === '-' ? -1 : 1;
    return { wallMicros: wall, offsetMinutes: sign * (oh * 60 + om) };
  }
  if (s.startsWith(' UTC', i) || s.startsWith(' GMT', i)) return { wallMicros: wall, offsetMinutes: 0 };
  return { wallMicros: wall, offsetMinutes: null };
}

/** ISO 8601 UTC with microseconds, the FlowRecord time format. */
let lastIsoDay = Number.NaN;
let lastIsoDate = '';

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

let lastIsoMicros = Number.NaN;
let lastIso = '';

export function isoFromMicros(micros: number): string {
  // Records of the same instant share one string (most log lines have whole-second times).
  if (micros === lastIsoMicros) return lastIso;
  // Logs come in time order with many records per day: format the date once, the time of day by arithmetic.
  const sec = Math.floor(micros / 1_000_000);
  const day = Math.floor(sec / 86_400);
  if (day !== lastIsoDay) {
    lastIsoDay = day;
    lastIsoDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const tod = sec - day * 86_400;
  const us = Math.floor(micros - sec * 1_000_000);
  const h = Math.floor(tod / 3600);
  const m = Math.floor((tod % 3600) / 60);
  lastIsoMicros = micros;
  lastIso = `${lastIsoDate}${pad2(h)}:${pad2(m)}:${pad2(tod % 60)}.${String(us).padStart(6, '0')}Z`;
  return lastIso;
}

/** Per-parser time resolver: applies and records the zone rule for one file. */
export class LogTime {
  readonly #ctx: LogContext;
  #notedLocal = false;
  #notedStated = new Set<number>();

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
  }

  /** A wall time without a zone: the --timezone option, else UTC (recorded as an assumption). */
  local(wall: number): number {
    const zone = this.#ctx.timezone;
    if (!this.#notedLocal) {
      this.#notedLocal = true;
      this.#ctx.noteTime(zone ?? 'UTC', zone === null ? 'assumed-utc' : 'option');
    }
    // No wall time (a syslog "Feb 30"): no instant, rather than Intl throwing on an invalid date.
    if (zone === null || !Number.isFinite(wall)) return zone === null ? wall : Number.NaN;
    const ms = Math.floor(wall / 1000);
    return wallToUtcMs(ms, zone) * 1000 + (wall - ms * 1000);
  }

  /** A wall time with the offset the log states (minutes east of UTC). */
  stated(wall: number, offsetMinutes: number): number {
    if (!this.#notedStated.has(offsetMinutes) && this.#notedStated.size < 4) {
      this.#notedStated.add(offsetMinutes);
      this.#ctx.noteTime(offsetName(offsetMinutes), 'stated-in-log');
    }
    return wall - offsetMinutes * 60_000_000;
  }

  /** Resolves a parsed date-time by whichever rule applies. */
  resolve(t: ParsedDateTime): number {
    return t.offsetMinutes === null ? this.local(t.wallMicros) : this.stated(t.wallMicros, t.offsetMinutes);
  }

  /** Epoch values (Zeek ts, journald __REALTIME_TIMESTAMP) are UTC by definition. */
  epoch(micros: number): number {
    if (!this.#notedStated.has(0) && this.#notedStated.size < 4) {
      this.#notedStated.add(0);
      this.#ctx.noteTime('UTC', 'stated-in-log');
    }
    return micros;
  }
}

function offsetName(min: number): string {
  if (min === 0) return 'UTC';
  const a = Math.abs(min);
  return `UTC${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
