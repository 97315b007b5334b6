/**
 * The common Zeek conn.log row (zeek-conn-fast.ts: ASCII writer, one-character separator, '-' unset, ts as
 * epoch seconds, tcp/udp/icmp) read from its bytes in the chunk buffer: columns found by one byte scan,
 * numbers and dotted quads read in place, states and histories looked up by their bytes; the only strings
 * built are the uid's join key and addresses other than dotted quads. Anything else is declined, having
 * done nothing a text reading would see differently, and zeek.ts reads the decoded line as before.
 */
import {
  addressBytes,
  countAt,
  ICMP,
  LOWER_TRANSPORTS,
  portAt,
  splitBytes,
  TCP,
  TokenCache,
  transportAt,
} from './byte-walk.js';
import { newBounds } from './field-walk.js';
import type { JoinHint, LogContext } from './log-format.js';
import { emitFlow, reusableFields } from './log-record.js';
import type { LogTime } from './log-time.js';
import { ConnColumns, endReason, historyFlags, type ZeekConnColumn } from './zeek-conn-fast.js';
import type { ZeekTsvHeader } from './zeek-rows.js';

/** Whole seconds up to this many digits make µs below 2^53 (see durationMicros). */
const MAX_WHOLE_DIGITS = 9;

/**
 * Decimal seconds `D{1,maxWhole}[.D{minFraction,6}]` in buf[s, e) → µs, exactly from the digits; -1 (decline)
 * for any other text.
 */
