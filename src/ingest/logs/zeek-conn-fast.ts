/**
 * The common Zeek conn.log row (ASCII writer, one-character separator, '-' unset, ts as epoch seconds,
 * tcp/udp/icmp) read by walking the column boundaries instead of building a row object: no split array, no
 * closures, no per-field map lookups. Anything else returns false having done nothing, and zeek.ts reads the
 * line exactly as it always did. Field semantics are those of zeek.ts (see there for why *_ip_bytes).
 */
import { isWord, newBounds, plainCount, plainPort, splitBounds } from './field-walk.js';
import { addressAt } from './log-address.js';
import type { LogContext } from './log-format.js';
import { count, emitFlow } from './log-record.js';
import type { LogTime } from './log-time.js';
import type { ZeekTsvHeader } from './zeek-rows.js';

/** Zeek conn.log history letters → TCP flags seen (upper case = originator; 'h' = SYN-ACK). */
export function historyFlags(h: string | null): string {
  if (h === null) return '';
  const l = h.toLowerCase();
  let f = '';
  if (l.includes('f')) f += 'F';
  if (l.includes('s') || l.includes('h')) f += 'S';
  if (l.includes('r')) f += 'R';
  if (l.includes('a') || l.includes('h') || l.includes('d')) f += 'A';
  return f;
}

export function endReason(state: string | null): string {
  if (state === 'SF') return 'fin';
  if (state !== null && (state.startsWith('RST') || state === 'REJ')) return 'rst';
  return state ?? 'end-of-input';
}

/** The columns the fast readers use (zeek-conn-bytes.ts too). */
export const ZEEK_CONN_COLUMNS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'duration',
  'orig_pkts',
  'resp_pkts',
  'orig_ip_bytes',
  'resp_ip_bytes',
  'history',
  'conn_state',
] as const;
export type ZeekConnColumn = (typeof ZEEK_CONN_COLUMNS)[number];
type Column = ZeekConnColumn;

/** Indexes of the conn columns in a #fields list (kept until the list changes); null when one is missing. */
export class ConnColumns {
  #fields: readonly string[] | null = null;
  #ix: Record<Column, number> | null = null;

  of(fields: readonly string[]): Record<Column, number> | null {
    if (fields !== this.#fields) {
      this.#fields = fields;
      const ix = {} as Record<Column, number>;
      let ok = true;
      for (const c of ZEEK_CONN_COLUMNS) {
        ix[c] = fields.lastIndexOf(c); // the row accessor maps a repeated name to its last column
        if (ix[c] < 0) ok = false;
      }
      this.#ix = ok ? ix : null;
    }
    return this.#ix;
  }
}

const TCP = { proto: 'tcp', ipProto: 6 } as const;
const UDP = { proto: 'udp', ipProto: 17 } as const;
const ICMP = { proto: 'icmp', ipProto: 1 } as const;

/** Epoch seconds `D{1,12}[.D{0,6}]` in text[s, e) → µs, or -1 (then zeek.ts's tsMicros decides). */
function epochMicros(text: string, s: number, e: number): number {
  let whole = 0;
  let i = s;
  while (i < e && text.charCodeAt(i) !== 46) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    whole = whole * 10 + c;
    i++;
  }
  if (i === s || i - s > 12) return -1;
  if (i === e) return whole * 1_000_000;
  let frac = 0;
  let scale = 100_000;
  for (let j = i + 1; j < e; j++) {
    const c = text.charCodeAt(j) - 48;
    if (c < 0 || c > 9 || scale < 1) return -1;
    frac += c * scale;
    scale /= 10;
  }
  return whole * 1_000_000 + frac;
}

export class ZeekConnFastPath {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #tsv: ZeekTsvHeader;
  readonly #bounds = newBounds();
  readonly #columns = new ConnColumns();
  #lastHistory = '';
  #lastFlags = '';

  constructor(ctx: LogContext, time: LogTime, tsv: ZeekTsvHeader) {
    this.#ctx = ctx;
    this.#time = time;
    this.#tsv = tsv;
  }

  /** Reads `text` as a conn.log row if it is the common case; false (nothing done) otherwise. */
  line(text: string, lineNo: number): boolean {
    const tsv = this.#tsv;
    if (tsv.path !== 'conn' || tsv.unset !== '-' || tsv.separator.length !== 1) return false;
    const ix = this.#columns.of(tsv.fields);
    if (ix === null) return false;
    const b = this.#bounds;
    if (splitBounds(text, tsv.separator, b) !== tsv.fields.length) return false;
    const at = (k: number) => b[2 * k] ?? 0;
    const to = (k: number) => b[2 * k + 1] ?? 0;
    const ts = epochMicros(text, at(ix.ts), to(ix.ts));
    if (ts < 0 || to(ix.ts) - at(ix.ts) > 32) return false;
    const p = ix.proto;
    const pro = isWord(text, at(p), to(p), 'tcp')
      ? TCP
      : isWord(text, at(p), to(p), 'udp')
        ? UDP
        : isWord(text, at(p), to(p), 'icmp')
          ? ICMP
          : null;
    if (pro === null) return false;
    const cport = plainPort(text, at(ix['id.orig_p']), to(ix['id.orig_p']));
    const sport = plainPort(text, at(ix['id.resp_p']), to(ix['id.resp_p']));
    if (cport < -1 || sport < -1) return false;
    const client = addressAt(text, at(ix['id.orig_h']), to(ix['id.orig_h']));
    const server = addressAt(text, at(ix['id.resp_h']), to(ix['id.resp_h']));
    if (client === null || server === null) return false;
    const micros = this.#time.epoch(ts);
    const value = (c: Column): string | null => {
      const s = at(ix[c]);
      const e = to(ix[c]);
      return e - s === 1 && text.charCodeAt(s) === 45 ? null : text.slice(s, e);
    };
    const num = (c: Column): number | null => {
      const v = plainCount(text, at(ix[c]), to(ix[c]));
      return v >= 0 ? v : v === -1 ? null : count(text.slice(at(ix[c]), to(ix[c])));
    };
    const dur = Number(value('duration') ?? '0');
    const uid = value('uid');
    const ports = pro !== ICMP;
    emitFlow(
      this.#ctx,
      {
        proto: pro.proto,
        ipProto: pro.ipProto,
        client,
        clientPort: ports ? Math.max(cport, 0) : 0,
        server,
        serverPort: ports ? Math.max(sport, 0) : 0,
        firstMicros: micros,
        lastMicros: micros + (Number.isFinite(dur) && dur > 0 ? Math.round(dur * 1_000_000) : 0),
        packetsOut: num('orig_pkts'),
        packetsIn: num('resp_pkts'),
        bytesOut: num('orig_ip_bytes'),
        bytesIn: num('resp_ip_bytes'),
        tcpFlags: pro === TCP ? this.#flags(value('history')) : '',
        endReason: endReason(value('conn_state')),
        line: lineNo,
        format: 'zeek-conn',
      },
      uid === null ? undefined : { key: `zeek:${uid}`, primary: true },
    );
    return true;
  }

  #flags(history: string | null): string {
    if (history === null) return '';
    if (history !== this.#lastHistory) {
      this.#lastHistory = history;
      this.#lastFlags = historyFlags(history);
    }
    return this.#lastFlags;
  }
}
