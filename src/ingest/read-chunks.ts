/**
 * An opened file's bytes as chunks, each read where its consumer asks (chunk-target.ts) or into a new Buffer.
 * Replaces FileHandle.createReadStream, which always reads into a new Buffer and cannot be told otherwise.
 */
import type { ChunkTarget } from './chunk-target.js';

/** Size of a read into a new Buffer: see READ_CHUNK_BYTES in source.ts. */
export const FRESH_READ_BYTES = 256 * 1024;

/** Reads up to `length` bytes into `buf` at `offset`, from where the last read stopped; 0 at the end. */
export type ReadInto = (buf: Buffer, offset: number, length: number) => Promise<number>;

/** Yields every byte `read` gives until it gives none; `close` runs once, however the iteration ends. */
export async function* readChunks(
  read: ReadInto,
  close: () => Promise<void>,
  target: ChunkTarget,
): AsyncGenerator<Buffer> {
  try {
    for (;;) {
      const into = target.take();
      if (into !== null) {
        const offset = target.offset;
        const n = await read(into, offset, into.length - offset);
        if (n === 0) return;
        yield into.subarray(offset, offset + n);
        continue;
      }
      const buf = Buffer.allocUnsafeSlow(FRESH_READ_BYTES);
      const n = await read(buf, 0, buf.length);
      if (n === 0) return;
      // A short read (a pipe gives 64 KiB at a time) keeps only what it holds, as fs.ReadStream does.
      yield n < buf.length / 2 ? Buffer.from(buf.subarray(0, n)) : buf.subarray(0, n);
    }
  } finally {
    await close();
  }
}
