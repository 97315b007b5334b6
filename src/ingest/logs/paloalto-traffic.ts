/**
 * Palo Alto PAN-OS TRAFFIC logs, syslog CSV with positional fields (PAN-OS "Traffic Log Fields", 8.x-11.x;
 * later versions only append columns). 0-based positions used here:
 *    1 receive time   3 type (TRAFFIC)  4 subtype (start|end|drop|deny)  6 generated time
 *    7 src  8 dst  12 src user  14 application  24 src port  25 dst port  29 protocol  30 action
 *   32 bytes sent  33 bytes received  35 start time  36 elapsed s  44 packets sent  45 packets received
 *   46 session end reason
 * Times are device-local without a zone ("2023/06/16 10:41:44", older "9/16/19 10:00"): zone option or UTC.
 * Columns are validated by type, because edited/shifted rows exist; a bad start time falls back to the
 * generated time. Quoted fields may contain commas.
 */

import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields } from './log-record.js';
import { LogTime, wallMicros } from './log-time.js';

const ID = 'paloalto-traffic';

/** Splits one CSV record (RFC 4180 quotes), bounded to `max` fields. */
export function splitCsv(s: string, max = 256): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= s.length && out.length < max) {
    if (s.charCodeAt(i) === 34) {
      let v = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          v += s.slice(i);
          i = s.length;
          break;
        }
        v += s.slice(i, q);
        if (s.charCodeAt(q + 1) === 34) {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i = s.indexOf(',', i) < 0 ? s.length + 1 : s.indexOf(',', i) + 1;
    } else {
      const c = s.indexOf(',', i);
      const end = c < 0 ? s.length : c;
      out.push(s.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** "2023/06/16 10:41:44" or "9/16/19 10:00[:ss]" → wall µs, or NaN. */
export function panTime(raw: string | undefined): number {
  if (raw === undefined) return Number.NaN;
  const [d, t] = raw.trim().split(' ');
  const dp = (d ?? '').split('/').map(Number);
  const tp = (t ?? '').split(':').map(Number);
  if (dp.length !== 3 || tp.length < 2 || dp.some((x) => !Number.isInteger(x)) || tp.some((x) => !Number.isInteger(x)))
    return Number.NaN;
  const [a = 0, b = 0, c = 0] = dp;
  const [h = 0, mi = 0, s = 0] = tp;
  // YYYY/MM/DD, or US M/D/YY (two-digit years are 20YY).
  return a > 999 ? wallMicros(a, b, c, h, mi, s, 0) : wallMicros(c < 100 ? 2000 + c : c, a, b, h, mi, s, 0);
}

/** Start of the CSV: after a syslog header, i.e. the last space before the first comma. */
function csvStart(line: string): number {
  const comma = line.indexOf(',');
  if (comma < 0) return -1;
  return line.lastIndexOf(' ', comma) + 1;
}

class PanTrafficParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  line(text: string, lineNo: number): void {
    const at = csvStart(text);
    if (at < 0) return;
    const f = splitCsv(text.slice(at));
    if (f[3] !== 'TRAFFIC') {
      this.#ctx.anomalies.add(`${ID}-not-traffic`);
      return;
    }
    const proto = parseProto(f[29] ?? '');
    const src = normalizeAddress(f[7] ?? '');
    const dst = normalizeAddress(f[8] ?? '');
    const sport = parsePort(f[24]);
    const dport = parsePort(f[25]);
    let start = panTime(f[35]);
    if (Number.isNaN(start)) start = panTime(f[6]);
    if (Number.isNaN(start) || proto === null || src === null || dst === null || sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad time, protocol, address or port');
      return;
    }
    const first = this.#time.local(start);
    const elapsed = count(f[36]);
    const action = f[30] || 'log';
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: src,
      clientPort: sport,
      server: dst,
      serverPort: dport,
      firstMicros: first,
      lastMicros: first + (elapsed ?? 0) * 1_000_000,
      packetsOut: count(f[44]),
      packetsIn: count(f[45]),
      bytesOut: count(f[32]),
      bytesIn: count(f[33]),
      endReason: f[46] || action,
      action,
      line: lineNo,
      format: ID,
    };
    const user = f[12];
    if (user !== undefined && user !== '') fields.process = { user };
    emitFlow(this.#ctx, fields);
  }

  end(): void {}
}

export const paloAltoTrafficFormat: LogFormat = {
  id: ID,
  description: 'Palo Alto PAN-OS TRAFFIC logs (syslog CSV)',
  sniff(head) {
    return head.some((l) => {
      const at = csvStart(l);
      if (at < 0) return false;
      const f = l.slice(at).split(',', 8);
      return (f[3] === 'TRAFFIC' || f[3] === 'THREAT') && !Number.isNaN(panTime(f[1]));
    });
  },
  createParser: (ctx) => new PanTrafficParser(ctx),
};
