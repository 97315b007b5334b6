/**
 * Windows Defender Firewall log (pfirewall.log, W3C extended-log-like; "Windows Firewall with Advanced
 * Security: logging"). Header block, repeated after restarts:
 *
 *   #Version: 1.5
 *   #Software: Microsoft Windows Firewall
 *   #Time Format: Local
 *   #Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin
 *            icmptype icmpcode info path [pid]
 *
 * Space separated, '-' = empty, one line per connection attempt (ALLOW/DROP) or, on XP-era ICF, OPEN/CLOSE.
 * `path` SEND = this host opened it (local is the client), RECEIVE = a peer did; either way src is the
 * initiator, so client = src. `size` is one packet's size (0 on ALLOW lines): only a non-zero size is kept.
 * Header-less files use the standard order; some exports drop the empty columns per line, so when the token
 * count does not fit, the path keyword is located and pid/size/ports are taken around it.
 */

import { isWord, newBounds, plainCount, plainPort, splitBounds } from './field-walk.js';
import { addressAt, normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields, orderFlags } from './log-record.js';
import { LogTime, parseDateTime, wallMicros } from './log-time.js';

const ID = 'windows-firewall';
const STANDARD_FIELDS =
  'date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid'.split(
    ' ',
  );
const ACTIONS = new Set(['ALLOW', 'DROP', 'OPEN', 'CLOSE', 'OPEN-INBOUND', 'INFO-EVENTS-LOST']);
const PATHS = new Set(['SEND', 'RECEIVE', 'FORWARD']);
const TCP = { proto: 'tcp', ipProto: 6 } as const;
const UDP = { proto: 'udp', ipProto: 17 } as const;
const ICMP = { proto: 'icmp', ipProto: 1 } as const;

const NEEDED = [
  'date',
  'time',
  'action',
  'protocol',
  'src-ip',
  'dst-ip',
  'src-port',
  'dst-port',
  'size',
  'tcpflags',
  'info',
  'path',
  'pid',
] as const;

function emptyIndex(): Record<(typeof NEEDED)[number], number> {
  const ix = {} as Record<(typeof NEEDED)[number], number>;
  for (const n of NEEDED) ix[n] = -1;
  return ix;
}

function looksLikeDataLine(line: string): boolean {
  const p = line.split(' ', 4);
  return p.length >= 3 && parseDateTime(`${p[0] ?? ''} ${p[1] ?? ''}`) !== null && ACTIONS.has(p[2] ?? '');
}

class WindowsFirewallParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  #fields = new Map<string, number>();
  /** Column index per field name, resolved once per #Fields line (a Map lookup per field per line is slow). */
  #ix: Record<(typeof NEEDED)[number], number> = emptyIndex();
  #fieldCount = STANDARD_FIELDS.length;
  readonly #bounds = newBounds();
  #utc = false;
  /** The last stamp: as text when #micros read it, as #stampMicros's number when that read it. */
  #lastStamp = '';
  #lastKey = Number.NaN;
  #lastMicros = Number.NaN;
  /** The day of the last stamp #stampMicros read (YYYYMMDD, -1 = none) and its midnight as wall µs. */
  #dayKey = -1;
  #dayWall = Number.NaN;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#setFields(STANDARD_FIELDS);
  }

  #setFields(names: string[]): void {
    this.#fields = new Map(names.map((n, i) => [n, i]));
    this.#fieldCount = names.length;
    const ix = emptyIndex();
    for (const n of NEEDED) ix[n] = this.#fields.get(n) ?? -1;
    this.#ix = ix;
  }

  line(text: string, lineNo: number): void {
    if (text.length === 0) return;
    if (text.charCodeAt(0) === 35 /* # */) {
      if (text.startsWith('#Fields:')) this.#setFields(text.slice(8).trim().split(/ +/));
      else if (text.startsWith('#Time Format:')) {
        this.#utc = text.slice(13).trim().toUpperCase() === 'UTC';
        // A remembered stamp was read under the old zone rule: the same stamp text must be read again.
        this.#lastStamp = '';
        this.#lastKey = Number.NaN;
      }
      return;
    }
    if (!this.#fast(text, lineNo)) this.#general(text, lineNo);
  }

  /**
   * The common line (ALLOW/DROP, TCP/UDP/ICMP, every column where #Fields says, plain numbers) read by
   * walking the token boundaries: no split array, no substrings but the two addresses. Returns false, having
   * done nothing, for anything else; #general then decides exactly as it always did.
   */
  #fast(text: string, lineNo: number): boolean {
    const last = text.charCodeAt(text.length - 1);
    if (last === 32 || last === 9) return false;
    const b = this.#bounds;
    const n = splitBounds(text, ' ', b);
    const ix = this.#ix;
    if (n !== this.#fieldCount || ix.time !== ix.date + 1 || ix.action < 0 || ix['src-ip'] < 0 || ix['dst-ip'] < 0) {
      return false;
    }
    const at = (k: number) => b[2 * k] ?? 0;
    const to = (k: number) => b[2 * k + 1] ?? 0;
    const a = ix.action;
    const allow = isWord(text, at(a), to(a), 'ALLOW');
    if (!allow && !isWord(text, at(a), to(a), 'DROP')) return false;
    const p = ix.protocol;
    const pro =
      p < 0
        ? null
        : isWord(text, at(p), to(p), 'TCP')
          ? TCP
          : isWord(text, at(p), to(p), 'UDP')
            ? UDP
            : isWord(text, at(p), to(p), 'ICMP')
              ? ICMP
              : null;
    if (pro === null) return false;
    const micros = this.#stampMicros(text, at(ix.date), to(ix.time));
    if (Number.isNaN(micros)) return false;
    const sport = ix['src-port'] < 0 ? -1 : plainPort(text, at(ix['src-port']), to(ix['src-port']));
    const dport = ix['dst-port'] < 0 ? -1 : plainPort(text, at(ix['dst-port']), to(ix['dst-port']));
    const size = ix.size < 0 ? -1 : plainCount(text, at(ix.size), to(ix.size));
    const pid = ix.pid < 0 ? -1 : plainCount(text, at(ix.pid), to(ix.pid));
    if (sport < -1 || dport < -1 || size < -1 || pid < -1) return false;
    const src = addressAt(text, at(ix['src-ip']), to(ix['src-ip']));
    const dst = addressAt(text, at(ix['dst-ip']), to(ix['dst-ip']));
    if (src === null || dst === null) return false;
    const f = ix.tcpflags;
    const flagsDash = f < 0 || isWord(text, at(f), to(f), '-');
    const act = allow ? 'allow' : 'drop';
    const fields: FlowFields = {
      proto: pro.proto,
      ipProto: pro.ipProto,
      client: src,
      clientPort: Math.max(sport, 0),
      server: dst,
      serverPort: Math.max(dport, 0),
      firstMicros: micros,
      packetsOut: size > 0 ? 1 : null,
      bytesOut: size > 0 ? size : null,
      tcpFlags: pro === TCP && !flagsDash ? orderFlags(text.slice(at(f), to(f))) : '',
      endReason: act,
      action: act,
      line: lineNo,
      format: ID,
    };
    if (pid >= 0) fields.pid = pid;
    emitFlow(this.#ctx, fields);
    return true;
  }

  /**
   * #micros over text[s, e) ("date time"). A stamp "YYYY-MM-DD HH:MM:SS" of a valid day and time of day is read
   * by arithmetic: the day's wall time (parseDateTime and wallMicros give exactly that; Date.UTC is linear
   * within a day) plus the time of day. Its six numbers identify its text, so the last stamp is remembered as
   * one number instead of a substring compared with startsWith (which cost more than the arithmetic). The cache
   * behaves as the text cache did: any other stamp goes through #micros and makes the number unusable.
   */
  #stampMicros(text: string, s: number, e: number): number {
    if (e - s === 19 && text.charCodeAt(s + 10) === 32) {
      const clock = clockKey(text, s + 11);
      const day = clock < 0 ? -1 : dayKey(text, s);
      if (day >= 0) {
        if (day !== this.#dayKey) {
          this.#dayKey = day;
          this.#dayWall = wallMicros(Math.floor(day / 10_000), Math.floor(day / 100) % 100, day % 100, 0, 0, 0, 0);
        }
        if (!Number.isNaN(this.#dayWall)) {
          // YYYYMMDDHHMMSS: below 2^53, so exact.
          const key = day * 1_000_000 + clock;
          if (key === this.#lastKey) return this.#lastMicros;
          const wall = this.#dayWall + clockMicros(clock);
          const micros = this.#utc ? this.#time.stated(wall, 0) : this.#time.local(wall);
          this.#lastKey = key;
          this.#lastStamp = '';
          this.#lastMicros = micros;
          return micros;
        }
      }
    }
    const sp = text.indexOf(' ', s);
    return this.#micros(text.slice(s, sp), text.slice(sp + 1, e));
  }

  #general(text: string, lineNo: number): void {
    // trimEnd copies the string: only pay for it when the line really ends in blanks (a doc sample does).
    const last = text.charCodeAt(text.length - 1);
    const t = (last === 32 || last === 9 ? text.trimEnd() : text).split(' ');
    const ix = this.#ix;
    const action = t[ix.action] ?? '-';
    if (!ACTIONS.has(action)) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'unknown action');
      return;
    }
    if (action === 'INFO-EVENTS-LOST') {
      this.#ctx.anomalies.add(`${ID}-events-lost`, {
        file: this.#ctx.file,
        line: lineNo,
        detail: `lost: ${t[ix.info] ?? '-'}`,
      });
      return;
    }
    const micros = this.#micros(t[ix.date] ?? '-', t[ix.time] ?? '-');
    const proto = parseProto(t[ix.protocol] ?? '-');
    const src = normalizeAddress(t[ix['src-ip']] ?? '-');
    const dst = normalizeAddress(t[ix['dst-ip']] ?? '-');
    if (Number.isNaN(micros) || proto === null || src === null || dst === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad time, protocol or address');
      return;
    }
    let sport = parsePort(t[ix['src-port']] ?? '-');
    let dport = parsePort(t[ix['dst-port']] ?? '-');
    let size = t[ix.size] ?? '-';
    let pid = t[ix.pid] ?? '-';
    let flags = t[ix.tcpflags] ?? '-';
    const pathAt = lastPathIndex(t);
    if (t.length !== this.#fieldCount && pathAt >= 0 && pathAt !== ix.path) {
      // Collapsed columns: date time action proto src dst [sport dport] [size] ... path [pid]
      pid = t[pathAt + 1] ?? '-';
      const hasPorts = proto.proto === 'tcp' || proto.proto === 'udp';
      sport = hasPorts ? parsePort(t[6]) : 0;
      dport = hasPorts ? parsePort(t[7]) : 0;
      size = pathAt > 8 ? (t[8] ?? '-') : '-';
      flags = '-';
    }
    if (sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad port');
      return;
    }
    const bytes = count(size);
    const pidNum = count(pid);
    // Built without object spread: spreads in this per-line literal cost ~30 µs/line in V8 (measured).
    const act = action === 'ALLOW' ? 'allow' : action === 'DROP' ? 'drop' : action.toLowerCase();
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: src,
      clientPort: sport,
      server: dst,
      serverPort: dport,
      firstMicros: micros,
      packetsOut: bytes !== null && bytes > 0 ? 1 : null,
      bytesOut: bytes !== null && bytes > 0 ? bytes : null,
      tcpFlags: proto.proto === 'tcp' && flags !== '-' ? orderFlags(flags) : '',
      endReason: act,
      action: act,
      line: lineNo,
      format: ID,
    };
    if (pidNum !== null) fields.pid = pidNum;
    emitFlow(this.#ctx, fields);
  }

  #micros(date: string, time: string): number {
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

  end(): void {}
}

