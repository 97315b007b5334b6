/**
 * splitLines reading a file into its own two buffers in turn (read-ahead through a ChunkTarget) must hand the
 * sink exactly the calls it makes over the same bytes in any other chunking: the same lines (as bytes or as
 * decoded text), the same numbers, the same overlong lines, with a BOM, UTF-16, CRLF and lines that straddle
 * every read. The bytes of a line are copied during the call, since the buffer is read into again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/prng.js';
import { ChunkTarget } from '../../../src/ingest/chunk-target.js';
import { type LineSink, MAX_LINE_BYTES, splitLines } from '../../../src/ingest/logs/line-splitter.js';
import { readChunks } from '../../../src/ingest/read-chunks.js';
import { openStream } from '../../../src/ingest/source.js';
import { chunked } from './log-test-helpers.js';

/** Random log-like bytes: short lines of printable, control and non-ASCII bytes, CRLF, the odd overlong line. */
function randomLog(seed: number, size: number): Buffer {
  const rnd = mulberry32(seed);
  const parts: Buffer[] = [];
  const start = rnd();
  if (start < 0.1) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  else if (start < 0.15) parts.push(Buffer.from([0xff, 0xfe]));
  let total = 0;
  while (total < size) {
    const long = rnd() < 0.002;
    const n = long ? MAX_LINE_BYTES + Math.floor(rnd() * 100) - 50 : Math.floor(rnd() * 160);
    const line = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      line[i] = r < 0.9 ? 0x20 + Math.floor(rnd() * 95) : r < 0.95 ? Math.floor(rnd() * 256) : 0x0d;
    }
    parts.push(line, Buffer.from(rnd() < 0.3 ? '\r\n' : '\n'));
    total += n + 2;
  }
  if (rnd() < 0.5) parts.push(Buffer.from('last line without newline'));
  return Buffer.concat(parts);
}

/** A sink that records every call, taking some lines as bytes and declining the others. */
function recorder(): { sink: LineSink; calls: string[] } {
  const calls: string[] = [];
  const sink: LineSink = {
    line: (text, lineNo) => calls.push(`L${lineNo} ${text}`),
    bytes: (buf, start, end, lineNo) => {
      if (lineNo % 3 === 0) return false;
      calls.push(`B${lineNo} ${buf.toString('latin1', start, end)}`);
      return true;
    },
    tooLong: (lineNo, head) => calls.push(`T${lineNo} ${head}`),
  };
  return { sink, calls };
}

/** The data as a file read where the consumer says (source.ts openStream over read-chunks.ts), `step` at most per read. */
async function readAhead(data: Buffer, step: number, readBytes: number): Promise<string[]> {
  let at = 0;
  const target = new ChunkTarget();
  const read = async (buf: Buffer, offset: number, length: number): Promise<number> => {
    const n = Math.min(length, step, data.length - at);
    data.copy(buf, offset, at, at + n);
    at += n;
    return n;
  };
  const source = await openStream(
    readChunks(read, async () => {}, target),
    'log',
    data.length,
    target,
  );
  expect(source.into).toBe(target);
  const { sink, calls } = recorder();
  await splitLines(source.chunks, sink, undefined, source.into, readBytes);
  return calls;
}

async function plain(data: Buffer, chunk: number): Promise<string[]> {
  const { sink, calls } = recorder();
  await splitLines(chunked(data, chunk), sink);
  return calls;
}

describe('splitLines reading ahead into its own buffers', () => {
  it('makes the calls any other chunking makes (property over random logs, reads and buffer sizes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.integer({ min: 70_000, max: 200_000 }),
        fc.integer({ min: 97, max: 70_000 }),
        fc.integer({ min: 150, max: 9_000 }),
        async (seed, size, step, readBytes) => {
          const data = randomLog(seed, size);
          const want = await plain(data, data.length);
          expect(await readAhead(data, step, readBytes)).toEqual(want);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('a file smaller than the head and an empty remainder', async () => {
    for (const text of ['a\nb\r\nc', 'one line\n', '\n\n\n']) {
      const data = Buffer.from(text);
      expect(await readAhead(data, 2, 4)).toEqual(await plain(data, 1));
    }
  });
});
