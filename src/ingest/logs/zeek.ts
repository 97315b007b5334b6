/**
 * Zeek conn, dns, ssl, quic and http logs (TSV or JSON). conn.log rows are the flows; ssl/quic server_name
 * and http host/uri join them by uid; dns.log answers name addresses in time for every flow of the run.
 *
 * Bytes: FlowRecord counts, like captures, whole packets; Zeek's orig_bytes/resp_bytes are TCP/UDP payload
 * (derived from sequence numbers), orig_ip_bytes/resp_ip_bytes are IP-level totals. *_ip_bytes is the closer
 * match (captures add only the link header), so bytesOut/bytesIn = orig_ip_bytes/resp_ip_bytes, and null when
 * the log lacks them — payload counts are never mixed in. Packets = orig_pkts/resp_pkts.
 */
import type { FlowName, ServerCertificateInfo } from '../../flows/flow-record.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import { certificateFromLog, utf8FromLatin1 } from './log-certificate.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, logName } from './log-record.js';
import { LogTime, parseDateTime } from './log-time.js';
import { ZeekConnBytes } from './zeek-conn-bytes.js';
import { endReason, historyFlags, ZeekConnFastPath } from './zeek-conn-fast.js';
import { jsonRow, unescapeZeek, type ZeekRow, ZeekTsvHeader } from './zeek-rows.js';

const ID = 'zeek';

/** Zeek `ts`: epoch seconds with up to 6 decimals, or (JSON with ISO timestamps) an ISO string. µs or NaN. */
function tsMicros(v: string | null, time: LogTime): number {
  if (v === null || v.length > 32) return Number.NaN;
  if (v.includes('-') && v.length > 10) {
    const t = parseDateTime(v);
    return t === null ? Number.NaN : time.resolve(t);
  }
  const dot = v.indexOf('.');
  const whole = dot < 0 ? v : v.slice(0, dot);
  const frac = dot < 0 ? '' : v.slice(dot + 1, dot + 7).padEnd(6, '0');
  if (!/^\d{1,12}$/.test(whole) || (frac !== '' && !/^\d{6}$/.test(frac))) return Number.NaN;
  return time.epoch(Number(whole) * 1_000_000 + (frac === '' ? 0 : Number(frac)));
}

class ZeekParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #tsv = new ZeekTsvHeader();
  readonly #fast: ZeekConnFastPath;
  readonly #bytes: ZeekConnBytes;
  #sawJson = false;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#fast = new ZeekConnFastPath(ctx, this.#time, this.#tsv);
    this.#bytes = new ZeekConnBytes(ctx, this.#time, this.#tsv);
  }

  bytes(buf: Buffer, start: number, end: number, lineNo: number): boolean {
    return this.#bytes.line(buf, start, end, lineNo);
  }

  line(text: string, lineNo: number): void {
    if (text === '') return;
    let row: ZeekRow | null;
    if (text.charCodeAt(0) === 123) {
      this.#sawJson = true;
      row = jsonRow(text);
    } else {
      if (this.#tsv.header(text)) return;
      if (this.#tsv.fields.length === 0 && !this.#sawJson && text.startsWith('ts') && text.includes('uid')) {
        // zeek-cut style header line without '#fields'.
        this.#tsv.setFields(text.split(this.#tsv.separator));
        return;
      }
      if (this.#fast.line(text, lineNo)) return;
      row = this.#tsv.row(text);
    }
    if (row === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'not a row of the declared fields');
      return;
    }
    const micros = tsMicros(row.get('ts'), this.#time);
    if (Number.isNaN(micros)) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad ts');
      return;
    }
    if (row.path === 'dns') {
      this.#dns(row, micros, lineNo, text);
      return;
    }
    const client = normalizeAddress(row.get('id.orig_h') ?? '');
    const server = normalizeAddress(row.get('id.resp_h') ?? '');
    const cport = parsePort(row.get('id.orig_p') ?? undefined);
    const sport = parsePort(row.get('id.resp_p') ?? undefined);
    if (client === null || server === null || cport < 0 || sport < 0) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad endpoint');
      return;
    }
    const uid = row.get('uid');
    const join = uid === null ? undefined : { key: `zeek:${uid}`, primary: row.path === 'conn' };
    const protoText = row.get('proto') ?? (row.path === 'quic' ? 'udp' : 'tcp');
    const proto = parseProto(protoText) ?? { proto: 'other' as const, ipProto: Number(row.get('ip_proto') ?? 0) || 0 };
    const ports = proto.proto === 'tcp' || proto.proto === 'udp' || proto.proto === 'sctp';
    const base = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client,
      clientPort: ports ? cport : 0,
      server,
      serverPort: ports ? sport : 0,
      firstMicros: micros,
      line: lineNo,
      format: `zeek-${row.path}`,
    };
    if (row.path === 'conn') {
      const dur = Number(row.get('duration') ?? '0');
      emitFlow(
        this.#ctx,
        {
          ...base,
          lastMicros: micros + (Number.isFinite(dur) && dur > 0 ? Math.round(dur * 1_000_000) : 0),
          packetsOut: count(row.get('orig_pkts')),
          packetsIn: count(row.get('resp_pkts')),
          bytesOut: count(row.get('orig_ip_bytes')),
          bytesIn: count(row.get('resp_ip_bytes')),
          tcpFlags: proto.proto === 'tcp' ? historyFlags(row.get('history')) : '',
          endReason: endReason(row.get('conn_state')),
        },
        join,
      );
      return;
    }
    const names: FlowName[] = [];
    let http: { method: string; path: string } | undefined;
    let serverCertificate: ServerCertificateInfo | undefined;
    if (row.path === 'ssl' || row.path === 'quic') {
      const n = logName(unescapeZeek(row.get('server_name') ?? ''), row.path === 'quic' ? 'quic-sni' : 'sni', lineNo);
      if (n !== null) names.push(n);
      // Zeek before 4.0 wrote the leaf's subject and issuer into ssl.log; later ones only into x509.log.
      const subject = row.get('subject');
      const issuer = row.get('issuer');
      if (subject !== null || issuer !== null) {
        serverCertificate = certificateFromLog(zeekText(subject), zeekText(issuer), lineNo);
      }
    } else if (row.path === 'http') {
      const host = row.get('host');
      const n = host === null ? null : logName(unescapeZeek(stripPort(host)), 'http-host', lineNo);
      if (n !== null) names.push(n);
      const method = row.get('method');
      const uri = row.get('uri');
      // The query string is payload evidence for a later PII pass, not part of the record (types.ts HttpRequestInfo).
      if (method !== null && uri !== null) http = { method, path: uri.split('?')[0] ?? '' };
    } else {
      this.#ctx.anomalies.add(`${ID}-unsupported-log`, { file: this.#ctx.file, line: lineNo, detail: row.path });
      return;
    }
    emitFlow(
      this.#ctx,
      {
        ...base,
        endReason: 'end-of-input',
        names,
        ...(http ? { http } : {}),
        ...(serverCertificate ? { serverCertificate } : {}),
      },
      join,
    );
  }

  #dns(row: ZeekRow, micros: number, lineNo: number, text: string): void {
    const query = row.get('query');
    const client = normalizeAddress(row.get('id.orig_h') ?? '');
    if (query === null) return;
    const qname = logName(unescapeZeek(query), 'dns', lineNo);
    if (qname === null || client === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, text, 'bad dns row');
      return;
    }
    const answers = row.list('answers');
    const chain: string[] = [qname.name];
    for (const a of answers) {
      const address = normalizeAddress(a);
      if (address === null) {
        const cname = logName(unescapeZeek(a), 'dns', lineNo);
        if (cname !== null && !a.includes(' ') && chain.length < 16) chain.push(cname.name);
        continue;
      }
      const name: FlowName = chain.length > 1 ? { ...qname, cnameChain: [...chain] } : { ...qname };
      this.#ctx.addressName({ address, name, tsMicros: micros, client });
    }
  }

  end(): void {}
}

/** A Zeek string field as text: \xNN escapes undone, UTF-8 read back. */
function zeekText(v: string | null): string | null {
  return v === null ? null : utf8FromLatin1(unescapeZeek(v));
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') > 0 ? host.indexOf(']') : host.length);
  const c = host.indexOf(':');
  return c >= 0 && host.indexOf(':', c + 1) < 0 ? host.slice(0, c) : host;
}

export const zeekFormat: LogFormat = {
  id: ID,
  description: 'Zeek conn/dns/ssl/quic/http logs (TSV with #fields header, or JSON lines)',
  sniff(head) {
    const first = head[0] ?? '';
    if (head.slice(0, 3).some((l) => l.startsWith('#separator'))) return head.some((l) => l.startsWith('#fields'));
    if (first.startsWith('ts\tuid\tid.orig_h') || first.startsWith('ts,uid,id.orig_h')) return true;
    if (first.startsWith('#fields\tts\t')) return true;
    // JSON writer lines (a btest baseline may start with a comment line).
    return head
      .slice(0, 5)
      .some(
        (l) => l.charCodeAt(0) === 123 && l.includes('"uid"') && (l.includes('"id.orig_h"') || l.includes('"orig_h"')),
      );
  },
  createParser: (ctx) => new ZeekParser(ctx),
};
