/**
 * The timestamp before an ASA message id, in the forms ASA and relays write:
 *   `Apr 29 2013 12:59:50:` (logging timestamp, with year), `Apr 15 2014 09:34:34 EDT:`, BSD `Apr 29 12:59:50`
 *   (no year, via a syslog relay), RFC 3339 / RFC 5424. A zone abbreviation other than UTC/GMT is ignored
 *   (abbreviations are ambiguous: IST, CST): the --timezone option applies.
 */
import type { LogContext } from './log-format.js';
import { type LogTime, wallMicros } from './log-time.js';
import { SyslogClock } from './syslog-header.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clocks = new WeakMap<LogTime, SyslogClock>();

export function readAsaTime(header: string, ctx: LogContext, time: LogTime): number {
  const tokens = header
    .replace(/\|/g, ' ')
    .split(' ')
    .filter((x) => x !== '');
  for (let i = 0; i + 3 < tokens.length + 1; i++) {
    const mon = MONTHS.indexOf((tokens[i] ?? '').replace(/^<\d+>/, ''));
    if (mon < 0) continue;
    const day = Number(tokens[i + 1]);
    const year = Number(tokens[i + 2]);
    if (!Number.isInteger(day) || !/^\d{4}$/.test(tokens[i + 2] ?? '')) break;
    const hms = (tokens[i + 3] ?? '').replace(/:$/, '').split(':').map(Number);
    if (hms.length !== 3 || hms.some((x) => !Number.isInteger(x))) break;
    const wall = wallMicros(year, mon + 1, day, hms[0] ?? 0, hms[1] ?? 0, hms[2] ?? 0, 0);
    if (Number.isNaN(wall)) return Number.NaN;
    const zone = (tokens[i + 4] ?? '').replace(/:$/, '');
    return zone === 'UTC' || zone === 'GMT' ? time.stated(wall, 0) : time.local(wall);
  }
  let clock = clocks.get(time);
  if (clock === undefined) {
    clock = new SyslogClock(ctx, time);
    clocks.set(time, clock);
  }
  return clock.read(header.trimStart()).micros;
}
