/**
 * Where commands write: an injectable sink so tests capture output, with back-pressure for big streams
 * (NDJSON of a million flows must not pile up in memory when stdout is a slow pipe).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { OutputError, resourceErrorOf } from '../core/errors.js';
import { onInterrupt } from '../core/interrupt.js';
import { encodedSink } from '../report/text-sink.js';

export interface OutputSink {
  /**
   * `ascii` true promises the text is all ASCII (U+0000..U+007F): it may then be encoded as Latin-1, which gives
   * the same bytes as UTF-8 at about half the cost on Node 20 (a million NDJSON flows are ~0.5 GB of text).
   */
  write(text: string, ascii?: boolean): void;
  /**
   * Bytes already encoded (UTF-8), in order with the text written before them; the sink may keep the buffer,
   * unless it answers true: then nothing of it is kept and the caller may fill it again.
   */
  writeBytes(bytes: Uint8Array): unknown;
  /**
   * Resolves when buffered output has been taken by the destination; undefined when nothing waits (then a reader
   * reads on at once, without yielding to the event loop, so its read-ahead keeps going).
   */
  drain(): Promise<void> | undefined;
  readonly isTTY: boolean;
  readonly columns: number;
}

/** Characters batched into one write to the stream. */
const BATCH_CHARS = 1 << 16;

/** Batches small writes into larger ones; waits for 'drain' when the stream asks for it. */
export function streamSink(stream: Writable & { isTTY?: boolean; columns?: number }): OutputSink {
  let pending = '';
  /** Whether every write batched in `pending` promised ASCII. */
  let ascii = true;
  let blocked = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    if (!stream.write(pending, ascii ? 'latin1' : 'utf8')) blocked = true;
    pending = '';
    ascii = true;
  };
  return {
    write(text, textIsAscii) {
      pending += text;
      if (textIsAscii !== true) ascii = false;
      if (pending.length >= BATCH_CHARS) flush();
    },
    writeBytes(bytes) {
      flush();
      if (!stream.write(bytes)) blocked = true;
      // Nothing queued: the stream has handed every byte to the system (a file, a blocking pipe), these included.
      return stream.writableLength === 0;
    },
    drain() {
      flush();
      if (!blocked) return undefined;
      blocked = false;
      return new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    isTTY: stream.isTTY === true,
    columns: stream.columns ?? 100,
  };
}

/** Collects output in memory (tests). */
export function memorySink(): OutputSink & { text(): string } {
  const parts: string[] = [];
  return {
    write(text) {
      parts.push(text);
    },
    writeBytes(bytes) {
      parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    },
    async drain() {},
    isTTY: false,
    columns: 120,
    text: () => parts.join(''),
  };
}

/** Writes a report file, creating its directory (dated output templates name directories that may not exist). */
export async function writeTextFile(path: string, text: string): Promise<void> {
  await writeRenderedFile(path, (sink) => sink(text));
}

/** Bytes gathered before one write to a report file. */
const FILE_WRITE_BYTES = 1 << 20;

/**
 * Writes a report file as its renderer hands the text over (`write` calls its sink with the pieces in order),
 * creating its directory: a big report is never held whole. Atomically: the text goes to a temporary file in the
 * same directory, which is flushed to disk and then renamed over the path, so a reader (tomorrow's --baseline)
 * sees the old file or the whole new one, never a part, and two runs writing one path both leave a whole file.
 * On any failure the temporary file is removed and an OutputError names the path and the cause. The file is
 * written synchronously; a report renderer is synchronous too, and nothing else waits on this thread meanwhile.
 */
export async function writeRenderedFile(path: string, write: (sink: (text: string) => void) => void): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  // A signal while the temporary file exists (core/interrupt.ts) removes it: the target keeps its old content.
  const forget = onInterrupt(() => removeQuietly(temp));
  try {
    await mkdir(dirname(path), { recursive: true });
    fd = openSync(temp, 'wx');
    const target = fd;
    const out = encodedSink((bytes) => {
      // writeSync may write less than asked; a regular file rarely does, but the rest must not be lost.
      for (let off = 0; off < bytes.length; ) off += writeSync(target, bytes, off, bytes.length - off);
    }, FILE_WRITE_BYTES);
    write(out.put);
    out.end();
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== null) closeQuietly(fd);
    removeQuietly(temp);
    throw ioFailure(e, path);
  } finally {
    forget();
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The directory itself is unusable (the reason for the failure): there is no temporary file to remove.
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one to report.
  }
}

/** A Node I/O error as an OutputError naming the path; anything else (a renderer's bug) passes unchanged. */
export function ioFailure(e: unknown, path: string): unknown {
  // Out of descriptors is the run's limit, not this path's fault (exit 5, core/errors.ts ResourceError).
  const resource = resourceErrorOf(e);
  if (resource !== null) return resource;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new OutputError(path, code, IO_WORDS[code] ?? (e instanceof Error ? e.message : String(e)));
}

const IO_WORDS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'the path is a directory',
  EIO: 'input/output error',
});

/**
 * Writes `text` to standard output (no path, or "-") or to a file; returns true when a file was written, so the
 * caller can say so on stderr.
 */
export async function deliverText(path: string | undefined, text: string, out: OutputSink): Promise<boolean> {
  if (path === undefined || path === '-') {
    out.write(text);
    await out.drain();
    return false;
  }
  await writeTextFile(path, text);
  return true;
}

/** The report time: SOURCE_DATE_EPOCH (reproducible-builds convention) when set, so reports can be byte-identical. */
export function reportTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
