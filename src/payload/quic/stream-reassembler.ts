/**
 * Reassembles one direction of one QUIC stream from STREAM frames (RFC 9000 §2.2): frames carry an offset, may
 * arrive out of order (reordered or lost-then-retransmitted packets), repeat (retransmissions) or overlap (a
 * retransmission cut differently). Bytes are handed on once each, in order, as soon as they are contiguous; data
 * that arrived early is held, up to a bound, then the stream is stopped (a hole that never fills).
 */

/** Out-of-order bytes held per stream at most (counted as received, overlaps included). */
export const MAX_STREAM_HELD_BYTES = 1 << 20;
/** Out-of-order frames held per stream at most (a flood of 1-byte frames would otherwise cost O(n²)). */
export const MAX_STREAM_HELD_CHUNKS = 4096;

interface HeldChunk {
  offset: number;
  data: Uint8Array;
}

/** Receives newly contiguous bytes (a view, valid only during the call) and whether the stream ended there. */
export type StreamDelivery = (data: Uint8Array, fin: boolean) => void;

export type StreamAddOutcome = 'ok' | 'stopped';

export class QuicStreamReassembler {
  /** Stream offset of the next byte to hand on. */
  #next = 0;
  /** Final size from the first FIN (RFC 9000 §4.5), -1 until then. */
  #finalSize = -1;
  #finDelivered = false;
  #stopped = false;
  /** Early chunks sorted by offset. */
  #held: HeldChunk[] = [];
  #heldBytes = 0;

  /** Out-of-order bytes held now. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  /** Bytes handed on so far. */
  get delivered(): number {
    return this.#next;
  }

  /** True once the end of the stream was handed on, or the stream was stopped: nothing more will come. */
  get closed(): boolean {
    return this.#finDelivered || this.#stopped;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Drops held data and ignores what follows (a limit was hit, or the sender reset the stream). */
  stop(): void {
    this.#stopped = true;
    this.#held = [];
    this.#heldBytes = 0;
  }

  /** Adds one STREAM frame's data; 'stopped' when holding it would pass the limits (the stream is then stopped). */
  add(offset: number, data: Uint8Array, fin: boolean, deliver: StreamDelivery): StreamAddOutcome {
    if (this.closed) return this.#stopped ? 'stopped' : 'ok';
    const end = offset + data.length;
    // The first FIN fixes the final size; a conflicting later one is a protocol error we ignore.
    if (fin && this.#finalSize < 0) this.#finalSize = end;
    if (offset > this.#next) return this.#hold(offset, data);
    if (end > this.#next) this.#deliver(data.subarray(this.#next - offset), deliver);
    else if (this.#atFinalSize()) this.#deliver(data.subarray(0, 0), deliver);
    this.#drain(deliver);
    return 'ok';
  }

  #atFinalSize(): boolean {
    return this.#finalSize >= 0 && this.#next >= this.#finalSize && !this.#finDelivered;
  }

  #deliver(bytes: Uint8Array, deliver: StreamDelivery): void {
    let piece = bytes;
    // Bytes past a known final size are a protocol violation: never hand them on.
    if (this.#finalSize >= 0 && this.#next + piece.length > this.#finalSize) {
      piece = piece.subarray(0, Math.max(0, this.#finalSize - this.#next));
    }
    this.#next += piece.length;
    const fin = this.#finalSize >= 0 && this.#next >= this.#finalSize;
    if (fin) this.#finDelivered = true;
    if (piece.length > 0 || fin) deliver(piece, fin);
  }

  /** Hands on held chunks that the bytes just delivered made contiguous. */
  #drain(deliver: StreamDelivery): void {
    while (!this.closed) {
      const first = this.#held[0];
      if (first === undefined || first.offset > this.#next) break;
      this.#held.shift();
      this.#heldBytes -= first.data.length;
      const end = first.offset + first.data.length;
      if (end > this.#next) this.#deliver(first.data.subarray(this.#next - first.offset), deliver);
    }
    if (this.closed) {
      this.#held = [];
      this.#heldBytes = 0;
    } else if (this.#atFinalSize()) {
      this.#deliver(new Uint8Array(0), deliver);
    }
  }

  #hold(offset: number, data: Uint8Array): StreamAddOutcome {
    if (data.length === 0) return 'ok';
    if (this.#heldBytes + data.length > MAX_STREAM_HELD_BYTES || this.#held.length >= MAX_STREAM_HELD_CHUNKS) {
      this.stop();
      return 'stopped';
    }
    // Copy: the frame's bytes are a view into a decrypted packet that is not kept.
    const chunk = { offset, data: Uint8Array.from(data) };
    let i = this.#held.length;
    while (i > 0 && (this.#held[i - 1]?.offset ?? 0) > offset) i--;
    this.#held.splice(i, 0, chunk);
    this.#heldBytes += data.length;
    return 'ok';
  }
}
