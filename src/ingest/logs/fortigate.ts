/**
 * FortiGate traffic logs (FortiOS "Log Message Reference", key=value):
 *   date=2020-10-13 time=15:22:43 devid="FG..." eventtime=1602591763587868496 tz="+0300" logid=".." type="traffic"
 *   subtype="forward" srcip= srcport= dstip= dstport= proto=6 action="accept|deny|close|client-rst|..."
 *   sentbyte= rcvdbyte= sentpkt= rcvdpkt= duration= app= hostname= service= ...
 * Time: eventtime (epoch, s/ms/µs/ns) is UTC; else date+time with tz; else date+time in the zone option.
 * Only type="traffic" lines are flows. Byte totals are per session (FortiGate counts IP bytes).
 */

import { FortigateBytes } from './fortigate-bytes.js';
import { epochToMicros, parseKeyValues } from './key-value.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields, logName } from './log-record.js';
import { LogTime, parseDateTime } from './log-time.js';

const ID = 'fortigate';

class FortigateParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #bytes = new FortigateBytes();

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  /** The common traffic line from its bytes (fortigate-bytes.ts): the record line() makes of it. */
  bytes(buf: Buffer, start: number, end: number, lineNo: number): boolean {
    const reader = this.#bytes;
    if (!reader.read(buf, start, end)) return false;
    const l = reader.line;
    const micros = this.#time.epoch(l.epochMicros);
    const fields: FlowFields = {
      proto: l.proto.proto,
      ipProto: l.proto.ipProto,
      client: l.src,
      clientPort: l.sport,
      server: l.dst,
      serverPort: l.dport,
      firstMicros: micros - (l.duration ?? 0) * 1_000_000,
      lastMicros: micros,
      packetsOut: l.sentPkt,
      packetsIn: l.rcvdPkt,
      bytesOut: l.sentByte,
      bytesIn: l.rcvdByte,
      endReason: l.action,
      action: l.action,
      line: lineNo,
      format: ID,
    };
    const name = l.hostname === null ? null : logName(l.hostname, l.dport === 80 ? 'http-host' : 'sni', lineNo);
    if (name !== null) fields.names = [name];
    if (l.user !== null && l.user !== '') fields.process = { user: l.user };
    emitFlow(this.#ctx, fields);
    return true;
  }

  #micros(kv: Map<string, string>): number {
    const epoch = epochToMicros(kv.get('eventtime'));
    if (!Number.isNaN(epoch)) return this.#time.epoch(epoch);
    const date = kv.get('date');
    const time = kv.get('time');
    if (date === undefined || time === undefined) return Number.NaN;
    const tz = kv.get('tz') ?? '';
    const t = parseDateTime(`${date} ${time}${tz.startsWith('+') || tz.startsWith('-') ? tz : ''}`);
    return t === null ? Number.NaN : this.#time.resolve(t);
  }

  line(text: string, lineNo: number): void {
    const at = text.indexOf('=');
    if (at < 0) return;
    const keyStart = Math.max(text.lastIndexOf(' ', at) + 1, text.lastIndexOf('>', at) + 1);
    const kv = parseKeyValues(text, keyStart);
    if (!kv.has('srcip') || !kv.has('dstip')) {
      this.#ctx.anomalies.add(`${ID}-not-traffic`);
      return;
    }
    const type = kv.get('type');
    if (type !== undefined && type !== 'traffic') {
      this.#ctx.anomalies.add(`${ID}-not-traffic`);
      return;
    }
    const micros = this.#micros(kv);
    const proto = parseProto(kv.get('proto') ?? '');
    const src = normalizeAddress(kv.get('srcip') ?? '');
    const dst = normalizeAddress(kv.get('dstip') ?? '');
    const sport = parsePort(kv.get('srcport'));
    const dport = parsePort(kv.get('dstport'));
    if (Number.isNaN(micros) || proto === null || src === null || dst === null || sport < 0 || dport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad time, protocol, address or port');
      return;
    }
    const duration = count(kv.get('duration'));
    const action = kv.get('action') ?? 'log';
    const fields: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: src,
      clientPort: sport,
      server: dst,
      serverPort: dport,
      firstMicros: micros - (duration ?? 0) * 1_000_000,
      lastMicros: micros,
      packetsOut: count(kv.get('sentpkt')),
      packetsIn: count(kv.get('rcvdpkt')),
      bytesOut: count(kv.get('sentbyte')),
      bytesIn: count(kv.get('rcvdbyte')),
      endReason: action,
      action,
      line: lineNo,
      format: ID,
    };
    // hostname= comes from the TLS SNI or the HTTP Host header, depending on the session (FortiOS app control).
    const host = kv.get('hostname');
    const name = host === undefined ? null : logName(host, dport === 80 ? 'http-host' : 'sni', lineNo);
    if (name !== null) fields.names = [name];
    const user = kv.get('user') ?? kv.get('unauthuser');
    if (user !== undefined && user !== '') fields.process = { user };
    emitFlow(this.#ctx, fields);
  }

  end(): void {}
}

export const fortigateFormat: LogFormat = {
  id: ID,
  description: 'FortiGate key=value logs (type="traffic")',
  sniff(head) {
    return head.some(
      (l) =>
        (l.includes('devid=') || l.includes('logid=')) &&
        l.includes('srcip=') &&
        l.includes('dstip=') &&
        !l.includes('CEF:'),
    );
  },
  createParser: (ctx) => new FortigateParser(ctx),
};
