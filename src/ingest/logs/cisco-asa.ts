/**
 * Cisco ASA / FTD connection syslog ("Cisco Secure Firewall ASA Series Syslog Messages"):
 *   %ASA-6-302013/302015 Built {inbound|outbound} {TCP|UDP} connection <id> for <ifc>:<ip>/<port> (<mapped>)
 *       [(user)] to <ifc>:<ip>/<port> (<mapped>)[(user)]
 *   %ASA-6-302014/302016 Teardown {TCP|UDP} connection <id> for <ifc>:<ip>/<port> [user] to <ifc>:<ip>/<port>
 *       [user] duration h:mm:ss bytes <n> [reason]
 *   %ASA-5-106100 access-list <acl> {permitted|denied} <proto> <ifc>/<ip>(<port>) -> <ifc>/<ip>(<port>) ...
 *   %ASA-4-106023 Deny <proto> src <ifc>:<ip>/<port> dst <ifc>:<ip>/<port> by access-group ...
 *   %ASA-2-106001 Inbound TCP connection denied from <ip>/<port> to <ip>/<port> ...
 *   %ASA-2-106006/106007 Deny inbound {UDP|..} from <ip>/<port> to <ip>/<port> ...
 * Direction trap: "Built inbound" names the initiator first ("for"), "Built outbound" names the responder
 * first and the inside initiator SECOND ("to"). Teardown repeats the Built message's order, so it is
 * oriented by the Built message with the same id; without one, the endpoint with the lower port is taken as
 * the server (a guess, counted as 'cisco-asa-teardown-without-built'). Teardown "bytes" is both directions
 * summed: it is reported as bytesTotal, and bytesOut/bytesIn stay null (how much went out is not known).
 */

import { readAsaTime } from './cisco-asa-time.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, emitFlow, type FlowFields } from './log-record.js';
import { LogTime } from './log-time.js';

const ID = 'cisco-asa';
/** Built connections waiting for their Teardown, bounded (oldest flushed as end-of-input). */
const MAX_OPEN = 200_000;

interface Endpoint {
  ip: string;
  port: number;
}

