/**
 * Windows DNS Server debug log (dns.log, "Log packets for debugging" with "Details"), a naming source:
 *   6/17/2023 10:21:33 AM 0E4C PACKET  00000221A56F7A70 UDP Snd 192.168.1.10    d3f5 R Q [8081   DR  NOERROR] A      (7)example(3)com(0)
 *   ... detail block ...
 *       ANSWER SECTION:
 *       Name      "[C00C](7)example(3)com(0)"
 *         TYPE   A  (1)
 *         DATA   93.184.216.34
 * A response sent (Snd ... R) to a client, with its answer records, maps each A/AAAA DATA address to the
 * question name. Without "Details" the log has no addresses and names nothing (counted once).
 * The date follows the server's locale: d/m/y when the first number is over 12, else m/d/y (en-US, the
 * default) — noted as an anomaly. Times are server-local: --timezone, else UTC.
 */

import { normalizeAddress } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { logName } from './log-record.js';
import { LogTime, wallMicros } from './log-time.js';

const ID = 'windows-dns-debug';

/** "(7)example(3)com(0)" → "example.com". */
export function dnsDebugName(s: string): string {
  const out: string[] = [];
  let i = s.indexOf('(');
  while (i >= 0 && out.length < 128) {
    const close = s.indexOf(')', i);
    const len = Number(s.slice(i + 1, close));
    if (close < 0 || !Number.isInteger(len) || len === 0) break;
    out.push(s.slice(close + 1, close + 1 + len));
    i = s.indexOf('(', close + 1 + len);
  }
  return out.join('.');
}

class WindowsDnsDebugParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  #current: { micros: number; client: string; name: string; line: number } | null = null;
  #type = '';
  #sawDetails = false;
  #notedOrder = false;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  #micros(date: string, time: string, ampm: string | undefined): number {
    const d = date.split('/').map(Number);
    const t = time.split(':').map(Number);
    if (d.length !== 3 || t.length !== 3 || [...d, ...t].some((x) => !Number.isInteger(x))) return Number.NaN;
    let [a = 0, b = 0, y = 0] = d;
    if (a > 12) [a, b] = [b, a];
    else if (!this.#notedOrder && b <= 12) {
      this.#notedOrder = true;
      this.#ctx.anomalies.add(`${ID}-date-order-assumed`, {
        file: this.#ctx.file,
        detail: `${date} read as month/day/year`,
      });
    }
    let h = t[0] ?? 0;
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
    if (y < 100) y += 2000;
    const wall = wallMicros(y, a, b, h, t[1] ?? 0, t[2] ?? 0, 0);
    return Number.isNaN(wall) ? wall : this.#time.local(wall);
  }

  line(text: string, lineNo: number): void {
    const w = text.trim().split(/\s+/);
    const pkt = w.indexOf('PACKET');
    if (pkt >= 0) {
      this.#current = null;
      this.#type = '';
      const dir = w.indexOf('Snd');
      // Summary: ... Snd <client> <xid> R Q [flags rcode] <type> <name>
      if (dir < 0 || w[dir + 3] !== 'R') return;
      const client = normalizeAddress(w[dir + 1] ?? '');
      const close = w.findIndex((x, i) => i > dir && x.endsWith(']'));
      const name = dnsDebugName(w[close + 2] ?? '');
      const micros = this.#micros(w[0] ?? '', w[1] ?? '', w[2] === 'AM' || w[2] === 'PM' ? w[2] : undefined);
      if (client !== null && name !== '' && !Number.isNaN(micros))
        this.#current = { micros, client, name, line: lineNo };
      else this.#ctx.anomalies.add(`${ID}-bad-line`, { file: this.#ctx.file, line: lineNo });
      return;
    }
    const cur = this.#current;
    if (cur === null) return;
    if (w[0] === 'TYPE') this.#type = w[1] ?? '';
    else if (w[0] === 'DATA' && (this.#type === 'A' || this.#type === 'AAAA')) {
      this.#sawDetails = true;
      const address = normalizeAddress(w[1] ?? '');
      const fn = logName(cur.name, 'dns', cur.line);
      if (address !== null && fn !== null)
        this.#ctx.addressName({ address, name: fn, tsMicros: cur.micros, client: cur.client });
    }
  }

  end(): void {
    if (!this.#sawDetails)
      this.#ctx.anomalies.add(`${ID}-no-answer-details`, {
        file: this.#ctx.file,
        detail: 'enable "Details" in the DNS debug logging settings to learn addresses',
      });
  }
}

export const windowsDnsDebugFormat: LogFormat = {
  id: ID,
  description: 'Windows DNS Server debug log (with packet details; naming source)',
  sniff(head) {
    return head.some(
      (l) =>
        l.includes(' PACKET ') &&
        (l.includes(' UDP ') || l.includes(' TCP ')) &&
        (l.includes(' Rcv ') || l.includes(' Snd ')),
    );
  },
  createParser: (ctx) => new WindowsDnsDebugParser(ctx),
};
