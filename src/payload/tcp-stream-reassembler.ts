/**
 * Reassembles one direction of a TCP connection into its byte stream, in sequence order, for decryption and
 * HTTP parsing: unlike the naming's TcpStreamStart (a bounded prefix), this follows the whole stream and hands
 * each newly contiguous run of bytes on as soon as it is contiguous, so memory holds only segments that arrived
 * early. Retransmissions and overlaps keep the first copy (as most stacks do); a hole that never fills (a segment
 * the capture lost) is declared a gap once too much waits behind it, or at the end of the flow, and reading goes
 * on after it.
 *
 * Sequence numbers are compared as signed 32-bit distances from the next expected byte, so streams longer than
 * 4 GiB wrap correctly.
 */

/** Out-of-order bytes held at most, waiting for a hole before them to fill; more means the hole is a loss. */
export const MAX_PENDING_BYTES = 1 << 20;
/** Out-of-order segments held at most. */
export const MAX_PENDING_SEGMENTS = 512;

interface PendingSegment {
  /** Stream offset of data[0]. */
  off: number;
  data: Uint8Array;
  frame: number;
}

export interface StreamConsumer {
  /** Newly contiguous bytes (a view, valid only during the call) and the frame that made them contiguous. */
  data(bytes: Uint8Array, frame: number): void;
  /** Bytes were lost before the next `data` call. */
  gap(): void;
}

export class TcpStreamReassembler {
  /** Sequence number of the next expected byte, or -1 until the SYN or the first data segment says. */
  #nextSeq = -1;
  /** Stream offset of the next expected byte (bytes delivered or skipped as gaps so far). */
  #offset = 0;
  #pending: PendingSegment[] = [];
  #pendingBytes = 0;
  #gaps = 0;
  #stopped = false;

  constructor(readonly consumer: StreamConsumer) {}

  /** The SYN's sequence number: stream byte 0 is the next one. */
  setIsn(isn: number): void {
    if (this.#nextSeq === -1) this.#nextSeq = (isn + 1) >>> 0;
  }

  /** Bytes delivered or skipped so far. */
  get offset(): number {
    return this.#offset;
  }

  get gaps(): number {
    return this.#gaps;
  }

  /** Stops reassembly for good (the consumer needs no more bytes): later segments cost nothing. */
  stop(): void {
    this.#stopped = true;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** One segment's payload `buf[off, off + len)` with sequence number `seq`. */
  push(seq: number, buf: Uint8Array, off: number, len: number, frame: number): void {
    if (len <= 0 || this.#stopped) return;
    if (this.#nextSeq === -1) this.#nextSeq = seq >>> 0;
    const delta = ((seq - this.#nextSeq) | 0) as number;
    if (delta + len <= 0) return; // all of it delivered already: a retransmission
    if (delta > 0) {
      this.#hold(this.#offset + delta, buf.slice(off, off + len), frame);
      return;
    }
    // Starts at or before the next expected byte: deliver the new tail, then whatever it made contiguous.
    this.#deliver(buf.subarray(off - delta, off + len), frame);
    this.#drain();
  }

  /** End of the flow: a hole still open is a loss; what waits behind it is delivered after a gap. */
  finish(): void {
    while (!this.#stopped && this.#pending.length > 0) this.#skipToFirstPending();
  }

  #deliver(bytes: Uint8Array, frame: number): void {
    this.#offset += bytes.length;
    this.#nextSeq = (this.#nextSeq + bytes.length) >>> 0;
    this.consumer.data(bytes, frame);
  }

  #hold(off: number, data: Uint8Array, frame: number): void {
    const pending = this.#pending;
    // Kept sorted by offset: a capture's early segments are few, insertion from the back is cheap.
    let i = pending.length;
    while (i > 0 && (pending[i - 1]?.off ?? 0) > off) i--;
    pending.splice(i, 0, { off, data, frame });
    this.#pendingBytes += data.length;
    while (
      !this.#stopped &&
      (this.#pendingBytes > MAX_PENDING_BYTES || pending.length > MAX_PENDING_SEGMENTS) &&
      pending.length > 0
    ) {
      this.#skipToFirstPending();
    }
  }

  /** Declares the hole before the first held segment lost and continues from that segment. */
  #skipToFirstPending(): void {
    const first = this.#pending[0];
    if (first === undefined) return;
    const skipped = first.off - this.#offset;
    if (skipped > 0) {
      this.#gaps++;
      this.#offset += skipped;
      this.#nextSeq = (this.#nextSeq + skipped) >>> 0;
      this.consumer.gap();
    }
    this.#drain();
  }

  /** Delivers held segments that are now contiguous. */
  #drain(): void {
    const pending = this.#pending;
    while (pending.length > 0 && !this.#stopped) {
      const seg = pending[0];
      if (seg === undefined || seg.off > this.#offset) return;
      pending.shift();
      this.#pendingBytes -= seg.data.length;
      const end = seg.off + seg.data.length;
      if (end > this.#offset) this.#deliver(seg.data.subarray(this.#offset - seg.off), seg.frame);
    }
  }
}