/** `ifc:ip/port`, `ip/port`, `ifc/ip(port)`; IPv6 keeps its colons (ifc is before the first ':'). */
function endpoint(tok: string | undefined, withIfc: boolean): Endpoint | null {
  if (tok === undefined) return null;
  let t = tok;
  if (withIfc) {
    const c = t.indexOf(':');
    if (c < 0) return null;
    t = t.slice(c + 1);
  }
  const slash = t.lastIndexOf('/');
  const ip = normalizeAddress(slash < 0 ? t : t.slice(0, slash));
  const port = slash < 0 ? 0 : parsePort(t.slice(slash + 1).replace(/\(.*$/, ''));
  return ip === null || port < 0 ? null : { ip, port };
}

/** access-list form `ifc/ip(port)`. */
function aclEndpoint(tok: string | undefined): Endpoint | null {
  if (tok === undefined) return null;
  const slash = tok.indexOf('/');
  const open = tok.indexOf('(', slash);
  const ip = normalizeAddress(tok.slice(slash + 1, open < 0 ? tok.length : open));
  const port = open < 0 ? 0 : parsePort(tok.slice(open + 1, tok.indexOf(')', open)));
  return ip === null || port < 0 ? null : { ip, port };
}

function durationMicros(s: string | undefined): number {
  const p = (s ?? '').split(':').map(Number);
  if (p.length !== 3 || p.some((x) => !Number.isInteger(x) || x < 0)) return 0;
  return (((p[0] ?? 0) * 60 + (p[1] ?? 0)) * 60 + (p[2] ?? 0)) * 1_000_000;
}

class CiscoAsaParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #open = new Map<string, FlowFields>();

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  line(text: string, lineNo: number): void {
    const tag = Math.max(text.indexOf('%ASA-'), text.indexOf('%FTD-'));
    if (tag < 0) {
      if (text.trim() !== '') this.#ctx.anomalies.add(`${ID}-other-line`);
      return;
    }
    const idEnd = text.indexOf(' ', tag);
    const msgId =
      text
        .slice(tag, idEnd < 0 ? text.length : idEnd)
        .replace(/:$/, '')
        .split('-')
        .pop() ?? '';
    if (
      !['302013', '302014', '302015', '302016', '106100', '106023', '106001', '106006', '106007', '106015'].includes(
        msgId,
      )
    ) {
      this.#ctx.anomalies.add(`${ID}-not-a-connection-message`);
      return;
    }
    const micros = readAsaTime(text.slice(0, tag), this.#ctx, this.#time);
    if (Number.isNaN(micros)) {
      badLine(this.#ctx, `${ID}-no-time`, lineNo, text);
      return;
    }
    const t = text
      .slice(idEnd + 1)
      .trim()
      .split(/ +/);
    const bad = () => badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, `unreadable ${msgId}`);
    const base = (proto: string, client: Endpoint, server: Endpoint, action: string): FlowFields | null => {
      const p = parseProto(proto);
      if (p === null) return null;
      const ports = p.proto === 'tcp' || p.proto === 'udp';
      return {
        proto: p.proto,
        ipProto: p.ipProto,
        client: client.ip,
        clientPort: ports ? client.port : 0,
        server: server.ip,
        serverPort: ports ? server.port : 0,
        firstMicros: micros,
        endReason: action,
        action,
        line: lineNo,
        format: ID,
      };
    };
    if (msgId === '302013' || msgId === '302015') {
      const a = endpoint(t[t.indexOf('for') + 1], true);
      const b = endpoint(t[t.indexOf('to') + 1], true);
      if (a === null || b === null || t.indexOf('for') < 0 || t.indexOf('to') < 0) {
        bad();
        return;
      }
      const outbound = t[1] === 'outbound';
      const f = outbound ? base(t[2] ?? '', b, a, 'allow') : base(t[2] ?? '', a, b, 'allow');
      if (f === null) {
        bad();
        return;
      }
      if (this.#open.size >= MAX_OPEN) this.#flushOldest();
      f.endReason = 'end-of-input';
      this.#open.set(t[4] ?? '', f);
      return;
    }
    if (msgId === '302014' || msgId === '302016') {
      const a = endpoint(t[t.indexOf('for') + 1], true);
      const b = endpoint(t[t.indexOf('to') + 1], true);
      const d = t.indexOf('duration');
      const by = t.indexOf('bytes');
      if (a === null || b === null) {
        bad();
        return;
      }
      const bytes = by < 0 ? null : Number(t[by + 1]);
      const reason =
        by < 0
          ? 'teardown'
          : t
              .slice(by + 2)
              .join(' ')
              .toLowerCase() || 'teardown';
      const built = this.#open.get(t[3] ?? '');
      let f: FlowFields | null;
      if (built !== undefined) {
        this.#open.delete(t[3] ?? '');
        f = built;
      } else {
        this.#ctx.anomalies.add(`${ID}-teardown-without-built`);
        const aIsServer = a.port !== 0 && (b.port === 0 || a.port < b.port);
        f = aIsServer ? base(t[1] ?? '', b, a, 'allow') : base(t[1] ?? '', a, b, 'allow');
        if (f === null) {
          bad();
          return;
        }
        f.firstMicros = micros - durationMicros(d < 0 ? undefined : t[d + 1]);
      }
      f.lastMicros = micros;
      f.bytesTotal = bytes !== null && Number.isSafeInteger(bytes) ? bytes : null;
      f.endReason = reason;
      emitFlow(this.#ctx, f);
      return;
    }
    let f: FlowFields | null = null;
    if (msgId === '106100') {
      const arrow = t.indexOf('->');
      const a = aclEndpoint(t[arrow - 1]);
      const b = aclEndpoint(t[arrow + 1]);
      if (arrow < 0 || a === null || b === null) {
        bad();
        return;
      }
      f = base(t[arrow - 2] ?? '', a, b, t[2] === 'permitted' || t[2] === 'est-allowed' ? 'allow' : 'drop');
    } else if (msgId === '106023') {
      const a = endpoint(t[t.indexOf('src') + 1], true);
      const b = endpoint(t[t.indexOf('dst') + 1], true);
      if (a === null || b === null) {
        bad();
        return;
      }
      f = base(t[1] ?? '', a, b, 'drop');
    } else {
      // 106001 "Inbound TCP connection denied from A to B", 106006/7 "Deny inbound UDP from A to B",
      // 106015 "Deny TCP (no connection) from A to B".
      const a = endpoint(t[t.indexOf('from') + 1], false);
      const b = endpoint(t[t.indexOf('to') + 1], false);
      const proto = t.find((x) => parseProto(x) !== null && Number.isNaN(Number(x))) ?? '';
      if (a === null || b === null) {
        bad();
        return;
      }
      f = base(proto, a, b, 'drop');
    }
    if (f === null) {
      bad();
      return;
    }
    f.packetsOut = 1;
    emitFlow(this.#ctx, f);
  }

  #flushOldest(): void {
    const first = this.#open.entries().next();
    if (first.done === true) return;
    this.#open.delete(first.value[0]);
    emitFlow(this.#ctx, first.value[1]);
  }

  end(): void {
    for (const f of this.#open.values()) emitFlow(this.#ctx, f);
    this.#open.clear();
  }
}

export const ciscoAsaFormat: LogFormat = {
  id: ID,
  description: 'Cisco ASA / FTD syslog (302013-302016 Built/Teardown, 106xxx denies)',
  sniff(head) {
    return head.some((l) => l.includes('%ASA-') || l.includes('%FTD-'));
  },
  createParser: (ctx) => new CiscoAsaParser(ctx),
};
