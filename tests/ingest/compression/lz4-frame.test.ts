import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecompressError } from '../../../src/ingest/compression/decompress-error.js';
import { decodeLz4Block } from '../../../src/ingest/compression/lz4-block.js';
import { Lz4FrameDecoder } from '../../../src/ingest/compression/lz4-frame.js';
import { Xxh32, xxh32 } from '../../../src/ingest/compression/xxhash32.js';
import { writeLz4Frame, writeSkippableFrame } from '../../../src/writer/lz4-frame-writer.js';

const hasLz4 = spawnSync('lz4', ['--version']).status === 0;

/** Decodes `bytes` fed in pieces cycling through `sizes`; returns the output, or the DecompressError. */
function decode(
  bytes: Uint8Array,
  sizes: number[] = [bytes.length || 1],
): { out: Buffer; error: DecompressError | null } {
  const d = new Lz4FrameDecoder();
  const parts: Buffer[] = [];
  try {
    let i = 0;
    let k = 0;
    while (i < bytes.length) {
      const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
      for (const o of d.push(bytes.subarray(i, i + n))) parts.push(Buffer.from(o));
      i += n;
    }
    d.end();
    return { out: Buffer.concat(parts), error: null };
  } catch (e) {
    if (e instanceof DecompressError) return { out: Buffer.concat(parts), error: e };
    throw e;
  }
}

/** Text-like data with repeats near and far, so the compressor finds matches of every kind. */
function sample(n: number, seed = 1): Buffer {
  const words = ['GET /index.html HTTP/1.1\r\n', 'Host: example.com\r\n', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'x'];
  const b = Buffer.alloc(n);
  let x = seed;
  let at = 0;
  while (at < n) {
    x = (x * 1103515245 + 12345) >>> 0;
    if (x % 5 === 0) {
      b[at++] = x >>> 24;
      continue;
    }
    const w = words[x % words.length] ?? '';
    at += b.write(w, at);
  }
  return b;
}