function decimalMicrosAt(buf: Uint8Array, s: number, e: number, maxWhole: number, minFraction: number): number {
  let whole = 0;
  let i = s;
  while (i < e && buf[i] !== 46) {
    const c = (buf[i] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    whole = whole * 10 + c;
    i++;
  }
  if (i === s || i - s > maxWhole) return -1;
  if (i === e) return whole * 1_000_000;
  if (e - i - 1 < minFraction || e - i - 1 > 6) return -1;
  let frac = 0;
  let scale = 100_000;
  for (let j = i + 1; j < e; j++) {
    const c = (buf[j] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    frac += c * scale;
    scale /= 10;
  }
  return whole * 1_000_000 + frac;
}

/** Epoch seconds `D{1,12}[.D{0,6}]` in buf[s, e) → µs, or -1 (decline): zeek-conn-fast.ts epochMicros. */
function epochMicrosAt(buf: Uint8Array, s: number, e: number): number {
  return decimalMicrosAt(buf, s, e, 12, 0);
}

/**
 * `Math.round(Number(text) * 1e6)` for a duration `D{1,9}[.D{1,6}]` in buf[s, e), computed exactly from the
 * digits; -1 (decline) for any other text. Exact because the text's value is N/1e6 with N < 1e15: Number()
 * is within N·2^-53 of it and the product within N·2^-52 < 0.5 of N, so the rounding gives N.
 */
export function durationMicros(buf: Uint8Array, s: number, e: number): number {
  return decimalMicrosAt(buf, s, e, MAX_WHOLE_DIGITS, 1);
}

/** conn_state text → endReason, by its bytes; null = decline. */
const STATES = new TokenCache<string | null>(8, 16, endReason, null);
/** history text → TCP flags; null = decline (non-ASCII: its lower case is not the ASCII one). */
const HISTORIES = new TokenCache<string | null>(10, 32, historyFlags, null);

export class ZeekConnBytes {
  readonly #ctx: LogContext;
  readonly #time: LogTime;
  readonly #tsv: ZeekTsvHeader;
  readonly #bounds = newBounds();
  readonly #columns = new ConnColumns();
  /** Reused for every row: the run copies what it keeps during the emit. */
  readonly #fields = reusableFields('zeek-conn', { lastMicros: 0, packetsIn: null, bytesIn: null });
  readonly #join: JoinHint = { key: '', primary: true };

  constructor(ctx: LogContext, time: LogTime, tsv: ZeekTsvHeader) {
    this.#ctx = ctx;
    this.#time = time;
    this.#tsv = tsv;
  }

  /** Reads buf[s, e) as a conn.log row if it is the common case; false (nothing done) otherwise. */
  line(buf: Buffer, s: number, e: number, lineNo: number): boolean {
    const tsv = this.#tsv;
    if (e <= s || buf[s] === 35 /* # */ || buf[s] === 123 /* { */) return false;
    if (tsv.path !== 'conn' || tsv.unset !== '-' || tsv.separator.length !== 1) return false;
    const sep = tsv.separator.charCodeAt(0);
    if (sep >= 0x80) return false;
    const ix = this.#columns.of(tsv.fields);
    if (ix === null) return false;
    const b = this.#bounds;
    if (splitBytes(buf, s, e, sep, b) !== tsv.fields.length) return false;
    const at = (k: number) => b[2 * k] ?? 0;
    const to = (k: number) => b[2 * k + 1] ?? 0;
    if (to(ix.ts) - at(ix.ts) > 32) return false;
    const ts = epochMicrosAt(buf, at(ix.ts), to(ix.ts));
    if (ts < 0) return false;
    const p = ix.proto;
    const pro = transportAt(buf, at(p), to(p), LOWER_TRANSPORTS);
    if (pro === null) return false;
    const cport = portAt(buf, at(ix['id.orig_p']), to(ix['id.orig_p']));
    const sport = portAt(buf, at(ix['id.resp_p']), to(ix['id.resp_p']));
    if (cport < -1 || sport < -1) return false;
    const client = addressBytes(buf, at(ix['id.orig_h']), to(ix['id.orig_h']));
    if (client === null) return false;
    const server = addressBytes(buf, at(ix['id.resp_h']), to(ix['id.resp_h']));
    if (server === null) return false;
    const isUnset = (c: ZeekConnColumn) => to(ix[c]) - at(ix[c]) === 1 && buf[at(ix[c])] === 45;
    const dur = isUnset('duration') ? 0 : durationMicros(buf, at(ix.duration), to(ix.duration));
    if (dur < 0) return false;
    const oPkts = countAt(buf, at(ix.orig_pkts), to(ix.orig_pkts));
    const rPkts = countAt(buf, at(ix.resp_pkts), to(ix.resp_pkts));
    const oBytes = countAt(buf, at(ix.orig_ip_bytes), to(ix.orig_ip_bytes));
    const rBytes = countAt(buf, at(ix.resp_ip_bytes), to(ix.resp_ip_bytes));
    if (oPkts < -1 || rPkts < -1 || oBytes < -1 || rBytes < -1) return false;
    let flags = '';
    if (pro === TCP && !isUnset('history')) {
      const f = HISTORIES.get(buf, at(ix.history), to(ix.history));
      if (f === null) return false;
      flags = f;
    }
    let end = 'end-of-input';
    if (!isUnset('conn_state')) {
      const r = STATES.get(buf, at(ix.conn_state), to(ix.conn_state));
      if (r === null) return false;
      end = r;
    }
    let join: JoinHint | undefined;
    if (!isUnset('uid')) {
      const u0 = at(ix.uid);
      const u1 = to(ix.uid);
      for (let i = u0; i < u1; i++) if ((buf[i] ?? 0) >= 0x80) return false;
      join = this.#join;
      join.key = `zeek:${buf.toString('latin1', u0, u1)}`;
    }
    const micros = this.#time.epoch(ts);
    const ports = pro !== ICMP;
    const fields = this.#fields;
    fields.proto = pro.proto;
    fields.ipProto = pro.ipProto;
    fields.client = client;
    fields.clientPort = ports ? Math.max(cport, 0) : 0;
    fields.server = server;
    fields.serverPort = ports ? Math.max(sport, 0) : 0;
    fields.firstMicros = micros;
    fields.lastMicros = micros + dur;
    fields.packetsOut = oPkts < 0 ? null : oPkts;
    fields.packetsIn = rPkts < 0 ? null : rPkts;
    fields.bytesOut = oBytes < 0 ? null : oBytes;
    fields.bytesIn = rBytes < 0 ? null : rBytes;
    fields.tcpFlags = flags;
    fields.endReason = end;
    fields.line = lineNo;
    emitFlow(this.#ctx, fields, join);
    return true;
  }
}
