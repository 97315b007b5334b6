/**
 * Timestamps at the front of syslog lines, in the variants firewall logs arrive in:
 *   BSD (RFC 3164 §4.1.2): `[<PRI>]Mmm dd HH:MM:SS host tag: msg`  — no year, no zone
 *   RFC 3339 (rsyslog high precision): `2025-11-30T00:15:57.717044-07:00 host tag: msg`
 *   RFC 5424 §6: `<PRI>1 2025-11-30T07:15:57.717Z host app procid msgid [sd] msg` (NILVALUE '-' allowed)
 * BSD times take the zone option (else UTC) and a year: the run's current year, or the year before when that
 * would put the line more than a day in the future (a December log read in January) — noted once per file.
 */
import type { LogContext } from './log-format.js';
import { type LogTime, parseDateTime, wallMicros } from './log-time.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MICROS = 86_400_000_000;

export interface SyslogStamp {
  /** UTC µs, or NaN when the line had no recognisable time. */
  micros: number;
  /** Index just after the timestamp (0 when none). */
  rest: number;
}

function num2(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** The month abbreviation at buf[at..at+3) (0 = Jan), or -1. */
function monthAt(buf: Uint8Array, at: number): number {
  for (let m = 0; m < 12; m++) {
    const name = MONTHS[m] ?? '';
    if (buf[at] === name.charCodeAt(0) && buf[at + 1] === name.charCodeAt(1) && buf[at + 2] === name.charCodeAt(2)) {
      return m;
    }
  }
  return -1;
}

function digitAt(buf: Uint8Array, at: number): number {
  const a = (buf[at] ?? 0) - 48;
  return a >= 0 && a <= 9 ? a : -1;
}

function twoAt(buf: Uint8Array, at: number): number {
  const a = digitAt(buf, at);
  const b = digitAt(buf, at + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Reads a leading syslog timestamp (any variant above); `yearNoted` tracks the once-per-file note. */
export class SyslogClock {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #year: number;
  #noted = false;
  /** The last stamp bsdBytes read (MMDDHHMMSS as a number, month from 0) and its answer. */
  #lastKey = -1;
  #lastMicros = Number.NaN;

  constructor(ctx: LogContext, time: LogTime) {
    this.#ctx = ctx;
    this.#time = time;
    this.#year = new Date(ctx.nowMs).getUTCFullYear();
  }

  /**
   * `read(line).micros` for a line in buf[s, e) that starts with a plain BSD stamp (`Mmm dd HH:MM:SS`, day
   * blank-padded or two digits, no fraction), by the same rule and with the same once-per-file note; NaN for
   * any other start (the caller declines the line and read() decides on the decoded text). Lines come in
   * time order: the last stamp's answer is reused while the stamp repeats.
   */
  bsdBytes(buf: Uint8Array, s: number, e: number): number {
    if (e - s < 16 || buf[s + 3] !== 32 || buf[s + 9] !== 58 || buf[s + 12] !== 58 || buf[s + 15] === 46) {
      return Number.NaN;
    }
    const mon = monthAt(buf, s);
    const day = buf[s + 4] === 32 ? digitAt(buf, s + 5) : twoAt(buf, s + 4);
    const h = twoAt(buf, s + 7);
    const mi = twoAt(buf, s + 10);
    const sec = twoAt(buf, s + 13);
    if (mon < 0 || day < 0 || h < 0 || mi < 0 || sec < 0) return Number.NaN;
    const key = (((mon * 100 + day) * 100 + h) * 100 + mi) * 100 + sec;
    if (key === this.#lastKey) return this.#lastMicros;
    let wall = wallMicros(this.#year, mon + 1, day, h, mi, sec, 0);
    if (wall - this.#ctx.nowMs * 1000 > DAY_MICROS || Number.isNaN(wall)) {
      wall = wallMicros(this.#year - 1, mon + 1, day, h, mi, sec, 0);
    }
    // No such day in either year (Feb 30): read() decides what that gives.
    if (Number.isNaN(wall)) return Number.NaN;
    this.#noteYear();
    const micros = this.#time.local(wall);
    this.#lastKey = key;
    this.#lastMicros = micros;
    return micros;
  }

  read(line: string): SyslogStamp {
    let i = 0;
    if (line.charCodeAt(0) === 60 /* < */) {
      const close = line.indexOf('>');
      if (close < 0 || close > 5) return { micros: Number.NaN, rest: 0 };
      i = close + 1;
      if (line.startsWith('1 ', i)) i += 2; // RFC 5424 VERSION
    }
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const t = parseDateTime(line, i);
      if (t === null) return { micros: Number.NaN, rest: 0 };
      const end = line.indexOf(' ', i);
      return { micros: this.#time.resolve(t), rest: end < 0 ? line.length : end + 1 };
    }
    const mon = MONTHS.indexOf(line.slice(i, i + 3));
    if (mon < 0 || line[i + 3] !== ' ') return { micros: Number.NaN, rest: 0 };
    const day = line[i + 4] === ' ' ? num2(`0${line[i + 5] ?? ''}`, 0) : num2(line, i + 4);
    const h = num2(line, i + 7);
    const mi = num2(line, i + 10);
    const s = num2(line, i + 13);
    if (day < 0 || h < 0 || mi < 0 || s < 0 || line[i + 9] !== ':' || line[i + 12] !== ':') {
      return { micros: Number.NaN, rest: 0 };
    }
    let j = i + 15;
    let us = 0;
    if (line[j] === '.') {
      // Some daemons add fractions to BSD stamps ("Jun  8 14:34:33.123").
      let scale = 100_000;
      j++;
      while (j < line.length && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) {
        if (scale >= 1) us += (line.charCodeAt(j) - 48) * scale;
        scale /= 10;
        j++;
      }
      us = Math.floor(us);
    }
    let wall = wallMicros(this.#year, mon + 1, day, h, mi, s, us);
    if (wall - this.#ctx.nowMs * 1000 > DAY_MICROS || Number.isNaN(wall)) {
      wall = wallMicros(this.#year - 1, mon + 1, day, h, mi, s, us);
    }
    this.#noteYear();
    return { micros: this.#time.local(wall), rest: line[j] === ' ' ? j + 1 : j };
  }

  #noteYear(): void {
    if (this.#noted) return;
    this.#noted = true;
    this.#ctx.anomalies.add('syslog-year-assumed', {
      file: this.#ctx.file,
      detail: `timestamps without a year: ${this.#year} assumed (the run's year; the year before for dates more than a day ahead)`,
    });
  }
}
