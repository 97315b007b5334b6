/**
 * Opens an input (a file or '-' for stdin) as a stream of decompressed bytes plus a head for format sniffing.
 * Compression is recognised by its magic bytes, never by the file name, and undone as a stream:
 *  - gzip (RFC 1952 §2.3.1: 1f 8b) with node:zlib, concatenated members included (RFC 1952 §2.2);
 *  - zstd (RFC 8878 §3.1.1: 28 b5 2f fd) with fzstd, through compression/zstd-stream.ts (window limit);
 *  - lz4 frames (lz4_Frame_format.md: 04 22 4d 18) with compression/lz4-frame.ts.
 * Concatenated and skippable frames are read for zstd and lz4 too; memory does not grow with the input.
 *
 * Damage after the head (corrupt or cut compressed data, a read error) does not crash anything: `chunks` throws
 * an InputDataError, a kind of InputError carrying a stable `reason` and the decompressed offset where the data
 * stopped. Capture readers catch it and count the reason as an anomaly, keeping what they read; a reader that
 * does not catch it lets the CLI print one line (it is an InputError).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, resourceErrorOf, UnreadableInputError } from '../core/errors.js';
import { ChunkTarget } from './chunk-target.js';
import { DecompressError, type DecompressReason } from './compression/decompress-error.js';
import { lz4Chunks } from './compression/lz4-frame.js';
import { zstdChunks } from './compression/zstd-stream.js';
import { FRESH_READ_BYTES, readChunks } from './read-chunks.js';

/** How many decompressed bytes `head` holds at most. */
export const HEAD_BYTES = 64 * 1024;
/**
 * Read size for files read into new Buffers (the head, and consumers that do not name a buffer of their own:
 * chunk-target.ts). 256 KiB keeps the per-read overhead negligible (about 2,300 reads for the 589 MB bench
 * capture) while the chunks already read but not yet collected stay few: with 2 MiB reads about 40 MB of dead
 * chunks waited for the garbage collector, and peak RSS on the bench was 264-271 MB instead of 242-246 MB.
 */
export const READ_CHUNK_BYTES = FRESH_READ_BYTES;
/**
 * zlib output chunk size. When zlib reports an error it drops the output of that last call, so this also
 * bounds what is lost before a gzip error (e.g. a bad CRC after an intact member): at most this many bytes.
 */
export const GUNZIP_CHUNK_BYTES = 64 * 1024;
/** Decompressed bytes queued ahead of the reader before the gunzip stream is paused. */
const GUNZIP_QUEUE_BYTES = 4 * 1024 * 1024;

/** The compressions read transparently, by magic bytes. */
export type Compression = 'gzip' | 'zstd' | 'lz4';

export interface InputSource {
  /** The path as given, or "stdin". */
  name: string;
  /** Size on disk; null for stdin, pipes and devices. */
  size: number | null;
  /** True when the bytes on disk were gzip-compressed (kept for existing callers: `compression === 'gzip'`). */
  gzip: boolean;
  /** How the bytes on disk were compressed, or null when they were not. */
  compression: Compression | null;
  /** The first bytes after decompression, up to HEAD_BYTES, for format sniffing. */
  head: Uint8Array;
  /** The whole decompressed content from byte 0 (head included). Iterate once. */
  chunks: AsyncIterable<Buffer>;
  /**
   * Present when `chunks` are read from a file without decompression: names the buffer the next chunk is read
   * into (chunk-target.ts), for a consumer that keeps nothing of a chunk once it asks for the next.
   */
  into?: ChunkTarget;
  /**
   * Ends the input without reading it (a run that skips it after looking at its head): closes the file. Reading
   * `chunks` to the end, or leaving its loop early, closes it too.
   */
  close?: () => Promise<void>;
}

export type InputDataReason = 'gzip-data-error' | 'gzip-truncated' | DecompressReason | 'read-error';

/** The compression a file's first bytes announce, or null (at least 4 bytes are needed for zstd and lz4). */
export function sniffCompression(magic: Uint8Array): Compression | null {
  if (magic[0] === 0x1f && magic[1] === 0x8b) return 'gzip';
  if (magic[0] === 0x28 && magic[1] === 0xb5 && magic[2] === 0x2f && magic[3] === 0xfd) return 'zstd';
  if (magic[0] === 0x04 && magic[1] === 0x22 && magic[2] === 0x4d && magic[3] === 0x18) return 'lz4';
  return null;
}

