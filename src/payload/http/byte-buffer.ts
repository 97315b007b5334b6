/**
 * A growable FIFO of octets for the stream parsers: data is appended as it arrives and consumed from the front.
 * One contiguous array (doubling, compacted on growth) keeps indexing O(1) and appends amortised O(n), even when a
 * peer sends its bytes one at a time. Absolute offsets (octets consumed since the start) map bytes to frames.
 */
export class ByteBuffer {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Octets consumed since the stream began: the absolute offset of index 0. */
  private consumedTotal = 0;
  /** Absolute stream offset where each pushed chunk began, with its frame number (ascending). */
  private readonly frames: { offset: number; frame: number }[] = [];

  get length(): number {
    return this.end - this.start;
  }

  /** Absolute stream offset of the first unconsumed octet. */
  get offset(): number {
    return this.consumedTotal;
  }

  append(data: Uint8Array, frame: number): void {
    if (data.length === 0) return;
    const last = this.frames[this.frames.length - 1];
    if (last?.frame !== frame) this.frames.push({ offset: this.consumedTotal + this.length, frame });
    if (this.end + data.length > this.buf.length) this.grow(data.length);
    this.buf.set(data, this.end);
    this.end += data.length;
  }

  private grow(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buf.length && this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const next = new Uint8Array(Math.max(needed, this.buf.length * 2, 256));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.end -= this.start;
    this.start = 0;
  }

  /** The octet at index i (0 = first unconsumed); callers keep i < length. */
  at(i: number): number {
    return this.buf[this.start + i] ?? 0;
  }

  /** A view of [from, from + length): valid only until the next append or consume. */
  view(from: number, length: number): Uint8Array {
    return this.buf.subarray(this.start + from, this.start + from + length);
  }

  /** A copy of the first n octets, which are then consumed. */
  take(n: number): Uint8Array {
    const out = this.buf.slice(this.start, this.start + n);
    this.consume(n);
    return out;
  }

  consume(n: number): void {
    const k = Math.min(n, this.length);
    this.start += k;
    this.consumedTotal += k;
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
      // A long-lived connection must not keep a large buffer once it has drained.
      if (this.buf.length > 1 << 16) this.buf = new Uint8Array(0);
    }
    this.pruneFrames();
  }

  /** Drops everything buffered (after a gap the buffered octets no longer continue the stream). */
  clear(): void {
    this.consume(this.length);
  }

  /** Frame number of the octet at index i, or null when unknown. */
  frameAt(i: number): number | null {
    const abs = this.consumedTotal + i;
    let found: number | null = null;
    for (const f of this.frames) {
      if (f.offset > abs) break;
      found = f.frame;
    }
    return found;
  }

  private pruneFrames(): void {
    // Keep the entry covering the first unconsumed octet; drop older ones.
    while (this.frames.length > 1 && (this.frames[1]?.offset ?? Number.POSITIVE_INFINITY) <= this.consumedTotal) {
      this.frames.shift();
    }
  }
}