/**
 * `YYYY-MM-DD` at `at` as the number YYYYMMDD (not checked as a date: wallMicros does that), or -1 when it is
 * not four, two and two digits joined by '-' (what parseDateTime would refuse before looking at the values).
 */
function dayKey(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return -1;
  const y1 = two(text, at);
  const y2 = two(text, at + 2);
  const mo = two(text, at + 5);
  const d = two(text, at + 8);
  return y1 < 0 || y2 < 0 || mo < 0 || d < 0 ? -1 : (y1 * 100 + y2) * 10_000 + mo * 100 + d;
}

/** `HH:MM:SS` at `at` as the number HHMMSS (hours to 23, minutes to 59, seconds to 60), or -1. */
function clockKey(text: string, at: number): number {
  if (text.charCodeAt(at + 2) !== 58 || text.charCodeAt(at + 5) !== 58) return -1;
  const h = two(text, at);
  const m = two(text, at + 3);
  const sec = two(text, at + 6);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
  return h * 10_000 + m * 100 + sec;
}

/** A clockKey as µs since midnight (second 60 counts as 59, as wallMicros does). */
function clockMicros(clock: number): number {
  const sec = clock % 100;
  return (Math.floor(clock / 10_000) * 3600 + (Math.floor(clock / 100) % 100) * 60 + Math.min(sec, 59)) * 1_000_000;
}

function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function lastPathIndex(t: string[]): number {
  for (let i = t.length - 1; i >= 6; i--) if (PATHS.has(t[i] ?? '')) return i;
  return -1;
}

export const windowsFirewallFormat: LogFormat = {
  id: ID,
  description: 'Windows Defender Firewall log (pfirewall.log)',
  sniff(head) {
    for (const line of head) {
      if (line.startsWith('#Software: Microsoft Windows Firewall')) return true;
      if (line.startsWith('#Fields: date time action protocol src-ip dst-ip')) return true;
      if (!line.startsWith('#')) return looksLikeDataLine(line);
    }
    return false;
  },
  createParser: (ctx) => new WindowsFirewallParser(ctx),
};