/** The input stopped being readable partway: everything before `offset` (decompressed) was delivered. */
export class InputDataError extends InputError {
  constructor(
    message: string,
    file: string,
    readonly reason: InputDataReason,
    readonly offset: number,
  ) {
    super(message, file);
  }
}

/** An input with no bytes (a log rotated to nothing, an empty pipe): skipped by a run with other inputs. */
function emptyInput(name: string): UnreadableInputError {
  return new UnreadableInputError(`${name} is empty`, name, 'empty', 'input-empty');
}

export async function openInput(pathOrDash: string): Promise<InputSource> {
  if (pathOrDash === '-') return openStream(process.stdin, 'stdin', null);
  let handle: FileHandle;
  try {
    handle = await open(pathOrDash, 'r');
  } catch (e) {
    // Out of descriptors: no fault of this input, and every input after it would fail the same way.
    const resource = resourceErrorOf(e);
    if (resource !== null) throw resource;
    const cause = describeFsError(e);
    throw new UnreadableInputError(`cannot read ${pathOrDash}: ${cause}`, pathOrDash, cause);
  }
  const st = await handle.stat();
  if (st.isDirectory()) {
    await handle.close();
    throw new UnreadableInputError(`cannot read ${pathOrDash}: is a directory`, pathOrDash, 'is a directory');
  }
  const size = st.isFile() ? st.size : null;
  if (size === 0) {
    await handle.close();
    throw emptyInput(pathOrDash);
  }
  const target = new ChunkTarget();
  const read = async (buf: Buffer, offset: number, length: number): Promise<number> =>
    (await handle.read(buf, offset, length, null)).bytesRead;
  return openStream(
    readChunks(read, () => handle.close(), target),
    pathOrDash,
    size,
    target,
  );
}

/**
 * Same as openInput over any byte stream (stdin, or a stream injected by a test). `target`, when given, is the
 * one `raw` reads into (read-chunks.ts); the source offers it to its consumer when nothing is decompressed.
 */
export async function openStream(
  raw: AsyncIterable<Buffer | Uint8Array | string>,
  name: string,
  size: number | null,
  target: ChunkTarget | null = null,
): Promise<InputSource> {
  const rawIt = raw[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let firstLen = 0;
  let rawDone = false;
  while (firstLen < 4) {
    let r: IteratorResult<Buffer | Uint8Array | string>;
    try {
      r = await rawIt.next();
    } catch (e) {
      const cause = describeFsError(e);
      throw new UnreadableInputError(`cannot read ${name}: ${cause}`, name, cause);
    }
    if (r.done === true) {
      rawDone = true;
      break;
    }
    const b = toBuffer(r.value);
    first.push(b);
    firstLen += b.length;
  }
  if (firstLen === 0) throw emptyInput(name);
  const magic = Buffer.concat(first, firstLen);
  const compression = sniffCompression(magic);
  const gzip = compression === 'gzip';

  async function* rawBytes(): AsyncGenerator<Buffer> {
    try {
      // Not `yield* first`: delegating to an array's iterator resumes a microtask late, and the read after the
      // head would start only after the consumer parsed the head (capture-driver.ts reads ahead).
      for (const b of first) yield b;
      if (rawDone) return;
      for (;;) {
        const r = await rawIt.next();
        if (r.done === true) return;
        yield toBuffer(r.value);
      }
    } finally {
      // Closes the file when the consumer stops early.
      if (!rawDone) await rawIt.return?.();
    }
  }
  // pipeline destroys every stage with the first error and hands it to the callback, so a corrupt member
  // surfaces once, through the queue below, instead of as an unhandled 'error' event.
  // zstd and lz4 decode on demand (pull), one bounded piece per step: no queue is needed to bound memory.
  const it: AsyncIterator<Buffer> =
    compression === 'gzip'
      ? queueOutput(pipeline(Readable.from(rawBytes()), createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), () => {}))
      : compression === 'zstd'
        ? zstdChunks(rawBytes())
        : compression === 'lz4'
          ? lz4Chunks(rawBytes())
          : rawBytes();

  const prefix: Buffer[] = [];
  let got = 0;
  let done = false;
  let pendingError: unknown = null;
  while (got < HEAD_BYTES) {
    try {
      const r = await it.next();
      if (r.done === true) {
        done = true;
        break;
      }
      prefix.push(r.value);
      got += r.value.length;
    } catch (e) {
      pendingError = e;
      break;
    }
  }
  if (got === 0) {
    if (pendingError !== null) throw dataError(pendingError, name, 0);
    throw new UnreadableInputError(
      `${name} is empty${compression !== null ? ` (after ${compression} decompression)` : ''}`,
      name,
      compression !== null ? `empty after ${compression} decompression` : 'empty',
      'input-empty',
    );
  }
  const head = prefix.length === 1 && prefix[0] !== undefined ? prefix[0] : Buffer.concat(prefix, got);

  async function* chunks(): AsyncGenerator<Buffer> {
    // Stops and closes the underlying stream when the consumer leaves early, also while the head is still being
    // handed out: a HAR reader done with the whole file inside the head (a file just over HEAD_BYTES, read in
    // one piece) left its file open until a garbage collection closed it, with Node's warning on stderr.
    try {
      for (const b of prefix) yield b;
      if (pendingError !== null) throw dataError(pendingError, name, got);
      if (done) return;
      let offset = got;
      try {
        for (;;) {
          const r = await it.next();
          if (r.done === true) return;
          offset += r.value.length;
          yield r.value;
        }
      } catch (e) {
        throw dataError(e, name, offset);
      }
    } finally {
      await it.return?.();
    }
  }
  const source: InputSource = {
    name,
    size,
    gzip,
    compression,
    head: head.subarray(0, HEAD_BYTES),
    chunks: chunks(),
    close: async () => {
      await it.return?.();
    },
  };
  if (target !== null && compression === null) source.into = target;
  return source;
}

