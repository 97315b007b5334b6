/**
 * Where commands write: an injectable sink so tests capture output, with back-pressure for big streams
 * (NDJSON of a million flows must not pile up in memory when stdout is a slow pipe).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { batchedSink } from '../report/text-sink.js';

export interface OutputSink {
  /**
   * `ascii` true promises the text is all ASCII (U+0000..U+007F): it may then be encoded as Latin-1, which gives
   * the same bytes as UTF-8 at about half the cost on Node 20 (a million NDJSON flows are ~0.5 GB of text).
   */
  write(text: string, ascii?: boolean): void;
  /** Resolves when buffered output has been taken by the destination. */
  drain(): Promise<void>;
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
    async drain() {
      flush();
      if (blocked) {
        blocked = false;
        await new Promise<void>((resolve) => stream.once('drain', resolve));
      }
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
    async drain() {},
    isTTY: false,
    columns: 120,
    text: () => parts.join(''),
  };
}

/** Writes a report file, creating its directory (dated output templates name directories that may not exist). */
export async function writeTextFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Characters gathered before one write to a report file. */
const FILE_WRITE_CHARS = 1 << 20;

/**
 * Writes a report file as its renderer hands the text over (`write` calls its sink with the pieces in order),
 * creating its directory: a big report is never held whole. The file is written synchronously; a report
 * renderer is synchronous too, and nothing else waits on this thread meanwhile.
 */
export async function writeRenderedFile(path: string, write: (sink: (text: string) => void) => void): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    const out = batchedSink((text) => {
      const bytes = Buffer.from(text, 'utf8');
      // writeSync may write less than asked; a regular file rarely does, but the rest must not be lost.
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    }, FILE_WRITE_CHARS);
    write(out.put);
    out.end();
  } finally {
    closeSync(fd);
  }
}

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
