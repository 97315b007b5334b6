/**
 * Lets the consumer of an input's chunks have the next one read straight into a buffer of its own instead of
 * into a new one. A new Buffer per read costs more than the read: every new buffer's pages are faulted in and
 * zeroed by the kernel, then unmapped when it is collected (about 300 ms of CPU for the 589 MB benchmark
 * capture in 256 KiB chunks, against 130 ms for all the reads into one reused buffer).
 *
 * One request at a time: the consumer calls `next(buf, offset)`, then asks `chunks` for its next chunk. If that
 * request reads the input, it reads into `buf[offset..]` and the chunk is a view of the bytes read there; a
 * chunk read earlier (the head) is handed out as it is. So the chunk is valid only until the consumer asks for
 * another one. Wrappers around `chunks` that hand each chunk on before asking for the next (pipeline/
 * paced-source.ts, the heap bound in pipeline/capture-flows.ts) need no change. A wrapper that read ahead
 * would read into the consumer's buffer while the consumer still reads it: the consumer notices (`cancel`)
 * and stops using that buffer.
 */
export class ChunkTarget {
  #buf: Buffer | null = null;
  #offset = 0;
  #taken = false;

  /** The next read goes into `buf[offset, buf.length)`, which must not be empty. */
  next(buf: Buffer, offset: number): void {
    if (offset >= buf.length) throw new RangeError(`no room to read into (offset ${offset} of ${buf.length})`);
    this.#buf = buf;
    this.#offset = offset;
    this.#taken = false;
  }

  /** For the reader: the buffer to read into, or null when the consumer named none (or it was used already). */
  take(): Buffer | null {
    const buf = this.#buf;
    if (buf === null) return null;
    this.#buf = null;
    this.#taken = true;
    return buf;
  }

  /** Where in the taken buffer to read (valid right after `take`). */
  get offset(): number {
    return this.#offset;
  }

  /**
   * For the consumer, when the chunk it got is not the view it asked for: forgets the request, and says
   * whether a read took it (then that read may still be writing into the buffer: stop using it).
   */
  cancel(): boolean {
    const taken = this.#taken;
    this.#buf = null;
    this.#taken = false;
    return taken;
  }
}
