/**
 * IP fragment reassembly (IPv4 RFC 791 §3.2, IPv6 RFC 8200 §4.5), modelled on what tshark does with its default
 * preferences: a datagram is handed on once, in the frame whose fragment completes it, as one buffer (the first
 * fragment's header, then the whole payload); every other fragment yields no transport layer.
 *
 * Hostile input is bounded: at most MAX_PENDING_DATAGRAMS datagrams and MAX_PENDING_BYTES bytes wait at once
 * (the oldest is dropped), a datagram waits at most FRAGMENT_TIMEOUT_MICROS of capture time, has at most
 * MAX_FRAGMENTS_PER_DATAGRAM pieces and never grows past 65535 bytes of payload. Overlaps and duplicates are
 * counted; overlapping bytes take the later fragment's data (tshark keeps reassembling and flags the overlap).
 */
import type { Anomalies } from '../core/anomalies.js';

export const MAX_PENDING_DATAGRAMS = 4096;
export const MAX_PENDING_BYTES = 64 * 1024 * 1024;
export const MAX_FRAGMENTS_PER_DATAGRAM = 1024;
export const FRAGMENT_TIMEOUT_MICROS = 60_000_000;
/** Largest reassembled payload: the IP length fields are 16 bits. */
export const MAX_DATAGRAM_PAYLOAD = 65535;

export const FRAG_PENDING = 0;
export const FRAG_COMPLETE = 1;
export const FRAG_DROPPED = 2;

interface Piece {
  off: number;
  data: Uint8Array;
}

interface Pending {
  firstTs: number;
  /** Copy of everything before the fragmentable part, from the fragment at offset 0; null until it arrives. */
  header: Uint8Array | null;
  /** Sorted by offset. */
  pieces: Piece[];
  /** Payload length, known once the last fragment (more-fragments clear) arrived; -1 before. */
  total: number;
  bytes: number;
}

/** Anomaly names per IP version, built once. */
class Reasons {
  readonly overlap: string;
  readonly duplicate: string;
  readonly tooBig: string;
  readonly tooMany: string;
  readonly badLength: string;
  readonly timeout: string;
  readonly evicted: string;
  constructor(v: string) {
    this.overlap = `${v}-fragment-overlap`;
    this.duplicate = `${v}-fragment-duplicate`;
    this.tooBig = `${v}-fragment-too-big`;
    this.tooMany = `${v}-fragment-too-many`;
    this.badLength = `${v}-fragment-bad-length`;
    this.timeout = `${v}-fragment-timeout`;
    this.evicted = `${v}-fragment-evicted`;
  }
}

const REASONS_V4 = new Reasons('ipv4');
const REASONS_V6 = new Reasons('ipv6');

export class FragmentReassembler {
  readonly #pending = new Map<string, Pending>();
  readonly #anomalies: Anomalies;
  readonly #file: string;
  #bytes = 0;
  /** After FRAG_COMPLETE: the reassembled buffer and the length of the header part at its start. */
  result: Uint8Array = new Uint8Array(0);
  resultHeaderLen = 0;

  constructor(anomalies: Anomalies, file: string) {
    this.#anomalies = anomalies;
    this.#file = file;
  }

  get pendingDatagrams(): number {
    return this.#pending.size;
  }

  get pendingBytes(): number {
    return this.#bytes;
  }

