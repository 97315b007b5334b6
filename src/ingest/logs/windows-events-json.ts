/**
 * Windows network events as JSON, one object per line or pretty-printed (arrays allowed), in the shapes
 * shippers write: Winlogbeat/ECS (`winlog.event_id`, `winlog.event_data.*`), evtx_dump (`Event.System.EventID`,
 * `Event.EventData.*`), NXLog/OTRF flat objects (`EventID` and the data fields at top level). Mapping to flows
 * is shared with the XML reader (windows-event-map.ts).
 */

import { JsonRecords } from './json-records.js';
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { LogTime } from './log-time.js';
import { mapWindowsEvent } from './windows-event-map.js';

const ID = 'windows-events-json';
type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const scalar = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

function dataMap(o: Obj | null): Map<string, string> {
  const m = new Map<string, string>();
  if (o === null) return m;
  for (const [k, v] of Object.entries(o)) {
    const s = scalar(v);
    if (s !== null) m.set(k, s);
  }
  return m;
}

/** Winlogbeat's ECS pipelines move event_data into ECS fields: map them back to the Sysmon names. */
function ecsData(o: Obj, data: Map<string, string>): void {
  const at = (path: string): string | null => {
    let v: unknown = o;
    for (const k of path.split('.')) v = obj(v)?.[k];
    return scalar(v);
  };
  const put = (key: string, path: string) => {
    const v = at(path);
    if (v !== null && !data.has(key)) data.set(key, v);
  };
  put('SourceIp', 'source.ip');
  put('SourcePort', 'source.port');
  put('DestinationIp', 'destination.ip');
  put('DestinationPort', 'destination.port');
  put('DestinationHostname', 'destination.domain');
  put('Protocol', 'network.transport');
  put('Image', 'process.executable');
  put('ProcessId', 'process.pid');
  put('User', 'user.name');
  put('QueryName', 'dns.question.name');
  const dir = at('network.direction');
  if (dir !== null) data.set('Initiated', String(dir === 'egress' || dir === 'outbound'));
  const answers = obj(o.dns)?.answers;
  if (Array.isArray(answers)) {
    // Rebuild Sysmon's QueryResults text ("type:  5 cname;1.2.3.4;") so one parser reads both.
    const parts: string[] = [];
    for (const a of answers) {
      const type = scalar(obj(a)?.type);
      const value = scalar(obj(a)?.data);
      if (value === null) continue;
      parts.push(type === 'CNAME' ? `type:  5 ${value}` : value);
    }
    if (!data.has('QueryResults')) data.set('QueryResults', parts.join(';'));
  }
}

/** Event id, data and UTC time from any of the supported shapes, or null. */
export function eventFromJson(
  o: Obj,
): { eventId: number; data: Map<string, string>; systemTime: string | null } | null {
  const winlog = obj(o.winlog);
  if (winlog !== null) {
    const id = Number(scalar(winlog.event_id) ?? Number.NaN);
    const data = dataMap(obj(winlog.event_data));
    if (!data.has('DestinationIp') && !data.has('QueryName') && !data.has('DestAddress')) ecsData(o, data);
    return { eventId: id, data, systemTime: scalar(o['@timestamp']) };
  }
  const ev = obj(o.Event);
  if (ev !== null) {
    const sys = obj(ev.System);
    const idRaw = sys?.EventID;
    const id = Number(scalar(obj(idRaw)?.['#text'] ?? idRaw) ?? Number.NaN);
    const tc = obj(sys?.TimeCreated);
    const time = scalar(obj(tc?.['#attributes'])?.SystemTime ?? tc?.SystemTime);
    return { eventId: id, data: dataMap(obj(ev.EventData)), systemTime: time };
  }
  const idRaw = o.EventID ?? o.EventId ?? o.event_id;
  if (idRaw === undefined) return null;
  const data = dataMap(o);
  // NXLog EventTime is local; TimeCreated / @timestamp are UTC (UtcTime wins in the mapper when present).
  return { eventId: Number(scalar(idRaw)), data, systemTime: scalar(o.TimeCreated) ?? scalar(o['@timestamp']) };
}

class WindowsEventsJsonParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #records: JsonRecords;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
    this.#records = new JsonRecords({
      record: (text, line) => this.#record(text, line),
      tooLong: (line) => ctx.anomalies.add(`${ID}-event-too-long`, { file: ctx.file, line }),
    });
  }

  #record(text: string, line: number): void {
    let o: Obj | null = null;
    try {
      o = obj(JSON.parse(text));
    } catch {
      o = null;
    }
    const ev = o === null ? null : eventFromJson(o);
    if (ev === null || !Number.isSafeInteger(ev.eventId)) {
      this.#ctx.anomalies.add(`${ID}-bad-event`, { file: this.#ctx.file, line, detail: text.slice(0, 120) });
      return;
    }
    mapWindowsEvent(this.#ctx, this.#time, { ...ev, line, format: ID }, text);
  }

  line(text: string, lineNo: number): void {
    this.#records.line(text, lineNo);
  }

  end(): void {
    if (this.#records.open) this.#ctx.anomalies.add(`${ID}-truncated-event`, { file: this.#ctx.file });
  }
}

export const windowsEventsJsonFormat: LogFormat = {
  id: ID,
  description: 'Windows event log JSON (Winlogbeat, evtx_dump, NXLog): Sysmon 3/22, Security 5156/5157',
  sniff(head) {
    const text = head.join('\n');
    if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) return false;
    const sysmon = text.includes('Microsoft-Windows-Sysmon') || text.includes('"sysmon"');
    const security = text.includes('Microsoft-Windows-Security-Auditing') || text.includes('"Security"');
    const shape =
      text.includes('"winlog"') ||
      text.includes('"EventData"') ||
      text.includes('"EventID"') ||
      text.includes('"event_id"');
    return sysmon || security || (shape && text.includes('"EventID"'));
  },
  createParser: (ctx) => new WindowsEventsJsonParser(ctx),
};
