/**
 * Windows network events, whatever their container (XML, Winlogbeat JSON, evtx_dump JSON, NXLog JSON), mapped
 * to flows and names:
 * - Sysmon 3 NetworkConnect: Image, User, ProcessId, Protocol, Initiated, SourceIp/Port, DestinationIp/Port,
 *   DestinationHostname, UtcTime (UTC). The Source is the connection's initiator in both directions
 *   (Initiated=false: a peer connected to this host), so client = Source.
 * - Sysmon 22 DnsQuery: QueryName, QueryResults ("type:  5 cname;::ffff:1.2.3.4;") → address → name facts.
 * - Security 5156 (WFP permitted) / 5157 (blocked): Application, ProcessID, Direction (%%14592 inbound,
 *   %%14593 outbound), SourceAddress/Port = the LOCAL end, DestAddress/Port = the remote end, Protocol number.
 *   Outbound: client = Source; inbound: client = Dest. 5158 (bind) has no peer and is not a flow.
 */
import type { FlowName } from '../../flows/flow-record.js';
import { normalizeAddress, parsePort, parseProto } from './log-address.js';
import type { LogContext } from './log-format.js';
import { badLine, count, emitFlow, logName } from './log-record.js';
import { type LogTime, parseDateTime } from './log-time.js';

export interface WindowsEvent {
  eventId: number;
  /** Event data by name (EventData/Data Name=...). */
  data: Map<string, string>;
  /** System/TimeCreated/@SystemTime or another UTC time of the event, as text. */
  systemTime: string | null;
  line: number;
  format: string;
}

/** UtcTime (Sysmon) or SystemTime: UTC by definition even when written without a zone. */
function eventMicros(ev: WindowsEvent, time: LogTime): number {
  for (const raw of [ev.data.get('UtcTime'), ev.systemTime]) {
    if (raw === undefined || raw === null) continue;
    const t = parseDateTime(raw.trim());
    if (t !== null) return time.stated(t.wallMicros, t.offsetMinutes ?? 0);
  }
  // NXLog's EventTime is the collector's local time: only when nothing better exists (zone option, else UTC).
  const local = ev.data.get('EventTime');
  const t = local === undefined ? null : parseDateTime(local.trim());
  return t === null ? Number.NaN : time.resolve(t);
}

const yes = (v: string | undefined) => v !== undefined && v.toLowerCase() === 'true';

export function mapWindowsEvent(ctx: LogContext, time: LogTime, ev: WindowsEvent, rawForAnomaly: string): void {
  const d = ev.data;
  const reason = `${ev.format}-bad-event`;
  if (ev.eventId === 22 && d.has('QueryName')) {
    dnsQuery(ctx, time, ev, rawForAnomaly);
    return;
  }
  const sysmon3 = ev.eventId === 3 && d.has('DestinationIp');
  const wfp = (ev.eventId === 5156 || ev.eventId === 5157) && d.has('DestAddress');
  if (!sysmon3 && !wfp) {
    ctx.anomalies.add(`${ev.format}-not-a-flow-event`, {
      file: ctx.file,
      line: ev.line,
      detail: `event ${ev.eventId}`,
    });
    return;
  }
  const micros = eventMicros(ev, time);
  const proto = parseProto(d.get('Protocol') ?? '');
  const src = normalizeAddress(d.get(sysmon3 ? 'SourceIp' : 'SourceAddress') ?? '');
  const dst = normalizeAddress(d.get(sysmon3 ? 'DestinationIp' : 'DestAddress') ?? '');
  const sport = parsePort(d.get('SourcePort'));
  const dport = parsePort(d.get(sysmon3 ? 'DestinationPort' : 'DestPort'));
  if (Number.isNaN(micros) || proto === null || src === null || dst === null || sport < 0 || dport < 0) {
    badLine(ctx, reason, ev.line, rawForAnomaly, 'bad time, protocol, address or port');
    return;
  }
  const direction = d.get('Direction') ?? '';
  const inbound = wfp && (direction === '%%14592' || direction.toLowerCase() === 'inbound');
  const pid = count(d.get('ProcessId') ?? d.get('ProcessID'));
  const image = d.get(sysmon3 ? 'Image' : 'Application');
  const user = d.get('User');
  const process: { image?: string; pid?: number; user?: string } = {};
  if (image !== undefined && image !== '' && image !== '-') process.image = image;
  if (pid !== null) process.pid = pid;
  if (user !== undefined && user !== '' && user !== '-') process.user = user;
  const names: FlowName[] = [];
  const host = sysmon3 ? d.get('DestinationHostname') : undefined;
  const n = host === undefined ? null : logName(host, 'dns', ev.line);
  if (n !== null) names.push(n);
  const ports = proto.proto === 'tcp' || proto.proto === 'udp';
  emitFlow(ctx, {
    proto: proto.proto,
    ipProto: proto.ipProto,
    client: inbound ? dst : src,
    clientPort: ports ? (inbound ? dport : sport) : 0,
    server: inbound ? src : dst,
    serverPort: ports ? (inbound ? sport : dport) : 0,
    firstMicros: micros,
    endReason: ev.eventId === 5157 ? 'drop' : 'log',
    action: ev.eventId === 5157 ? 'drop' : sysmon3 ? (yes(d.get('Initiated')) ? 'outbound' : 'inbound') : 'allow',
    names,
    ...(Object.keys(process).length > 0 ? { process } : {}),
    line: ev.line,
    format: ev.format,
  });
}

function dnsQuery(ctx: LogContext, time: LogTime, ev: WindowsEvent, raw: string): void {
  const micros = eventMicros(ev, time);
  const q = logName(ev.data.get('QueryName') ?? '', 'dns', ev.line);
  if (Number.isNaN(micros) || q === null) {
    badLine(ctx, `${ev.format}-bad-event`, ev.line, raw, 'bad DNS query event');
    return;
  }
  const chain = [q.name];
  for (const item of (ev.data.get('QueryResults') ?? '').split(';')) {
    const t = item.trim();
    if (t === '' || t === '-') continue;
    if (t.startsWith('type:')) {
      // "type:  5 target" = CNAME (RR type 5); other types carry no address.
      const rest = t.slice(5).trim();
      const sp = rest.indexOf(' ');
      if (rest.slice(0, sp) === '5') {
        const c = logName(rest.slice(sp + 1), 'dns', ev.line);
        if (c !== null && chain.length < 16) chain.push(c.name);
      }
      continue;
    }
    const address = normalizeAddress(t);
    if (address === null) continue;
    ctx.addressName({
      address,
      name: chain.length > 1 ? { ...q, cnameChain: [...chain] } : { ...q },
      tsMicros: micros,
    });
  }
}
