/**
 * ArcSight Common Event Format (CEF, "Implementing ArcSight CEF" rev. 25), from any vendor:
 *   [syslog header] CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|ext
 * Header fields escape '|' and '\' with '\'; the extension is key=value where values may contain spaces (a
 * value ends where the next ` key=` begins) and escape '=' and '\'. Keys used: src dst spt dpt proto in out
 * rt start end dhost act suser sproc spid requestClientApplication request requestMethod.
 * Byte keys as the vendors write them: `out` = bytes the source (the client) sent → bytesOut, `in` = bytes it
 * received → bytesIn. Fortinet's FortiOS Log Message Reference ("Traffic log support for CEF") shows the same
 * session as `sentbyte=3652 rcvdbyte=146668` on disk and `out=3652 in=146668` in CEF, and FortiSIEM's CEF key
 * mapping writes sentBytes as `out`, recvBytes as `in`. (The ArcSight guide's wording of `in`, "inbound relative
 * to the source to destination relationship", reads the other way round; the logs follow the vendors.)
 * Times: rt/start/end as epoch milliseconds or "MMM dd yyyy HH:mm:ss[.SSS] [zone]"; else the syslog header.
 */

import { epochToMicros } from './key-value.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields, logName } from './log-record.js';
import { LogTime, wallMicros } from './log-time.js';
import { SyslogClock } from './syslog-header.js';

const ID = 'cef';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const isKeyChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;

/** CEF extension → map (first occurrence wins), unescaping \= \\ \n \r. */
export function parseCefExtension(s: string): Map<string, string> {
  const eqs: { keyStart: number; eq: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 61 || s.charCodeAt(i - 1) === 92) continue;
    let k = i - 1;
    while (k >= 0 && isKeyChar(s.charCodeAt(k))) k--;
    if (k < i - 1 && (k < 0 || s.charCodeAt(k) === 32)) eqs.push({ keyStart: k + 1, eq: i });
    if (eqs.length > 500) break;
  }
  const out = new Map<string, string>();
  for (let j = 0; j < eqs.length; j++) {
    const cur = eqs[j];
    if (cur === undefined) continue;
    const next = eqs[j + 1];
    const raw = s.slice(cur.eq + 1, next === undefined ? s.length : next.keyStart).trim();
    const key = s.slice(cur.keyStart, cur.eq);
    if (!out.has(key)) {
      out.set(
        key,
        raw.replace(/\\([=\\nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c)),
      );
    }
  }
  return out;
}

/** Splits the 7 header fields (escaped pipes kept) and returns them with the extension text. */
export function splitCef(s: string): { header: string[]; ext: string } | null {
  const at = s.indexOf('CEF:');
  // Some collectors strip the "CEF:" prefix and keep "0|Vendor|...".
  const bare = at < 0 && (s.startsWith('0|') || s.startsWith('1|'));
  if (at < 0 && !bare) return null;
  const header: string[] = [];
  let cur = '';
  let i = bare ? 0 : at + 4;
  for (; i < s.length && header.length < 7; i++) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '|' || s[i + 1] === '\\')) {
      cur += s[i + 1];
      i++;
    } else if (c === '|') {
      header.push(cur);
      cur = '';
    } else cur += c;
  }
  return header.length === 7 ? { header, ext: s.slice(i) } : null;
}

class CefParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #clock: SyslogClock;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#clock = new SyslogClock(ctx, this.#time);
  }

  #cefTime(v: string | undefined): number {
    if (v === undefined || v === '') return Number.NaN;
    const epoch = epochToMicros(v);
    if (!Number.isNaN(epoch)) return this.#time.epoch(epoch);
    // "MMM dd yyyy HH:mm:ss[.SSS] [zone]"
    const p = v.split(' ');
    const mon = MONTHS.indexOf(p[0] ?? '');
    const hms = (p[3] ?? '').split(/[:.]/).map(Number);
    if (mon < 0 || hms.length < 3 || hms.some((x) => !Number.isInteger(x))) return Number.NaN;
    const wall = wallMicros(
      Number(p[2]),
      mon + 1,
      Number(p[1]),
      hms[0] ?? 0,
      hms[1] ?? 0,
      hms[2] ?? 0,
      (hms[3] ?? 0) * 1000,
    );
    if (Number.isNaN(wall)) return Number.NaN;
    return p[4] === 'UTC' || p[4] === 'GMT' || p[4] === 'Z' ? this.#time.stated(wall, 0) : this.#time.local(wall);
  }

  line(text: string, lineNo: number): void {
    const cef = splitCef(text);
    if (cef === null) {
      if (text.trim() !== '') badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'no CEF header');
      return;
    }
    const kv = parseCefExtension(cef.ext);
    if (!kv.has('src') || !kv.has('dst')) {
      this.#ctx.anomalies.add(`${ID}-not-a-flow-event`);
      return;
    }
    let micros = this.#cefTime(kv.get('start') ?? kv.get('rt'));
    if (Number.isNaN(micros)) micros = this.#clock.read(text).micros;
    const end = this.#cefTime(kv.get('end'));
    const proto = parseProto(kv.get('proto') ?? '') ?? (kv.has('spt') ? null : { proto: 'other' as const, ipProto: 0 });
    const src = normalizeAddress(kv.get('src') ?? '');
    const dst = normalizeAddress(kv.get('dst') ?? '');
    const sport = parsePort(kv.get('spt'));
    const dport = parsePort(kv.get('dpt'));
    if (Number.isNaN(micros) || proto === null || src === null || dst === null || sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad time, protocol, address or port');
      return;
    }
    const action = (kv.get('act') ?? cef.header[5] ?? 'log').toLowerCase();
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: src,
      clientPort: sport,
      server: dst,
      serverPort: dport,
      firstMicros: micros,
      bytesOut: count(kv.get('out')),
      bytesIn: count(kv.get('in')),
      endReason: action,
      action,
      line: lineNo,
      format: ID,
    };
    if (!Number.isNaN(end)) fields.lastMicros = end;
    const names = [];
    const dhost = kv.get('dhost');
    const n = dhost === undefined || normalizeAddress(dhost) !== null ? null : logName(dhost, 'dns', lineNo);
    if (n !== null) names.push(n);
    if (names.length > 0) fields.names = names;
    const process: { image?: string; pid?: number; user?: string } = {};
    const image = kv.get('sproc') ?? kv.get('requestClientApplication');
    const pid = count(kv.get('spid'));
    const user = kv.get('suser');
    if (image) process.image = image;
    if (pid !== null) process.pid = pid;
    if (user) process.user = user;
    if (Object.keys(process).length > 0) fields.process = process;
    emitFlow(this.#ctx, fields);
  }

  end(): void {}
}

export const cefFormat: LogFormat = {
  id: ID,
  description: 'ArcSight CEF (any vendor; src/dst/spt/dpt/proto/in/out/rt)',
  sniff(head) {
    return head.some((l) => {
      const c = splitCef(l);
      return c !== null && c.header[0] !== undefined && /^\d+$/.test(c.header[0]);
    });
  },
  createParser: (ctx) => new CefParser(ctx),
};
