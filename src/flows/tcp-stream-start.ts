/**
 * Reassembles the first bytes of one direction of a TCP connection, in sequence order, for the name
 * extractors: a ClientHello with post-quantum key shares spans two or more segments, segments arrive out of
 * order, are retransmitted or overlap. Only a bounded prefix is ever kept (the caller says how much it needs).
 *
 * Sequence numbers are relative to the first byte of the stream: known from the SYN (ISN + 1) or, for a
 * connection already open when the capture began, taken from the first data segment seen.
 */

/** Out-of-order segments kept at most, waiting for the gap before them to fill. */
export const MAX_PENDING_SEGMENTS = 16;

const EMPTY = new Uint8Array(0);

/**
 * A stream's first buffer, reused: taken from the pool and given back by recycle() (a ClientHello over two
 * segments fits in one; a server flight may grow its buffer, and the larger ones are not reused). A new typed
 * array costs ~4 µs (off-heap memory, zeroed, tracked by the collector), 15,000 of them on the benchmark capture.
 * Larger first buffers (8 KiB) held more memory while streams were open: 25 MB more at the peak of `flows`.
 */
export const POOLED_BUFFER_BYTES = 2048;
/** Buffers kept for reuse at most (1 MiB). */
const MAX_POOLED = 512;
const pool: Uint8Array[] = [];

export class TcpStreamStart {
  /** Sequence number of stream byte 0, or -1 until known. */
  #base = -1;
  /** Allocated on the first byte: most flows are named from their first segment or never need a buffer. */
  #buf: Uint8Array = EMPTY;
  /** Contiguous bytes from offset 0 held in #buf. */
  #length = 0;
  /** Created on the first out-of-order segment: most streams never have one. */
  #pending: { off: number; data: Uint8Array }[] | null = null;
  #cap: number;

  constructor(cap: number) {
    this.#cap = cap;
  }

  /**
   * Gives the buffer back for other streams and leaves the stream empty, as new. Only for an owner that holds no
   * view of its bytes any more (what bytes() gave was read and let go).
   */
  recycle(): void {
    if (this.#buf.length === POOLED_BUFFER_BYTES && pool.length < MAX_POOLED) pool.push(this.#buf);
    this.reuse(this.#cap);
  }

  /** Starts over as a new, empty stream of at most `cap` bytes, its buffer let go (recycle() gives it back). */
  reuse(cap: number): void {
    this.#base = -1;
    this.#buf = EMPTY;
    this.#length = 0;
    this.#pending = null;
    this.#cap = cap;
  }

  /** Called with the SYN's sequence number: stream byte 0 is the next one. */
  setIsn(isn: number): void {
    if (this.#base === -1) this.#base = (isn + 1) >>> 0;
  }

  /** True when nothing is buffered yet and a segment at `seq` would be byte 0 of the stream. */
  isStart(seq: number): boolean {
    return this.#length === 0 && (this.#base === -1 || this.#base === seq >>> 0);
  }

  get length(): number {
    return this.#length;
  }

  get full(): boolean {
    return this.#length >= this.#cap;
  }

  /** The contiguous prefix reassembled so far (a view; valid until the next push). */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#length);
  }

  /**
   * Adds one segment's payload. Returns true when the contiguous prefix grew (worth re-parsing).
   * Data before the prefix end is a retransmission or overlap: the first copy wins, as in most stacks.
   */
  push(seq: number, data: Uint8Array, dataOff: number, dataLen: number): boolean {
    if (dataLen <= 0) return false;
    if (this.#base === -1) this.#base = seq >>> 0;
    // Relative offset modulo 2^32, read as signed so a retransmission just before base is negative.
    const rel = ((seq - this.#base) | 0) as number;
    if (rel + dataLen <= this.#length) return false;
    if (rel > this.#length) {
      if (this.#pending === null) this.#pending = [];
      const pending = this.#pending;
      if (rel >= this.#cap || pending.length >= MAX_PENDING_SEGMENTS) return false;
      const keep = Math.min(dataLen, this.#cap - rel);
      pending.push({ off: rel, data: data.slice(dataOff, dataOff + keep) });
      return false;
    }
    this.#append(data, dataOff + (this.#length - rel), rel + dataLen - this.#length);
    this.#drainPending();
    return true;
  }

  #append(data: Uint8Array, from: number, count: number): void {
    const n = Math.min(count, this.#cap - this.#length);
    if (n <= 0) return;
    if (this.#length + n > this.#buf.length) {
      const size = Math.min(this.#cap, Math.max(this.#buf.length * 2, this.#length + n, POOLED_BUFFER_BYTES));
      // Only bytes written are ever read (bytes() is the written prefix), so a reused buffer needs no clearing.
      const grown = size === POOLED_BUFFER_BYTES ? (pool.pop() ?? new Uint8Array(size)) : new Uint8Array(size);
      grown.set(this.#buf.subarray(0, this.#length));
      this.#buf = grown;
    }
    this.#buf.set(data.subarray(from, from + n), this.#length);
    this.#length += n;
  }

  #drainPending(): void {
    const pending = this.#pending;
    if (pending === null) return;
    let progressed = true;
    while (progressed && pending.length > 0) {
      progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const seg = pending[i];
        if (seg === undefined || seg.off > this.#length) continue;
        const end = seg.off + seg.data.length;
        if (end > this.#length) this.#append(seg.data, this.#length - seg.off, end - this.#length);
        pending.splice(i, 1);
        progressed = true;
        break;
      }
    }
  }
}
