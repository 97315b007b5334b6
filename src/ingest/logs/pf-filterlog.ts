/**
 * pf filter logs as pfSense/OPNsense write them ("filterlog" CSV, docs.netgate.com "Filter Log Format"):
 *   rule, sub-rule, anchor, tracker, interface, reason, action, direction, ip-version,
 *   IPv4: tos, ecn, ttl, id, offset, flags, proto-id, proto-name, length, src, dst, ...
 *   IPv6: class, flow-label, hop-limit, proto-name, proto-id, payload-length, src, dst, ...   (name before id!)
 *   then TCP/UDP: src-port, dst-port, data-len[, tcp-flags, seq, ack, window, urg, options]
 * One line = one packet. bytesOut is the IP-level size, like captures: IPv4 total length, IPv6 payload length
 * plus the 40-byte fixed header. Wrapped in BSD or RFC 5424 syslog, or bare.
 */

import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, emitFlow, type FlowFields, orderFlags } from './log-record.js';
import { LogTime } from './log-time.js';
import { SyslogClock } from './syslog-header.js';

const ID = 'pf-filterlog';
const IPV6_HEADER = 40;

/** Start of the CSV in a line: after `filterlog...` and its syslog fields, or the line itself. */
function csvStart(line: string): number {
  const tag = line.indexOf('filterlog');
  const from = Math.max(tag, 0);
  const comma = line.indexOf(',', from);
  if (comma < 0) return -1;
  const space = line.lastIndexOf(' ', comma);
  return space < from ? from : space + 1;
}

function looksLikeFilterlog(f: string[]): boolean {
  return (
    f.length >= 9 &&
    (f[6] === 'pass' || f[6] === 'block') &&
    (f[7] === 'in' || f[7] === 'out') &&
    (f[8] === '4' || f[8] === '6')
  );
}

class PfFilterlogParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #clock: SyslogClock;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#clock = new SyslogClock(ctx, new LogTime(ctx));
  }

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const at = csvStart(text);
    const f = at < 0 ? [] : text.slice(at).split(',');
    if (!looksLikeFilterlog(f)) {
      if (text.includes('filterlog')) badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'not a filterlog record');
      else this.#ctx.anomalies.add(`${ID}-other-line`);
      return;
    }
    const micros = this.#clock.read(text).micros;
    if (Number.isNaN(micros)) {
      badLine(this.#ctx, `${ID}-no-time`, lineNo, text);
      return;
    }
    const v6 = f[8] === '6';
    // IPv4: proto-id 15, proto-name 16, length 17, src 18, dst 19; IPv6: name 12, id 13, length 14, src 15, dst 16.
    const protoId = f[v6 ? 13 : 15] ?? '';
    const proto = parseProto(protoId) ?? parseProto(f[v6 ? 12 : 16] ?? '');
    const len = Number(f[v6 ? 14 : 17]);
    const src = normalizeAddress(f[v6 ? 15 : 18] ?? '');
    const dst = normalizeAddress(f[v6 ? 16 : 19] ?? '');
    if (proto === null || src === null || dst === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad protocol or address');
      return;
    }
    const tail = v6 ? 17 : 20;
    const ports = proto.proto === 'tcp' || proto.proto === 'udp';
    const sport = ports ? parsePort(f[tail]) : 0;
    const dport = ports ? parsePort(f[tail + 1]) : 0;
    if (sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad port');
      return;
    }
    const bytes = Number.isSafeInteger(len) && len >= 0 ? len + (v6 ? IPV6_HEADER : 0) : null;
    const action = f[6] === 'pass' ? 'allow' : 'drop';
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: src,
      clientPort: sport,
      server: dst,
      serverPort: dport,
      firstMicros: micros,
      packetsOut: 1,
      bytesOut: bytes,
      tcpFlags: proto.proto === 'tcp' ? orderFlags(f[tail + 3] ?? '') : '',
      endReason: action,
      action,
      line: lineNo,
      format: ID,
    };
    emitFlow(this.#ctx, fields);
  }

  end(): void {}
}

export const pfFilterlogFormat: LogFormat = {
  id: ID,
  description: 'pf filterlog CSV (pfSense/OPNsense), in syslog or bare',
  sniff(head) {
    return head.some((l) => {
      const at = csvStart(l);
      return at >= 0 && looksLikeFilterlog(l.slice(at).split(',', 10));
    });
  },
  createParser: (ctx) => new PfFilterlogParser(ctx),
};
