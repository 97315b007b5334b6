/**
 * Building FlowRecords from log fields, with the defaults every log format shares, and the small text helpers
 * (anomaly quoting, host name clean-up) the formats need.
 */
import type { AnomalyLocation } from '../../core/anomalies.js';
import { toSafeName } from '../../decode/names/safe-name.js';
import type { NameVia } from '../../decode/names/types.js';
import type { FlowName, FlowProto, FlowRecord } from '../../flows/flow-record.js';
import type { JoinHint, LogContext } from './log-format.js';

/** Characters of a bad line kept in an anomaly example. */
export const QUOTE_CHARS = 160;
/** Times outside 1990..2100 are parse garbage, not log times. */
const MIN_MICROS = Date.UTC(1990, 0, 1) * 1000;
const MAX_MICROS = Date.UTC(2100, 0, 1) * 1000;

/** Escapes control characters and non-ASCII as \xNN / \u{...} so a quoted line cannot drive a terminal. */
export function escapeText(s: string, max = QUOTE_CHARS): string {
  let out = '';
  const n = Math.min(s.length, max);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) out += c === 0x5c ? '\\\\' : `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c > 0x7e) out += `\\u{${c.toString(16)}}`;
    else out += s[i];
  }
  return s.length > max ? `${out}…` : out;
}

/** Counts a skipped line under `reason`, quoting it (escaped) in the first few examples. */
export function badLine(ctx: LogContext, reason: string, lineNo: number, text: string, why?: string): void {
  const where: AnomalyLocation = {
    file: ctx.file,
    line: lineNo,
    detail: why ? `${why}: ${escapeText(text)}` : escapeText(text),
  };
  ctx.anomalies.add(reason, where);
}

/**
 * A host name from a log made safe to carry (decode/names/safe-name.ts: lower case, no trailing dot, anything
 * outside letters/digits/-/./_ escaped as \xNN and flagged). Placeholders ('-', '(empty)') are no name.
 */
export function logName(raw: string, via: NameVia, line: number): FlowName | null {
  const s = raw.trim();
  if (s === '' || s === '-' || s === '.' || s === '(empty)') return null;
  const safe = toSafeName(s);
  if (safe.name === '') return null;
  const name: FlowName = { name: safe.name, via, frame: line };
  if (safe.unicode !== undefined) name.unicode = safe.unicode;
  if (safe.suspicious !== undefined) name.suspicious = safe.suspicious;
  return name;
}

/**
 * An address as a parser hands it over: canonical text, or a dotted-quad IPv4 already packed into its 32-bit
 * value (0 .. 2^32-1, as flow-store.ts packs the text), which the byte-level readers give to build no string.
 */
export type LogAddress = string | number;

export interface FlowFields {
  proto: FlowProto;
  ipProto: number;
  client: LogAddress;
  clientPort: number;
  server: LogAddress;
  serverPort: number;
  firstMicros: number;
  lastMicros?: number;
  packetsOut?: number | null;
  packetsIn?: number | null;
  bytesOut?: number | null;
  bytesIn?: number | null;
  /** Both directions summed, for logs that give nothing else (see FlowRecord.bytesTotal). */
  bytesTotal?: number | null;
  tcpFlags?: string;
  endReason: string;
  action?: string;
  names?: FlowName[];
  process?: FlowRecord['process'];
  /** Shorthand for `process: { pid }` that costs no object per record (used when process is absent). */
  pid?: number;
  http?: FlowRecord['http'];
  /** From TLS logs that show the server certificate's subject and issuer (Suricata tls, Zeek ssl). */
  serverCertificate?: FlowRecord['serverCertificate'];
  line: number;
  format: string;
}

/**
 * A record for a byte reader to fill in and emit line after line (the run copies what it keeps during an emit;
 * a fresh object per line was most of what a reader left to the garbage collector): every field a reader sets
 * is there from the start (`also`: the ones only some readers set), so the object keeps one shape.
 */
export function reusableFields(format: string, also: Partial<FlowFields> = {}): FlowFields {
  return {
    proto: 'tcp',
    ipProto: 6,
    client: 0,
    clientPort: 0,
    server: 0,
    serverPort: 0,
    firstMicros: 0,
    packetsOut: null,
    bytesOut: null,
    tcpFlags: '',
    endReason: '',
    line: 0,
    format,
    ...also,
  };
}

/** True when a time is plausible for a log record (rejects NaN and parse garbage). */
export function plausibleMicros(t: number): boolean {
  return Number.isFinite(t) && t >= MIN_MICROS && t < MAX_MICROS;
}

/** Hands a record built from `f` to the run; returns false (nothing emitted) when its time is implausible. */
export function emitFlow(ctx: LogContext, f: FlowFields, join?: JoinHint): boolean {
  if (!plausibleMicros(f.firstMicros)) return false;
  ctx.emit(f, join);
  return true;
}

/** Non-negative integer from text, or null ('-', '', garbage). */
export function count(raw: string | undefined | null): number | null {
  if (raw === undefined || raw === null || raw === '' || raw.length > 16) return null;
  const v = Number(raw);
  return Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** Orders TCP flag letters as FlowRecord wants them (FSRPAUEC), dropping anything else. */
export function orderFlags(letters: string): string {
  let out = '';
  for (const f of 'FSRPAUEC') if (letters.includes(f)) out += f;
  return out;
}
