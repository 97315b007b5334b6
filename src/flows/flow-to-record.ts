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
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) return null;
    prefix = date.toISOString().slice(0, 19);
    if (secondCache.size >= SECOND_CACHE_LIMIT) secondCache.clear();
    secondCache.set(second, prefix);
  }
  return prefix;
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
    names: d === null ? [] : d.names,
    source: { file: flow.file, firstFrame: flow.firstFrame, format: flow.format },
  };
  if (d !== null) {
    if (d.alpn !== undefined) record.alpn = d.alpn;
    if (d.tlsVersions !== undefined) record.tlsVersions = d.tlsVersions;
    if (d.ech !== undefined) record.ech = d.ech;
    if (d.serverCertificate !== undefined) record.serverCertificate = d.serverCertificate;
    if (d.http !== undefined) record.http = d.http;
    if (d.pii !== undefined) record.pii = d.pii;
  }
  if (flow.decrypted !== undefined) record.decrypted = flow.decrypted;
  if (flow.content !== undefined) record.content = flow.content;
  return record;
}
