/**
 * Linux netfilter LOG / NFLOG target lines (iptables, ip6tables, nftables `log`, UFW, Proxmox, UniFi), in
 * classic syslog, RFC 3339/5424 syslog, Proxmox firewall logs or journald JSON (`journalctl -o json`):
 *
 *   <header> kernel: [uptime] <PREFIX>IN=<if> OUT=<if> [MAC=..] SRC=<ip> DST=<ip> LEN=<ip length> ...
 *       PROTO=<TCP|UDP|ICMP|ICMPv6|n> [SPT= DPT=] [WINDOW= RES= SYN ACK FIN RST PSH URGP=]
 *
 * Each line is ONE PACKET (net/netfilter/nf_log_syslog.c): packetsOut 1, bytesOut = IP LEN. Keys are taken at
 * their first occurrence only, and scanning stops at '[' because ICMP errors embed the offending packet in
 * brackets with its own SRC=/DST=. A SYN-ACK is the server's reply, so its SRC is the server. UFW AUDIT lines
 * followed by the decision line for the same packet (same ID) count once, with the decision.
 */

import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, emitFlow, type FlowFields } from './log-record.js';
import { LogTime, parseDateTime } from './log-time.js';
import { SyslogClock } from './syslog-header.js';

const ID = 'netfilter';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Index of the `IN=` key (not PHYSIN=), or -1. */
function inKeyAt(s: string): number {
  let i = s.indexOf('IN=');
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c === 32 || c === 58 || c === 93) return i; // ' ' ':' ']'
    i = s.indexOf('IN=', i + 3);
  }
  return i;
}