/**
 * Iterates a stream's output in flowing mode. Unlike the stream's own async iterator, data emitted before an
 * error is still handed out before the error is thrown (destroy() would discard the stream's buffer).
 */
function queueOutput(stream: Readable): AsyncIterator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let failure: { error: unknown } | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= GUNZIP_QUEUE_BYTES) stream.pause();
    notify();
  });
  stream.on('error', (error: unknown) => {
    failure = { error };
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('close', () => {
    ended = true;
    notify();
  });
  return {
    async next(): Promise<IteratorResult<Buffer>> {
      for (;;) {
        const chunk = queue.shift();
        if (chunk !== undefined) {
          queued -= chunk.length;
          if (queued < GUNZIP_QUEUE_BYTES / 2 && stream.isPaused()) stream.resume();
          return { value: chunk, done: false };
        }
        if (failure !== null) throw failure.error;
        if (ended) return { value: undefined, done: true };
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async return(): Promise<IteratorResult<Buffer>> {
      stream.destroy();
      return { value: undefined, done: true };
    },
  };
}

function toBuffer(v: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(v)) return v;
  return typeof v === 'string' ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function errorCode(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return '';
}

function describeFsError(e: unknown): string {
  switch (errorCode(e)) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

function dataError(e: unknown, name: string, offset: number): InputError {
  if (e instanceof InputError) return e;
  if (e instanceof DecompressError) return decompressError(e, name, offset);
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  // zlib reports a cut stream as Z_BUF_ERROR ("unexpected end of file").
  if (code === 'Z_BUF_ERROR') {
    return new InputDataError(`${name}: gzip data ends early after ${offset} bytes`, name, 'gzip-truncated', offset);
  }
  if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
    return new InputDataError(
      `${name}: corrupt gzip data after ${offset} bytes (${detail})`,
      name,
      'gzip-data-error',
      offset,
    );
  }
  return new InputDataError(`cannot read ${name}: ${describeFsError(e)}`, name, 'read-error', offset);
}

function decompressError(e: DecompressError, name: string, offset: number): InputDataError {
  const what = e.reason.startsWith('zstd') ? 'zstd' : 'lz4';
  switch (e.reason) {
    case 'zstd-truncated':
    case 'lz4-truncated':
      return new InputDataError(
        `${name}: ${what} data ends early after ${offset} bytes (${e.detail})`,
        name,
        e.reason,
        offset,
      );
    case 'zstd-window-too-large':
      return new InputDataError(
        `${name}: zstd frame after ${offset} bytes has a ${e.detail} outflow reads; decompress it first (zstd -d)`,
        name,
        e.reason,
        offset,
      );
    case 'lz4-checksum-error':
      return new InputDataError(
        `${name}: lz4 data after ${offset} bytes fails its ${e.detail}`,
        name,
        e.reason,
        offset,
      );
    default:
      return new InputDataError(
        `${name}: corrupt ${what} data after ${offset} bytes (${e.detail})`,
        name,
        e.reason,
        offset,
      );
  }
}
