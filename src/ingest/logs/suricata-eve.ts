/**
 * Suricata EVE JSON (one event per line). `flow` events own the counts (bytes_toserver/toclient count whole
 * packets, like captures); `netflow` events are one per direction and are paired here; tls.sni, quic.sni,
 * http.hostname and other events join flows by flow_id; dns answers name addresses in time for the whole run.
 * flow_id is a 64-bit integer beyond double precision, so it is read from the raw text, not from JSON.parse.
 * Times carry the sensor's offset (`-0500`); flow events are dated by flow.start/end, not `timestamp`.
 */
import type { FlowName, ServerCertificateInfo } from '../../flows/flow-record.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import { certificateFromLog } from './log-certificate.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { badLine, count, emitFlow, type FlowFields, logName } from './log-record.js';
import { LogTime, parseDateTime } from './log-time.js';

const ID = 'suricata-eve';
type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** The digits after "flow_id": in the raw line (exact, unlike a double). */
function rawFlowId(text: string): string | null {
  const at = text.indexOf('"flow_id":');
  if (at < 0) return null;
  let i = at + 10;
  while (text[i] === ' ') i++;
  const start = i;
  while (i < text.length && i - start < 24 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i > start ? text.slice(start, i) : null;
}

class SuricataParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #netflow = new Map<string, FlowFields>();

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  #micros(v: unknown): number {
    const s = str(v);
    const t = s === null ? null : parseDateTime(s);
    return t === null ? Number.NaN : this.#time.resolve(t);
  }

  line(raw: string, lineNo: number): void {
    const text = raw.trim();
    if (text === '') return;
    let e: Obj | null = null;
    try {
      e = obj(JSON.parse(text));
    } catch {
      e = null;
    }
    if (e === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, raw, 'not a JSON object');
      return;
    }
    const type = str(e.event_type) ?? (e.alert !== undefined ? 'alert' : '');
    const src = normalizeAddress(str(e.src_ip) ?? '');
    const dst = normalizeAddress(str(e.dest_ip) ?? '');
    if (src === null || dst === null) {
      this.#ctx.anomalies.add(`${ID}-event-without-flow`, { file: this.#ctx.file, line: lineNo, detail: type });
      return;
    }
    const proto = parseProto(str(e.proto) ?? '');
    let sport = parsePort(str(e.src_port) ?? undefined);
    let dport = parsePort(str(e.dest_port) ?? undefined);
    const ts = this.#micros(e.timestamp);
    if (proto === null || sport < 0 || dport < 0 || Number.isNaN(ts)) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, raw, 'bad proto, port or timestamp');
      return;
    }
    if (proto.proto !== 'tcp' && proto.proto !== 'udp' && proto.proto !== 'sctp') sport = dport = 0;
    const flowId = rawFlowId(text);
    const key = flowId === null ? undefined : `suricata:${flowId}`;
    // DNS answers may be logged server → client: orient by port 53.
    const swap = type === 'dns' && sport === 53 && dport !== 53;
    const base: FlowFields = {
      proto: proto.proto,
      ipProto: proto.ipProto,
      client: swap ? dst : src,
      clientPort: swap ? dport : sport,
      server: swap ? src : dst,
      serverPort: swap ? sport : dport,
      firstMicros: ts,
      endReason: 'end-of-input',
      line: lineNo,
      format: ID,
    };
    if (type === 'flow' || type === 'netflow') {
      this.#flow(e, type, base, key, lineNo, raw);
      return;
    }
    const names: FlowName[] = [];
    let http: { method: string; path: string } | undefined;
    let serverCertificate: ServerCertificateInfo | undefined;
    const sub = obj(e[type]);
    if (type === 'tls' || type === 'quic') {
      const n = logName(str(sub?.sni) ?? '', type === 'quic' ? 'quic-sni' : 'sni', lineNo);
      if (n !== null) names.push(n);
      // tls.subject / tls.issuerdn: the leaf certificate's DNs (TLS 1.2 and older; absent for TLS 1.3).
      if (type === 'tls') serverCertificate = certificateFromLog(str(sub?.subject), str(sub?.issuerdn), lineNo);
    } else if (type === 'http') {
      const n = logName(str(sub?.hostname) ?? '', 'http-host', lineNo);
      if (n !== null) names.push(n);
      const method = str(sub?.http_method);
      const url = str(sub?.url);
      if (method !== null && url !== null) http = { method, path: url.split('?')[0] ?? '' };
    } else if (type === 'dns' && sub !== null) {
      this.#dns(sub, swap ? dst : src, ts, lineNo);
    }
    const action = type === 'alert' ? str(obj(e.alert)?.action) : null;
    emitFlow(
      this.#ctx,
      {
        ...base,
        names,
        ...(http ? { http } : {}),
        ...(action ? { action } : {}),
        ...(serverCertificate ? { serverCertificate } : {}),
      },
      key === undefined ? undefined : { key, primary: false },
    );
  }

  #flow(e: Obj, type: string, base: FlowFields, key: string | undefined, lineNo: number, raw: string): void {
    const f = obj(e[type]);
    if (f === null) {
      badLine(this.#ctx, `${ID}-bad-line`, lineNo, raw, `${type} event without ${type} object`);
      return;
    }
    const start = this.#micros(f.start);
    const end = this.#micros(f.end);
    const fields: FlowFields = {
      ...base,
      firstMicros: Number.isNaN(start) ? base.firstMicros : start,
      ...(Number.isNaN(end) ? {} : { lastMicros: end }),
      endReason: str(f.reason) ?? str(f.state) ?? 'end-of-input',
    };
    if (type === 'flow') {
      fields.packetsOut = count(str(f.pkts_toserver));
      fields.packetsIn = count(str(f.pkts_toclient));
      fields.bytesOut = count(str(f.bytes_toserver));
      fields.bytesIn = count(str(f.bytes_toclient));
      emitFlow(this.#ctx, fields, key === undefined ? undefined : { key, primary: true });
      return;
    }
    // netflow: one event per direction with the same flow_id; the first seen is client → server.
    const pk = count(str(f.pkts));
    const by = count(str(f.bytes));
    const seen = key === undefined ? undefined : this.#netflow.get(key);
    if (seen !== undefined && seen.client === base.server && seen.clientPort === base.serverPort) {
      seen.packetsIn = pk;
      seen.bytesIn = by;
      if (fields.lastMicros !== undefined) seen.lastMicros = Math.max(seen.lastMicros ?? 0, fields.lastMicros);
      return;
    }
    fields.packetsOut = pk;
    fields.bytesOut = by;
    if (key === undefined || seen !== undefined) emitFlow(this.#ctx, fields);
    else this.#netflow.set(key, fields);
  }

  #dns(d: Obj, client: string, ts: number, lineNo: number): void {
    const answers: Obj[] = [];
    if (Array.isArray(d.answers)) for (const a of d.answers) if (obj(a)) answers.push(a as Obj);
    if (d.type === 'answer' && d.rdata !== undefined) answers.push(d); // EVE v1: one event per answer
    const query = logName(str(d.rrname) ?? str(obj(d.queries)?.rrname) ?? '', 'dns', lineNo);
    const grouped = obj(d.grouped);
    const datas: { type: string; data: string }[] = answers.map((a) => ({
      type: str(a.rrtype) ?? '',
      data: str(a.rdata) ?? '',
    }));
    if (grouped !== null) {
      for (const t of ['A', 'AAAA', 'CNAME']) {
        const list = grouped[t];
        if (Array.isArray(list)) for (const v of list) if (typeof v === 'string') datas.push({ type: t, data: v });
      }
    }
    const first = answers[0];
    const qname = query ?? (first === undefined ? null : logName(str(first.rrname) ?? '', 'dns', lineNo));
    if (qname === null) return;
    const chain = [qname.name];
    for (const a of datas) {
      if (a.type === 'CNAME') {
        const c = logName(a.data, 'dns', lineNo);
        if (c !== null && chain.length < 16) chain.push(c.name);
      }
    }
    for (const a of datas) {
      if (a.type !== 'A' && a.type !== 'AAAA') continue;
      const address = normalizeAddress(a.data);
      if (address === null) continue;
      const name: FlowName = chain.length > 1 ? { ...qname, cnameChain: [...chain] } : { ...qname };
      this.#ctx.addressName({ address, name, tsMicros: ts, client });
    }
  }

  end(): void {
    for (const [key, f] of this.#netflow) emitFlow(this.#ctx, f, { key, primary: true });
    this.#netflow.clear();
  }
}

export const suricataEveFormat: LogFormat = {
  id: ID,
  description: 'Suricata EVE JSON (flow, netflow, dns, tls, http, quic events)',
  sniff(head) {
    return head.some((l) => {
      const t = l.trimStart();
      return (
        t.startsWith('{') &&
        t.includes('"event_type"') &&
        (t.includes('"src_ip"') || t.includes('"flow_id"') || t.includes('"timestamp"'))
      );
    });
  },
  createParser: (ctx) => new SuricataParser(ctx),
};
