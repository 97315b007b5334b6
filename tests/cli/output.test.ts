/**
 * streamSink batches writes and encodes a batch as Latin-1 only when every write in it promised ASCII: the bytes
 * on the stream are always the UTF-8 of the text, whatever mix of promised and unpromised writes came in.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamSink, writeRenderedFile } from '../../src/cli/output.js';

function collector(highWaterMark = 1 << 14): { stream: Writable; bytes: () => Buffer; writes: () => number } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks), writes: () => chunks.length };
}

const piece = fc.oneof(
  fc
    .string({ unit: fc.constantFrom('a', '"', '\\', '\n', '{', '0'), maxLength: 40 })
    .map((text) => ({ text, ascii: true })),
  fc.string({ maxLength: 20 }).map((text) => ({ text, ascii: false })),
  fc.string({ unit: fc.constantFrom('é', '😀', '\u2028', 'x'), maxLength: 10 }).map((text) => ({ text, ascii: false })),
);

describe('streamSink', () => {
  it('writes the UTF-8 of everything, Latin-1 batches included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(piece, fc.nat(3000)), { maxLength: 60 }), async (writes) => {
        const c = collector();
        const out = streamSink(c.stream);
        let all = '';
        for (const [p, pad] of writes) {
          // Padding makes batches fill up and flush at varied points between promised and unpromised text.
          const text = p.ascii ? p.text + 'z'.repeat(pad * 8) : p.text;
          out.write(text, p.ascii);
          all += text;
        }
        await out.drain();
        await new Promise<void>((resolve) => c.stream.end(resolve));
        expect(c.bytes().equals(Buffer.from(all, 'utf8'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('waits for the stream when it asks for a drain, and batches small writes', async () => {
    const c = collector(1024);
    const out = streamSink(c.stream);
    for (let i = 0; i < 20_000; i++) out.write(`{"n":${i}}\n`, true);
    await out.drain();
    expect(c.stream.writableLength).toBe(0);
    expect(c.writes()).toBeLessThan(10);
    await new Promise<void>((resolve) => c.stream.end(resolve));
    expect(c.bytes().toString('utf8').split('\n')).toHaveLength(20_001);
  });

  it('answers that it kept written bytes only while the stream still queues them', async () => {
    const later: (() => void)[] = [];
    let sync = true;
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        if (sync) done();
        else later.push(() => done());
      },
    });
    const out = streamSink(stream);
    expect(out.writeBytes(new Uint8Array([65]))).toBe(true);
    sync = false;
    expect(out.writeBytes(new Uint8Array([66]))).toBe(false);
    for (const f of later) f();
    await new Promise<void>((resolve) => stream.end(resolve));
  });
});

describe('writeRenderedFile', () => {
  it('writes the pieces in order as UTF-8, creating the directory, past its write batch size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outflow-rendered-'));
    try {
      const path = join(dir, 'dated', '2026-11-29', 'report.json');
      const pieces = Array.from({ length: 3000 }, (_, i) => `${i} é 😀 ${'x'.repeat(i % 997)}\n`);
      await writeRenderedFile(path, (sink) => {
        for (const p of pieces) sink(p);
      });
      expect(readFileSync(path).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
