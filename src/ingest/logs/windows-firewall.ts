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
import { LogTime, parseDateTime } from './log-time.js';
import { FIREWALL_COLUMNS, FIREWALL_ID, FirewallBytes, type FirewallIndex } from './windows-firewall-bytes.js';
import { FirewallClock } from './windows-firewall-time.js';

const ID = FIREWALL_ID;
const STANDARD_FIELDS =
  'date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid'.split(
    ' ',
  );
const ACTIONS = new Set(['ALLOW', 'DROP', 'OPEN', 'CLOSE', 'OPEN-INBOUND', 'INFO-EVENTS-LOST']);
const PATHS = new Set(['SEND', 'RECEIVE', 'FORWARD']);
const TCP = { proto: 'tcp', ipProto: 6 } as const;
const UDP = { proto: 'udp', ipProto: 17 } as const;
const ICMP = { proto: 'icmp', ipProto: 1 } as const;

function emptyIndex(): FirewallIndex {
  const ix = {} as FirewallIndex;
  for (const n of FIREWALL_COLUMNS) ix[n] = -1;
  return ix;
}

function looksLikeDataLine(line: string): boolean {
  const p = line.split(' ', 4);
  return p.length >= 3 && parseDateTime(`${p[0] ?? ''} ${p[1] ?? ''}`) !== null && ACTIONS.has(p[2] ?? '');
}

class WindowsFirewallParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #clock: FirewallClock;
  #fields = new Map<string, number>();
  /** Column index per field name, resolved once per #Fields line (a Map lookup per field per line is slow). */
  #ix: FirewallIndex = emptyIndex();
  #fieldCount = STANDARD_FIELDS.length;
  readonly #bounds = newBounds();
  readonly #bytes: FirewallBytes;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#clock = new FirewallClock(new LogTime(ctx));
    this.#bytes = new FirewallBytes(ctx, this.#clock);
    this.#setFields(STANDARD_FIELDS);
  }

  #setFields(names: string[]): void {
    this.#fields = new Map(names.map((n, i) => [n, i]));
    this.#fieldCount = names.length;
    const ix = emptyIndex();
    for (const n of FIREWALL_COLUMNS) ix[n] = this.#fields.get(n) ?? -1;
    this.#ix = ix;
    this.#bytes.columns(ix, names.length);
  }

  bytes(buf: Buffer, start: number, end: number, lineNo: number): boolean {
    return this.#bytes.line(buf, start, end, lineNo);
  }

  line(text: string, lineNo: number): void {
    if (text.length === 0) return;
    if (text.charCodeAt(0) === 35 /* # */) {
      if (text.startsWith('#Fields:')) this.#setFields(text.slice(8).trim().split(/ +/));
      else if (text.startsWith('#Time Format:')) {
        this.#clock.setUtc(text.slice(13).trim().toUpperCase() === 'UTC');
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
    const micros = this.#clock.text(text, at(ix.date), to(ix.time));
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
    const micros = this.#clock.parts(t[ix.date] ?? '-', t[ix.time] ?? '-');
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

  end(): void {}
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
