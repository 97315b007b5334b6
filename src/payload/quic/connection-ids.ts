/**
 * Short-header packets do not say how long their Destination Connection ID is (RFC 9000 §17.3): the receiver
 * knows because it chose the ID. An observer learns the IDs from what the endpoints announce: the Source
 * Connection IDs of their long-header packets and the NEW_CONNECTION_ID frames they send. Those are tried first
 * (an ID whose bytes the packet starts with before any other), then every other length: the AEAD tag tells
 * which one is right.
 */
import { MAX_CID_LENGTH } from '../../decode/names/quic/header.js';
import type { Direction } from '../types.js';

/** Connection IDs remembered per direction at most (endpoints issue a handful; the oldest are dropped). */
export const MAX_KNOWN_CIDS = 64;

export class ConnectionIds {
  readonly #known: Record<Direction, Uint8Array[]> = { out: [], in: [] };
  /** The length that last worked per direction: the usual case is one ID for the whole connection. */
  readonly #lastLength: Record<Direction, number> = { out: -1, in: -1 };

  /** An ID that packets sent in direction `dir` carry as Destination Connection ID. */
  add(dir: Direction, cid: Uint8Array): void {
    const list = this.#known[dir];
    if (cid.length > MAX_CID_LENGTH || list.some((c) => sameBytes(c, cid))) return;
    if (list.length >= MAX_KNOWN_CIDS) list.shift();
    list.push(Uint8Array.from(cid));
  }

  /** Records the DCID length that decrypted a packet of this direction. */
  confirm(dir: Direction, length: number): void {
    this.#lastLength[dir] = length;
  }

  /** DCID lengths to try, best first, for the short-header packet at `off` (every length 0..20 appears once). */
  lengthsFor(dir: Direction, buf: Uint8Array, off: number): number[] {
    const order = [...this.likeliest(dir, buf, off), ...this.#known[dir].map((c) => c.length)];
    for (let len = 0; len <= MAX_CID_LENGTH; len++) order.push(len);
    return unique(order);
  }

  /** Only the likeliest lengths: those of known IDs the packet starts with, and the last one that worked. */
  likeliest(dir: Direction, buf: Uint8Array, off: number): number[] {
    const matching = this.#known[dir].filter((c) => startsWith(buf, off + 1, c)).map((c) => c.length);
    // The longest match first: a short ID can be a prefix of a longer one.
    matching.sort((a, b) => b - a);
    return unique([...matching, this.#lastLength[dir]]);
  }
}

function unique(lengths: number[]): number[] {
  const seen = new Set<number>();
  return lengths.filter((len) => len >= 0 && !seen.has(len) && seen.add(len) !== undefined);
}

function startsWith(buf: Uint8Array, off: number, prefix: Uint8Array): boolean {
  if (off + prefix.length > buf.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[off + i] !== prefix[i]) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && startsWith(a, 0, b);
}
