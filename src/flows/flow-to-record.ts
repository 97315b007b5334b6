/** Turns a flow leaving the table (a view of its columns) into the stable FlowRecord contract. */

import type { EndedFlow } from './ended-flow.js';
import type { FlowRecord } from './flow-record.js';

const FLAG_LETTERS: [number, string][] = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, 'A'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'C'],
];

function lettersOf(flags: number): string {
  let out = '';
  for (const [bit, letter] of FLAG_LETTERS) if ((flags & bit) !== 0) out += letter;
  return out;
}

/** All 256 flag bytes spelt once (flat strings), so a flow's letters are a table read, not a concatenation. */
const LETTERS_BY_BYTE: string[] = Array.from({ length: 256 }, (_, b) => lettersOf(b));

export function tcpFlagLetters(flags: number): string {
  return LETTERS_BY_BYTE[flags & 0xff] ?? lettersOf(flags);
}

/**
 * Formatted whole seconds: flows end in bursts, and a flow's first and last second alternate, so a small cache
 * of second → "YYYY-MM-DDTHH:MM:SS" saves nearly all Date work.
 */
const secondCache = new Map<number, string>();
const SECOND_CACHE_LIMIT = 4096;

/** "YYYY-MM-DDTHH:MM:SS" of a whole second since the epoch (UTC), or null when no date has it. */
export function isoSecondPrefix(second: number): string | null {
  let prefix = secondCache.get(second);
  if (prefix === undefined) {
    const made = secondPrefixOf(second);
    if (made === null) return null;
    prefix = made;
    if (secondCache.size >= SECOND_CACHE_LIMIT) secondCache.clear();
    secondCache.set(second, prefix);
  }
  return prefix;
}

/**
 * "YYYY-MM-DDT" by day: an audit spells its groups' times in report order, which jumps between seconds, so the
 * second cache missed nearly every time and a Date was made and formatted each time (1.2 s of a 400,000-line
 * firewall log's audit); days repeat, and the time of day is arithmetic.
 */
const dayCache = new Map<number, string>();
const DAY_CACHE_LIMIT = 4096;
/** The greatest distance from the epoch a Date holds, in milliseconds. */
const MAX_DATE_MS = 8.64e15;
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function secondPrefixOf(second: number): string | null {
  if (Number.isInteger(second)) {
    const day = Math.floor(second / 86_400);
    let date = dayCache.get(day);
    if (date === undefined) {
      const start = new Date(day * 86_400_000);
      const text = Number.isNaN(start.getTime()) ? '' : start.toISOString();
      // Four-digit years only ("+010000-…" is another shape): the others go the slow way below.
      date = text.length === 24 && text.charCodeAt(0) !== 0x2b && text.charCodeAt(0) !== 0x2d ? text.slice(0, 11) : '';
      if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
      dayCache.set(day, date);
    }
    // The day's start is a date, but its last seconds may not be (the end of the Date range): checked.
    if (date !== '' && Math.abs(second * 1000) <= MAX_DATE_MS) {
      const t = second - day * 86_400;
      const h = Math.floor(t / 3600);
      const m = Math.floor((t % 3600) / 60);
      return `${date}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[t % 60]}`;
    }
  }
  const date = new Date(second * 1000);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19);
}

/** What isoMicros gives for a time no date has. */
export const NO_DATE = '1970-01-01T00:00:00.000000Z';

/** ISO 8601 UTC with microseconds: 2026-11-29T10:00:00.123456Z. */
export function isoMicros(tsMicros: number): string {
  const micros = Math.floor(tsMicros);
  const second = Math.floor(micros / 1_000_000);
  const prefix = isoSecondPrefix(second);
  if (prefix === null) return NO_DATE;
  const frac = micros - second * 1_000_000;
  return `${prefix}.${frac < 100_000 ? String(frac + 1_000_000).slice(1) : frac}Z`;
}

export function flowToRecord(flow: EndedFlow): FlowRecord {
  const proto = flow.proto;
  const d = flow.details;
  const record: FlowRecord = {
    proto,
    ipProto: flow.ipProto,
    client: flow.client,
    clientPort: flow.clientPort,
    server: flow.server,
    serverPort: flow.serverPort,
    firstSeen: isoMicros(flow.firstTs),
    lastSeen: isoMicros(flow.lastTs),
    packetsOut: flow.packetsOut,
    packetsIn: flow.packetsIn,
    bytesOut: flow.bytesOut,
    bytesIn: flow.bytesIn,
    rttMs: flow.rttMs,
    tcpFlags: proto === 'tcp' ? tcpFlagLetters(flow.tcpFlags) : '',
    endReason: flow.endReason,
    tunnelDepth: flow.tunnelDepth,
    // A list of its own when empty: flows without names share one empty list, which must never be written to.
    names: d === null || d.names.length === 0 ? [] : d.names,
    source: { file: flow.file, firstFrame: flow.firstFrame, format: flow.format },
  };
  if (d !== null) {
    // Copies: a record is the caller's to change, the flow's lists are shared with other flows.
    if (d.alpn !== undefined) record.alpn = d.alpn.slice();
    if (d.tlsVersions !== undefined) record.tlsVersions = d.tlsVersions.slice();
    if (d.ech !== undefined) record.ech = d.ech;
    if (d.serverCertificate !== undefined) record.serverCertificate = d.serverCertificate;
    if (d.http !== undefined) record.http = d.http;
    if (d.pii !== undefined) record.pii = d.pii;
  }
  if (flow.decrypted !== undefined) record.decrypted = flow.decrypted;
  if (flow.content !== undefined) record.content = flow.content;
  return record;
}
