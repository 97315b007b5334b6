/**
 * Squid access.log, native format (squid.conf `logformat squid`):
 *   time.ms elapsed-ms client code/status bytes method URL user hierarchy/peer type
 *   1700000000.123    250 10.0.0.5 TCP_TUNNEL/200 5120 CONNECT www.example.com:443 - HIER_DIRECT/93.184.216.34 -
 * The proxy contacted `peer` (HIER_DIRECT/<address>) for the client: that upstream connection is the flow that
 * leaves the network, named by the CONNECT authority (http-connect) or the URL host (http-host); `bytes` is
 * what the client received (bytesIn). The URL path goes to FlowRecord.http; the query string is kept aside as
 * payload evidence (LogIngest.httpQueries). Requests without an upstream (cache hits, denials) are counted.
 */

import { normalizeAddress, parsePort } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields, logName } from './log-record.js';
import { LogTime } from './log-time.js';

const ID = 'squid';

function epochMicros(raw: string | undefined): number {
  if (raw === undefined || !/^\d{9,11}(\.\d{1,6})?$/.test(raw)) return Number.NaN;
  const [s = '0', f = ''] = raw.split('.');
  return Number(s) * 1_000_000 + Number(f.padEnd(6, '0'));
}

/** host and port from `host:port`, `[v6]:port` or a URL's authority. */
function authority(a: string, defPort: number): { host: string; port: number } {
  let host = a;
  let port = defPort;
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    const p = close >= 0 && host[close + 1] === ':' ? parsePort(host.slice(close + 2)) : -1;
    if (p > 0) port = p;
    return { host: host.slice(1, close < 0 ? host.length : close), port };
  }
  const c = host.lastIndexOf(':');
  if (c >= 0 && host.indexOf(':') === c) {
    const p = parsePort(host.slice(c + 1));
    if (p > 0) port = p;
    host = host.slice(0, c);
  }
  return { host, port };
}

class SquidParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  line(text: string, lineNo: number): void {
    const f = text.trim().split(/ +/);
    const end = epochMicros(f[0]);
    const elapsed = count(f[1]);
    const client = normalizeAddress(f[2] ?? '');
    const method = f[5] ?? '';
    const url = f[6] ?? '';
    if (Number.isNaN(end) || elapsed === null || client === null || url === '') {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text);
      return;
    }
    const peerField = f[8] ?? '';
    const peer = normalizeAddress(peerField.slice(peerField.indexOf('/') + 1));
    if (peer === null) {
      this.#ctx.anomalies.add(`${ID}-no-upstream`);
      return;
    }
    let host: string;
    let port: number;
    let path = '';
    let query: string | null = null;
    const connect = method === 'CONNECT';
    if (connect) ({ host, port } = authority(url, 443));
    else {
      const scheme = url.indexOf('://');
      const rest = scheme < 0 ? url : url.slice(scheme + 3);
      const slash = rest.indexOf('/');
      ({ host, port } = authority(
        slash < 0 ? rest : rest.slice(0, slash),
        url.startsWith('https') ? 443 : url.startsWith('ftp') ? 21 : 80,
      ));
      const target = slash < 0 ? '/' : rest.slice(slash);
      const q = target.indexOf('?');
      path = q < 0 ? target : target.slice(0, q);
      query = q < 0 ? null : target.slice(q + 1);
    }
    const first = this.#time.epoch(end - elapsed * 1000);
    const fields: FlowFields = {
      proto: 'tcp',
      ipProto: 6,
      client,
      clientPort: 0,
      server: peer,
      serverPort: port,
      firstMicros: first,
      lastMicros: end,
      bytesIn: count(f[4]),
      endReason: (f[3] ?? '').toLowerCase(),
      action: (f[3] ?? '').toLowerCase(),
      line: lineNo,
      format: ID,
    };
    const name = normalizeAddress(host) === null ? logName(host, connect ? 'http-connect' : 'http-host', lineNo) : null;
    if (name !== null) {
      fields.names = [name];
      this.#ctx.addressName({ address: peer, name, tsMicros: first });
    }
    if (!connect) fields.http = { method, path };
    if (query !== null && query !== '') this.#ctx.httpQuery({ file: this.#ctx.file, line: lineNo, host, path, query });
    const user = f[7];
    if (user !== undefined && user !== '-') fields.process = { user };
    emitFlow(this.#ctx, fields);
  }

  end(): void {}
}

export const squidFormat: LogFormat = {
  id: ID,
  description: 'Squid access.log (native format)',
  sniff(head) {
    return head.some((l) => {
      const f = l.trim().split(/ +/);
      return (
        f.length >= 10 &&
        !Number.isNaN(epochMicros(f[0])) &&
        (f[3] ?? '').includes('/') &&
        /^[A-Z_]+\/\d{3}$/.test(f[3] ?? '')
      );
    });
  },
  createParser: (ctx) => new SquidParser(ctx),
};
