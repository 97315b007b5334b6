/**
 * Windows event logs exported as XML: `wevtutil qe <log> /f:xml` (events back to back, often on one line),
 * `/e:Events` wrapped, python-evtx / Event Viewer copies (with "- " bullets), Azure RawXml (single quotes):
 *   <Event xmlns=...><System>...<EventID>3</EventID>...<TimeCreated SystemTime="..."/>...</System>
 *   <EventData><Data Name="SourceIp">10.0.2.15</Data>...</EventData></Event>
 * Events are cut at `</Event>` (the splitter also breaks lines there), then read with plain string scans.
 */
import type { LogContext, LogFormat, LogParser } from './log-format.js';
import { escapeText } from './log-record.js';
import { LogTime } from './log-time.js';
import { mapWindowsEvent } from './windows-event-map.js';

const ID = 'windows-events-xml';
/** Largest single event kept (characters). */
const MAX_EVENT_CHARS = 256 * 1024;

/** Index of an `<Event` start tag (not <Events>, <EventData>, <EventID>, ...), or -1. */
function eventStart(s: string, from = 0): number {
  let i = s.indexOf('<Event', from);
  while (i >= 0) {
    const c = s[i + 6];
    if (c === ' ' || c === '>' || c === '\t' || c === '\n') return i;
    i = s.indexOf('<Event', i + 6);
  }
  return -1;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Math.min(Number.parseInt(e.slice(2), 16), 0x10ffff));
    if (e.startsWith('#')) return String.fromCodePoint(Math.min(Number(e.slice(1)), 0x10ffff));
    return ENTITIES[e] ?? m;
  });
}

/** Value of attribute `name` in the tag starting at `at`, quotes either ' or ". */
function attr(s: string, at: number, name: string): string | null {
  const end = s.indexOf('>', at);
  const tag = s.slice(at, end < 0 ? s.length : end);
  const i = tag.indexOf(`${name}=`);
  if (i < 0) return null;
  const q = tag[i + name.length + 1];
  if (q !== '"' && q !== "'") return null;
  const close = tag.indexOf(q, i + name.length + 2);
  return close < 0 ? null : tag.slice(i + name.length + 2, close);
}

export function parseEventXml(
  xml: string,
): { eventId: number; systemTime: string | null; data: Map<string, string> } | null {
  const idAt = xml.indexOf('<EventID');
  if (idAt < 0) return null;
  const idOpen = xml.indexOf('>', idAt);
  const idClose = xml.indexOf('</EventID>', idOpen);
  const eventId = Number(xml.slice(idOpen + 1, idClose).trim());
  if (idOpen < 0 || idClose < 0 || !Number.isSafeInteger(eventId)) return null;
  const tc = xml.indexOf('<TimeCreated');
  const systemTime = tc < 0 ? null : attr(xml, tc, 'SystemTime');
  const data = new Map<string, string>();
  let i = xml.indexOf('<Data');
  while (i >= 0 && data.size < 200) {
    const name = attr(xml, i, 'Name');
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    let next = gt + 1;
    if (name !== null && xml[gt - 1] !== '/') {
      const close = xml.indexOf('</Data>', gt);
      if (close < 0) break;
      data.set(name, xmlText(xml.slice(gt + 1, close)).trim());
      next = close + 7;
    } else if (name !== null) data.set(name, '');
    i = xml.indexOf('<Data', next);
  }
  return { eventId, systemTime, data };
}

class WindowsEventsXmlParser implements LogParser {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  #buf: string[] = [];
  #size = 0;
  #startLine = 0;
  #inside = false;

  constructor(ctx: LogContext) {
    this.#ctx = ctx;
    this.#time = new LogTime(ctx);
  }

  line(text: string, lineNo: number): void {
    let t = text;
    if (!this.#inside) {
      const at = eventStart(t);
      if (at < 0) return; // <?xml ...?>, <Events>, blank lines between events
      t = t.slice(at);
      this.#inside = true;
      this.#startLine = lineNo;
      this.#buf = [];
      this.#size = 0;
    }
    this.#size += t.length + 1;
    if (this.#size <= MAX_EVENT_CHARS) this.#buf.push(t);
    if (!t.includes('</Event>')) return;
    this.#inside = false;
    if (this.#size > MAX_EVENT_CHARS) {
      this.#ctx.anomalies.add(`${ID}-event-too-long`, { file: this.#ctx.file, line: this.#startLine });
      return;
    }
    const xml = this.#buf.join('\n');
    this.#buf = [];
    const ev = parseEventXml(xml);
    if (ev === null) {
      this.#ctx.anomalies.add(`${ID}-bad-event`, {
        file: this.#ctx.file,
        line: this.#startLine,
        detail: escapeText(xml),
      });
      return;
    }
    mapWindowsEvent(this.#ctx, this.#time, { ...ev, line: this.#startLine, format: ID }, xml);
  }

  end(): void {
    if (this.#inside) this.#ctx.anomalies.add(`${ID}-truncated-event`, { file: this.#ctx.file, line: this.#startLine });
  }
}

export const windowsEventsXmlFormat: LogFormat = {
  id: ID,
  description: 'Windows event log XML (wevtutil /f:xml, Event Viewer): Sysmon 3/22, Security 5156/5157',
  splitAfter: '</Event>',
  sniff(head) {
    const text = head.join('\n');
    return (
      eventStart(text) >= 0 &&
      text.includes('<EventID') &&
      text.includes('schemas.microsoft.com/win/2004/08/events/event')
    );
  },
  createParser: (ctx) => new WindowsEventsXmlParser(ctx),
};