/** KEY=value pairs and bare flag words from `at`, first occurrence wins, stopping at '['. */
function scanKeys(s: string, at: number): { kv: Map<string, string>; words: Set<string> } {
  const kv = new Map<string, string>();
  const words = new Set<string>();
  let i = at;
  while (i < s.length) {
    if (s.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (s.charCodeAt(i) === 91 /* [ */) break;
    let end = s.indexOf(' ', i);
    if (end < 0) end = s.length;
    const eq = s.indexOf('=', i);
    if (eq > i && eq < end) {
      const key = s.slice(i, eq);
      if (!kv.has(key)) kv.set(key, s.slice(eq + 1, end));
    } else words.add(s.slice(i, end));
    i = end;
  }
  return { kv, words };
}

/** Start of the LOG prefix: after `kernel: ` and the `[uptime] ` stamp when present, else the line start. */
function prefixStart(msg: string, inAt: number): number {
  const kernel = msg.indexOf('kernel: ');
  if (kernel < 0 || kernel > inAt) return 0;
  let i = kernel + 8;
  if (msg[i] === '[') {
    const close = msg.indexOf('] ', i);
    if (close > 0 && close < inAt && /^[\d. ]+$/.test(msg.slice(i + 1, close))) i = close + 2;
  }
  return i;
}

function actionOf(prefix: string): string {
  const p = prefix.toUpperCase();
  if (p.includes('AUDIT')) return 'audit';
  if (p.includes('REJECT') || p.includes('-R-')) return 'reject';
  if (p.includes('BLOCK') || p.includes('DROP') || p.includes('DENY') || p.includes('-D-')) return 'drop';
  if (p.includes('ALLOW') || p.includes('ACCEPT') || p.includes('PASS') || p.includes('-A-')) return 'allow';
  return 'log';
}

/** Proxmox firewall log time: `20/Jun/2022:13:09:14 +0200` among the first tokens. */
function clfTime(line: string, time: LogTime): number {
  const slash = line.indexOf('/');
  if (slash < 2 || slash > 40) return Number.NaN;
  const at = slash - 2;
  const mon = MONTHS.indexOf(line.slice(at + 3, at + 6));
  if (mon < 0 || line[at + 6] !== '/' || line[at + 11] !== ':') return Number.NaN;
  const iso = `${line.slice(at + 7, at + 11)}-${String(mon + 1).padStart(2, '0')}-${line.slice(at, at + 2)}T${line.slice(at + 12, at + 20)}${line[at + 20] === ' ' ? line.slice(at + 21, at + 26) : ''}`;
  const t = parseDateTime(iso);
  return t === null ? Number.NaN : time.resolve(t);
}

class NetfilterParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #clock: SyslogClock;
  #pendingAudit: { fields: FlowFields; id: string } | null = null;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#clock = new SyslogClock(ctx, this.#time);
  }

  line(text: string, lineNo: number): void {
    let msg = text;
    let micros = Number.NaN;
    if (text.charCodeAt(0) === 123 /* { */) {
      const j = parseJournal(text);
      if (j === null) {
        badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'not journald JSON');
        return;
      }
      msg = j.message;
      micros = this.#time.epoch(j.micros);
    }
    const inAt = inKeyAt(msg);
    if (inAt < 0 || !msg.includes('SRC=')) {
      this.#ctx.anomalies.add(`${ID}-other-line`);
      return;
    }
    if (Number.isNaN(micros)) {
      micros = this.#clock.read(msg).micros;
      if (Number.isNaN(micros)) micros = clfTime(msg.slice(0, inAt), this.#time);
    }
    if (Number.isNaN(micros)) {
      badLine(this.#ctx, `${ID}-no-time`, lineNo, text);
      return;
    }
    const { kv, words } = scanKeys(msg, inAt);
    const proto = parseProto(kv.get('PROTO') ?? '');
    const src = normalizeAddress(kv.get('SRC') ?? '');
    const dst = normalizeAddress(kv.get('DST') ?? '');
    if (proto === null || src === null || dst === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad SRC, DST or PROTO');
      return;
    }
    const sport = parsePort(kv.get('SPT'));
    const dport = parsePort(kv.get('DPT'));
    if (sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad port');
      return;
    }
    let flags = '';
    for (const [w, f] of [
      ['FIN', 'F'],
      ['SYN', 'S'],
      ['RST', 'R'],
      ['PSH', 'P'],
      ['ACK', 'A'],
      ['URG', 'U'],
      ['ECE', 'E'],
      ['CWR', 'C'],
    ] as const) {
      if (words.has(w)) flags += f;
    }
    const reply = proto.proto === 'tcp' && flags.includes('S') && flags.includes('A');
    const len = Number(kv.get('LEN'));
    const bytes = Number.isSafeInteger(len) && len > 0 ? len : null;
    // The prefix is free text between the kernel tag / uptime and IN=; host names before it must not count.
    const action = actionOf(msg.slice(prefixStart(msg, inAt), inAt));
    const fields: FlowFields = {
      ...proto,
      client: reply ? dst : src,
      clientPort: reply ? dport : sport,
      server: reply ? src : dst,
      serverPort: reply ? sport : dport,
      firstMicros: micros,
      packetsOut: reply ? null : 1,
      bytesOut: reply ? null : bytes,
      packetsIn: reply ? 1 : null,
      bytesIn: reply ? bytes : null,
      tcpFlags: flags,
      endReason: action,
      action,
      line: lineNo,
      format: ID,
    };
    const id = `${kv.get('ID') ?? kv.get('FLOWLBL') ?? ''}|${src}|${dst}|${sport}|${dport}|${proto.ipProto}`;
    const pending = this.#pendingAudit;
    this.#pendingAudit = null;
    if (pending !== null && !(pending.id === id && action !== 'audit')) this.#emit(pending.fields);
    if (action === 'audit') this.#pendingAudit = { fields, id };
    else this.#emit(fields);
  }

  #emit(f: FlowFields): void {
    if (!emitFlow(this.#ctx, f)) badLine(this.#ctx, `${ID}-bad-line`, f.line, '', 'implausible time');
  }

  end(): void {
    if (this.#pendingAudit !== null) this.#emit(this.#pendingAudit.fields);
    this.#pendingAudit = null;
  }
}

function parseJournal(text: string): { message: string; micros: number } | null {
  try {
    const o: unknown = JSON.parse(text);
    if (typeof o !== 'object' || o === null) return null;
    const rec = o as Record<string, unknown>;
    const m = rec.MESSAGE;
    const t = Number(rec.__REALTIME_TIMESTAMP);
    if (typeof m !== 'string' || !Number.isSafeInteger(t)) return null;
    return { message: m, micros: t };
  } catch {
    return null;
  }
}

export const netfilterFormat: LogFormat = {
  id: ID,
  description: 'Linux netfilter LOG lines (iptables/ip6tables/nftables/UFW) in syslog or journald JSON',
  sniff(head) {
    let hits = 0;
    for (const line of head) {
      if (inKeyAt(line) >= 0 && line.includes(' SRC=') && line.includes(' DST=') && line.includes('PROTO=')) hits++;
    }
    return hits > 0;
  },
  createParser: (ctx) => new NetfilterParser(ctx),
};
