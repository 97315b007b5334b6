/** Turns a finished flow's live state into the stable FlowRecord contract. */
import type { FlowRecord } from './flow-record.js';
import type { FlowState } from './flow-state.js';

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

/** ISO 8601 UTC with microseconds: 2026-11-29T10:00:00.123456Z. */
export function isoMicros(tsMicros: number): string {
  const micros = Math.floor(tsMicros);
  const second = Math.floor(micros / 1_000_000);
  let prefix = secondCache.get(second);
  if (prefix === undefined) {
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) return '1970-01-01T00:00:00.000000Z';
    prefix = date.toISOString().slice(0, 19);
    if (secondCache.size >= SECOND_CACHE_LIMIT) secondCache.clear();
    secondCache.set(second, prefix);
  }
  const frac = micros - second * 1_000_000;
  return `${prefix}.${frac < 100_000 ? String(frac + 1_000_000).slice(1) : frac}Z`;
}

export function flowToRecord(flow: FlowState, endReason: string, file: string, format: string): FlowRecord {
  const rtt =
    flow.synTs >= 0 && flow.synAckTs >= flow.synTs && flow.ackTs >= flow.synAckTs
      ? Math.round(flow.ackTs - flow.synTs) / 1000
      : null;
  const record: FlowRecord = {
    proto: flow.proto,
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
    rttMs: rtt,
    tcpFlags: flow.proto === 'tcp' ? tcpFlagLetters(flow.tcpFlags) : '',
    endReason,
    tunnelDepth: flow.tunnelDepth,
    names: flow.names,
    source: { file, firstFrame: flow.firstFrame, format },
  };
  if (flow.alpn !== undefined) record.alpn = flow.alpn;
  if (flow.tlsVersions !== undefined) record.tlsVersions = flow.tlsVersions;
  if (flow.ech !== undefined) record.ech = flow.ech;
  if (flow.serverCertificate !== undefined) record.serverCertificate = flow.serverCertificate;
  if (flow.http !== undefined) record.http = flow.http;
  if (flow.pii !== undefined) record.pii = flow.pii;
  return record;
}