describe('xxh32', () => {
  it('matches the reference values', () => {
    expect(xxh32(Buffer.alloc(0))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });

  it('gives the same hash however the input is split', () => {
    const data = sample(1000);
    const whole = xxh32(data);
    for (const step of [1, 3, 15, 16, 17, 64]) {
      const h = new Xxh32();
      for (let i = 0; i < data.length; i += step) h.update(data, i, Math.min(data.length, i + step));
      expect(h.digest()).toBe(whole);
    }
  });
});

describe('lz4 block decoding', () => {
  const bad: [string, number[]][] = [
    ['a zero offset', [0x10, 0x41, 0x00, 0x00]],
    ['an offset before the output', [0x10, 0x41, 0x02, 0x00, 0x00]],
    ['literals past the block', [0x50, 0x41]],
    ['a literal length past the block', [0xf0, 0xff]],
    ['a cut offset', [0x10, 0x41, 0x01]],
    ['an empty block', []],
  ];
  for (const [what, bytes] of bad) {
    it(`refuses ${what}`, () => {
      const src = Uint8Array.from(bytes);
      const dst = new Uint8Array(1024);
      expect(() => decodeLz4Block(src, 0, src.length, dst, 0, dst.length, 0)).toThrow(DecompressError);
    });
  }

  it('refuses output past the block maximum, and copies overlapping matches', () => {
    // One literal 'A', then a match of offset 1 and length 4 + 15 + 100: 'A' * 120.
    const src = Uint8Array.from([0x1f, 0x41, 0x01, 0x00, 100, 0x00]);
    const dst = new Uint8Array(200);
    const end = decodeLz4Block(src, 0, src.length, dst, 0, dst.length, 0);
    expect(Buffer.from(dst.subarray(0, end)).toString()).toBe('A'.repeat(120));
    expect(() => decodeLz4Block(src, 0, src.length, dst, 0, 50, 0)).toThrow(/block maximum/);
  });
});

describe('lz4 frames', () => {
  const data = sample(300_000);
  const variants: [string, Parameters<typeof writeLz4Frame>[1]][] = [
    ['independent blocks', {}],
    ['linked blocks', { independent: false }],
    [
      'linked blocks of 1 KiB with checksums and size',
      { independent: false, blockBytes: 1024, blockChecksum: true, contentSize: true },
    ],
    ['256 KiB blocks, no content checksum', { blockSizeCode: 5, contentChecksum: false }],
    ['4 MiB blocks', { blockSizeCode: 7 }],
    ['stored blocks', { mode: 'stored', blockChecksum: true }],
    ['literal-only blocks', { mode: 'literals', independent: false }],
  ];
  for (const [name, opts] of variants) {
    it(`round-trips ${name}, whatever the chunking`, () => {
      const frame = writeLz4Frame(data, opts);
      if (opts?.mode === undefined) expect(frame.length).toBeLessThan(data.length * 0.7);
      for (const sizes of [[frame.length], [1], [7, 1, 300], [65_536]]) {
        const r = decode(sizes[0] === 1 ? frame.subarray(0, Math.min(20_000, frame.length - 1)) : frame, sizes);
        if (sizes[0] === 1) {
          // Byte by byte on a prefix: what is decoded is a prefix of the data, then the frame is cut.
          expect(r.error?.reason).toBe('lz4-truncated');
          expect(data.subarray(0, r.out.length).equals(r.out)).toBe(true);
        } else {
          expect(r.error).toBeNull();
          expect(r.out.equals(data)).toBe(true);
        }
      }
    });
  }

  it('reads concatenated and skippable frames, and empty ones', () => {
    const a = sample(5000, 2);
    const b = sample(7000, 3);
    const stream = Buffer.concat([
      writeLz4Frame(a),
      writeSkippableFrame(Buffer.from('metadata'), 7),
      writeLz4Frame(Buffer.alloc(0)),
      writeLz4Frame(b, { independent: false }),
    ]);
    const r = decode(stream, [13]);
    expect(r.error).toBeNull();
    expect(r.out.equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('names each kind of damage', () => {
    const frame = writeLz4Frame(data, { blockChecksum: true, contentSize: true });
    const reason = (bytes: Uint8Array) => decode(bytes).error?.reason ?? null;
    const flip = (at: number) => {
      const b = Buffer.from(frame);
      b[at] = (b[at] ?? 0) ^ 0x01;
      return b;
    };
    expect(reason(flip(6 + 8))).toBe('lz4-data-error'); // header checksum byte
    expect(reason(flip(4))).toBe('lz4-data-error'); // FLG: reserved/version bits change the checksum too
    expect(reason(flip(40))).toBe('lz4-checksum-error'); // inside the first block: its checksum fails
    expect(reason(frame.subarray(0, frame.length - 3))).toBe('lz4-truncated');
    expect(reason(Buffer.concat([frame, Buffer.from('garbage!')]))).toBe('lz4-data-error');
    const noSums = writeLz4Frame(data, { contentChecksum: true });
    const b = Buffer.from(noSums);
    b.writeUInt32LE((b.readUInt32LE(b.length - 4) ^ 1) >>> 0, b.length - 4);
    const r = decode(b);
    expect(r.error?.reason).toBe('lz4-checksum-error');
    expect(r.out.equals(data)).toBe(true); // the whole content came out before the mismatch was seen
    // A block larger than the frame's maximum (64 KiB) is refused before it is buffered.
    const big = Buffer.from(writeLz4Frame(Buffer.alloc(10), { mode: 'stored' }));
    big.writeUInt32LE((0x80000000 | (64 * 1024 + 1)) >>> 0, 7);
    expect(decode(big).error?.detail).toMatch(/above the frame's maximum/);
  });

  it('never throws anything but a DecompressError, and never outputs more than the frame could hold', () => {
    const base = writeLz4Frame(sample(3000, 4), { independent: false, blockBytes: 700 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(base.length),
        (edits, cut) => {
          const b = Buffer.from(base.subarray(0, Math.max(cut, 7)));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          const r = decode(b, [5, 300]);
          expect(r.out.length).toBeLessThanOrEqual(64 * 1024 * 8);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        decode(Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18]), tail]));
      }),
      { numRuns: 500 },
    );
  });
});

describe.skipIf(!hasLz4)('lz4 frames from the lz4 CLI', () => {
  const data = sample(2_500_000, 9);
  const cases: [string, string[]][] = [
    ['default', []],
    ['-9 linked 64 KiB blocks with block checksums', ['-9', '-BD', '-B4', '-BX']],
    ['content size, no frame checksum', ['--content-size', '--no-frame-crc', '-B5']],
    ['fast', ['--fast=3', '-B6']],
  ];
  for (const [name, args] of cases) {
    it(`reads ${name}`, () => {
      const compressed = execFileSync('lz4', ['-c', ...args], { input: data, maxBuffer: 64 << 20 });
      const r = decode(compressed, [65_536]);
      expect(r.error).toBeNull();
      expect(r.out.equals(data)).toBe(true);
    });
  }

  it('writes frames the CLI reads', () => {
    for (const opts of [
      {},
      { independent: false, blockChecksum: true, contentSize: true },
      { mode: 'literals' as const },
    ]) {
      const frame = writeLz4Frame(data.subarray(0, 200_000), opts);
      const back = execFileSync('lz4', ['-d', '-c'], { input: frame, maxBuffer: 64 << 20 });
      expect(back.equals(data.subarray(0, 200_000))).toBe(true);
    }
  });
});