  /**
   * Adds one fragment. The header part is buf[headerOff, headerEnd) (IPv4 header; IPv6 header and the
   * extension headers before the Fragment header), copied only from the fragment at offset 0. The fragment's
   * data is buf[dataOff, dataEnd). Returns FRAG_PENDING, FRAG_COMPLETE (see `result`) or FRAG_DROPPED.
   */
  add(
    version: 4 | 6,
    key: string,
    tsMicros: number,
    frame: number,
    fragOff: number,
    more: boolean,
    buf: Uint8Array,
    headerOff: number,
    headerEnd: number,
    dataOff: number,
    dataEnd: number,
  ): number {
    const reasons = version === 4 ? REASONS_V4 : REASONS_V6;
    this.#expire(tsMicros, reasons, frame);
    const len = dataEnd - dataOff;
    const end = fragOff + len;
    let p = this.#pending.get(key);
    if (end > MAX_DATAGRAM_PAYLOAD || (more && len === 0)) {
      this.#note(reasons.tooBig, frame);
      if (p !== undefined) this.#drop(key, p);
      return FRAG_DROPPED;
    }
    if (p === undefined) {
      p = { firstTs: tsMicros, header: null, pieces: [], total: -1, bytes: 0 };
      this.#pending.set(key, p);
    }
    if (!more) {
      if (p.total >= 0 && p.total !== end) this.#note(reasons.badLength, frame);
      p.total = end;
    }
    if (fragOff === 0 && p.header === null) p.header = buf.slice(headerOff, headerEnd);
    if (!this.#insert(p, fragOff, buf.subarray(dataOff, dataEnd), reasons, frame)) {
      this.#drop(key, p);
      return FRAG_DROPPED;
    }
    this.#evictIfFull(reasons, frame);
    if (!this.#pending.has(key)) return FRAG_DROPPED;
    if (p.total < 0 || p.header === null || !covers(p.pieces, p.total)) return FRAG_PENDING;
    this.#assemble(p);
    this.#drop(key, p);
    return FRAG_COMPLETE;
  }

  /** Inserts a copy of the piece in offset order; false when the datagram has too many pieces. */
  #insert(p: Pending, off: number, data: Uint8Array, reasons: Reasons, frame: number): boolean {
    const pieces = p.pieces;
    let i = pieces.length;
    while (i > 0 && (pieces[i - 1]?.off ?? 0) > off) i--;
    const end = off + data.length;
    for (const q of pieces) {
      const qEnd = q.off + q.data.length;
      if (q.off === off && qEnd === end) {
        this.#note(reasons.duplicate, frame);
        if (!equalBytes(q.data, data)) this.#note(reasons.overlap, frame);
        q.data = data.slice();
        return true;
      }
      if (q.off < end && off < qEnd) {
        this.#note(reasons.overlap, frame);
        break;
      }
    }
    if (pieces.length >= MAX_FRAGMENTS_PER_DATAGRAM) {
      this.#note(reasons.tooMany, frame);
      return false;
    }
    pieces.splice(i, 0, { off, data: data.slice() });
    p.bytes += data.length;
    this.#bytes += data.length;
    return true;
  }

  #assemble(p: Pending): void {
    const header = p.header ?? new Uint8Array(0);
    const out = new Uint8Array(header.length + p.total);
    out.set(header, 0);
    // In offset order; where pieces overlap, the later offset's bytes land last.
    for (const q of p.pieces) {
      if (q.off >= p.total) continue;
      const n = Math.min(q.data.length, p.total - q.off);
      out.set(n === q.data.length ? q.data : q.data.subarray(0, n), header.length + q.off);
    }
    this.result = out;
    this.resultHeaderLen = header.length;
  }

  #drop(key: string, p: Pending): void {
    this.#pending.delete(key);
    this.#bytes -= p.bytes;
  }

  /** Map iteration order is insertion order: the oldest datagrams are at the head. */
  #expire(tsMicros: number, reasons: Reasons, frame: number): void {
    for (const [key, p] of this.#pending) {
      if (tsMicros - p.firstTs <= FRAGMENT_TIMEOUT_MICROS) break;
      this.#note(reasons.timeout, frame);
      this.#drop(key, p);
    }
  }

  #evictIfFull(reasons: Reasons, frame: number): void {
    for (const [key, p] of this.#pending) {
      if (this.#pending.size <= MAX_PENDING_DATAGRAMS && this.#bytes <= MAX_PENDING_BYTES) break;
      this.#note(reasons.evicted, frame);
      this.#drop(key, p);
    }
  }

  #note(reason: string, frame: number): void {
    this.#anomalies.add(reason, { file: this.#file, frame });
  }
}

/** True when the sorted pieces cover [0, total) without a hole. */
function covers(pieces: Piece[], total: number): boolean {
  let reached = 0;
  for (const q of pieces) {
    if (q.off > reached) return false;
    const end = q.off + q.data.length;
    if (end > reached) reached = end;
    if (reached >= total) return true;
  }
  return reached >= total;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
