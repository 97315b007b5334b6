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
import { badLine, emitFlow, type FlowFields, type LogAddress, reusableFields } from './log-record.js';
import { LogTime, parseDateTime } from './log-time.js';
import { NetfilterBytes } from './netfilter-bytes.js';
import { SyslogClock } from './syslog-header.js';

const ID = 'netfilter';
const FLAG_WORDS = [
  ['FIN', 'F'],
  ['SYN', 'S'],
  ['RST', 'R'],
  ['PSH', 'P'],
  ['ACK', 'A'],
  ['URG', 'U'],
  ['ECE', 'E'],
  ['CWR', 'C'],
] as const;
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

/** The keys the parser reads; values of other keys are never needed, so never sliced. */
const KEYS = ['PROTO', 'SRC', 'DST', 'SPT', 'DPT', 'LEN', 'ID', 'FLOWLBL'] as const;
type Key = (typeof KEYS)[number];
const NONE: readonly number[] = [];
/** Indexes into KEYS by the key's first character code (ASCII). */
const KEYS_BY_FIRST: number[][] = [];
for (const [k, key] of KEYS.entries()) {
  const c = key.charCodeAt(0);
  const list = KEYS_BY_FIRST[c] ?? [];
  list.push(k);
  KEYS_BY_FIRST[c] = list;
}

/** Value bounds of each wanted key's first occurrence (-1 = absent) and the TCP flag words seen, as bits. */
class KeyScan {
  readonly start = new Int32Array(KEYS.length);
  readonly end = new Int32Array(KEYS.length);
  flags = '';
  text = '';

  get(key: Key): string | undefined {
    const k = KEYS.indexOf(key);
    const s = this.start[k] ?? -1;
    return s < 0 ? undefined : this.text.slice(s, this.end[k] ?? s);
  }
}

/**
 * KEY=value pairs and bare flag words from `at`, first occurrence wins, stopping at '['. Each token is looked
 * at once ('=' is searched inside the token only), so a hostile line costs O(length).
 */
function scanKeys(s: string, at: number, out: KeyScan): void {
  out.start.fill(-1);
  out.text = s;
  let words = 0;
  let i = at;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) break;
    let end = s.indexOf(' ', i);
    if (end < 0) end = n;
    let eq = i;
    while (eq < end && s.charCodeAt(eq) !== 61) eq++;
    if (eq > i && eq < end) {
      // Only the wanted keys that start with this token's letter are compared (most tokens: none).
      const candidates = KEYS_BY_FIRST[c] ?? NONE;
      for (let j = 0; j < candidates.length; j++) {
        const k = candidates[j] ?? 0;
        const key = KEYS[k] ?? '';
        if (eq - i === key.length && s.startsWith(key, i)) {
          if ((out.start[k] ?? 0) < 0) {
            out.start[k] = eq + 1;
            out.end[k] = end;
          }
          break;
        }
      }
    } else if (end - i === 3) {
      for (let k = 0; k < FLAG_WORDS.length; k++) if (s.startsWith(FLAG_WORDS[k]?.[0] ?? '', i)) words |= 1 << k;
    }
    i = end;
  }
  let flags = '';
  for (let k = 0; k < FLAG_WORDS.length; k++) if (words & (1 << k)) flags += FLAG_WORDS[k]?.[1] ?? '';
  out.flags = flags;
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
  readonly #keys = new KeyScan();
  readonly #bytes: NetfilterBytes;
  /** Reused for the records the byte reader emits at once (an AUDIT line's record is held: a fresh one). */
  readonly #fields = netfilterFields();

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#clock = new SyslogClock(ctx, this.#time);
    this.#bytes = new NetfilterBytes(this.#clock, actionOf);
  }

  bytes(buf: Buffer, start: number, end: number, lineNo: number): boolean {
    const reader = this.#bytes;
    if (!reader.read(buf, start, end)) return false;
    const action = reader.action(buf);
    if (action === null) return false;
    const l = reader.line;
    const audit = action === 'audit';
    const fields = audit ? netfilterFields() : this.#fields;
    const reply = l.reply;
    fields.proto = l.proto.proto;
    fields.ipProto = l.proto.ipProto;
    fields.client = reply ? l.dst : l.src;
    fields.clientPort = reply ? l.dport : l.sport;
    fields.server = reply ? l.src : l.dst;
    fields.serverPort = reply ? l.sport : l.dport;
    fields.firstMicros = l.micros;
    fields.packetsOut = reply ? null : 1;
    fields.bytesOut = reply ? null : l.bytes;
    fields.packetsIn = reply ? 1 : null;
    fields.bytesIn = reply ? l.bytes : null;
    fields.tcpFlags = l.flags;
    fields.endReason = action;
    fields.action = action;
    fields.line = lineNo;
    // The AUDIT pairing key, spelt as line() spells it; only built when a pairing can happen.
    const pending = this.#pendingAudit;
    if (pending === null && !audit) {
      this.#emit(fields);
      return true;
    }
    const idText = l.idStart < 0 ? '' : buf.toString('latin1', l.idStart, l.idEnd);
    const id = `${idText}|${addressText(l.src)}|${addressText(l.dst)}|${l.sport}|${l.dport}|${l.proto.ipProto}`;
    this.#settle(fields, id, action);
    return true;
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
    const kv = this.#keys;
    scanKeys(msg, inAt, kv);
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
    const flags = kv.flags;
    const reply = proto.proto === 'tcp' && flags.includes('S') && flags.includes('A');
    const len = Number(kv.get('LEN'));
    const bytes = Number.isSafeInteger(len) && len > 0 ? len : null;
    // The prefix is free text between the kernel tag / uptime and IN=; host names before it must not count.
    const action = actionOf(msg.slice(prefixStart(msg, inAt), inAt));
    // Built without object spread: a spread literal is slow to build and gives the store a slow object shape.
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
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
    this.#settle(fields, id, action);
  }

  /** An AUDIT line is held until the next line: the decision line for the same packet replaces it. */
  #settle(fields: FlowFields, id: string, action: string): void {
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

/** A record of the shape the byte reader emits, its values to be filled in. */
function netfilterFields(): FlowFields {
  return reusableFields(ID, { packetsIn: null, bytesIn: null, action: '' });
}

/** An address as line() spells it in the AUDIT pairing key: a packed IPv4 as its dotted quad. */
function addressText(a: LogAddress): string {
  return typeof a === 'string' ? a : `${Math.floor(a / 16777216)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
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
