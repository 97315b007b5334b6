/**
 * dnsmasq / Pi-hole query logs (`log-queries`; Pi-hole's pihole.log is the same), a naming source:
 *   Jan  1 12:00:00 dnsmasq[123]: query[A] www.example.com from 192.168.1.10
 *   Jan  1 12:00:00 dnsmasq[123]: reply www.example.com is <CNAME>
 *   Jan  1 12:00:00 dnsmasq[123]: reply edge.example.net is 93.184.216.34
 *   Jan  1 12:00:00 dnsmasq[123]: cached www.example.com is 93.184.216.34
 * Each address in a reply/cached/config line names flows to it in time (via "dns"). A reply for a name nobody
 * asked for is the CNAME target of the last name answered "<CNAME>", which is the name recorded, with the
 * chain. The asking client (from the last query for the name) is kept to prefer its own answers.
 */

import { normalizeAddress } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, logName } from './log-record.js';
import { LogTime } from './log-time.js';
import { SyslogClock } from './syslog-header.js';

const ID = 'dnsmasq';
/** Names remembered for the query → client and CNAME joins (bounded). */
const MAX_PENDING = 10_000;

class DnsmasqParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #clock: SyslogClock;
  readonly #askedBy = new Map<string, string>();
  #cnameChain: string[] = [];

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#clock = new SyslogClock(ctx, new LogTime(ctx));
  }

  line(text: string, lineNo: number): void {
    const tag = text.indexOf('dnsmasq');
    const colon = tag < 0 ? -1 : text.indexOf(': ', tag);
    if (colon < 0) {
      if (text.trim() !== '') this.#ctx.anomalies.add(`${ID}-other-line`);
      return;
    }
    const w = text.slice(colon + 2).split(' ');
    const verb = w[0] ?? '';
    if (verb.startsWith('query[')) {
      const name = logName(w[1] ?? '', 'dns', lineNo);
      if (name !== null && w[2] === 'from') {
        if (this.#askedBy.size >= MAX_PENDING) this.#askedBy.clear();
        this.#askedBy.set(name.name, w[3] ?? '');
      }
      return;
    }
    if (verb !== 'reply' && verb !== 'cached' && verb !== 'config' && !verb.startsWith('/')) return;
    if (w[2] !== 'is') return;
    const name = logName(w[1] ?? '', 'dns', lineNo);
    const value = w.slice(3).join(' ');
    if (name === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text);
      return;
    }
    if (value === '<CNAME>') {
      this.#cnameChain = this.#askedBy.has(name.name) ? [name.name] : [...this.#cnameChain, name.name].slice(-16);
      return;
    }
    const address = normalizeAddress(value);
    if (address === null) return; // NXDOMAIN, NODATA, <HTTPS>, ...
    const micros = this.#clock.read(text).micros;
    if (Number.isNaN(micros)) {
      badLine(this.#ctx, `${ID}-no-time`, lineNo, text);
      return;
    }
    const asked = this.#askedBy.has(name.name);
    const chain = asked ? [] : this.#cnameChain;
    const head = chain[0] ?? name.name;
    const owner = head === name.name ? name : { ...name, name: head };
    const client = normalizeAddress(this.#askedBy.get(head) ?? '');
    const fact = chain.length > 0 ? { ...owner, cnameChain: [...chain, name.name] } : owner;
    this.#ctx.addressName({ address, name: fact, tsMicros: micros, ...(client !== null ? { client } : {}) });
  }

  end(): void {}
}

export const dnsmasqFormat: LogFormat = {
  id: ID,
  description: 'dnsmasq / Pi-hole query log (naming source: reply/cached lines)',
  sniff(head) {
    return head.some((l) => /dnsmasq(\[\d+\])?: (query\[|reply |cached |forwarded )/.test(l));
  },
  createParser: (ctx) => new DnsmasqParser(ctx),
};
