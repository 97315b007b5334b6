/**
 * Packets that wait to be read again: those that arrived before the keys to read them could be known (a server
 * packet before the client's first Initial, whose DCID makes the Initial keys; a Handshake/1-RTT packet before
 * the ClientHello's random, which names the secrets), and 1-RTT packets from a key phase not reached yet.
 * Captures reorder little, but datagrams can be shuffled by the capture point or arrive over several paths.
 * Each packet is copied (the datagram buffer is not ours) and the queue is bounded.
 */
import type { Direction } from '../types.js';

/** Early packets held per connection at most, waiting for their keys to be known. */
export const MAX_PENDING_PACKETS = 64;
export const MAX_PENDING_BYTES = 256 << 10;

const LONG_HEADER = 0x80;

export interface PendingPacket {
  dir: Direction;
  /** The packet alone: a long-header packet ends where its Length says, a short-header one at the datagram end. */
  bytes: Uint8Array;
  frame: number;
}

export class PendingPackets {
  readonly #maxPackets: number;
  readonly #maxBytes: number;
  #queue: PendingPacket[] = [];
  #bytes = 0;
  /** Packets dropped because the queue was full. */
  dropped = 0;

  constructor(maxPackets = MAX_PENDING_PACKETS, maxBytes = MAX_PENDING_BYTES) {
    this.#maxPackets = maxPackets;
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#queue.length;
  }

  add(dir: Direction, packet: Uint8Array, frame: number): void {
    if (this.#queue.length >= this.#maxPackets || this.#bytes + packet.length > this.#maxBytes) {
      this.dropped++;
      return;
    }
    this.#queue.push({ dir, bytes: Uint8Array.from(packet), frame });
    this.#bytes += packet.length;
  }

  /** Forgets the queued packets of one direction. */
  drop(dir: Direction): void {
    this.#queue = this.#queue.filter((p) => p.dir !== dir);
    this.#bytes = this.#queue.reduce((n, p) => n + p.bytes.length, 0);
  }

  /**
   * Removes and returns every queued packet: long-header packets first (the handshake, whose success shows the
   * key log fits the connection), then the others, each group oldest first.
   */
  takeAll(): PendingPacket[] {
    const all = this.#queue;
    this.#queue = [];
    this.#bytes = 0;
    const long = all.filter((p) => ((p.bytes[0] ?? 0) & LONG_HEADER) !== 0);
    return long.length === 0 || long.length === all.length ? all : [...long, ...all.filter((p) => !long.includes(p))];
  }
}
