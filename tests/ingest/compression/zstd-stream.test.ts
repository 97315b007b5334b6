import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecompressError } from '../../../src/ingest/compression/decompress-error.js';
import {
  OUTPUT_BUDGET_BYTES,
  ZSTD_BLOCK_MAX_BYTES,
  ZstdFrameWalker,
  zstdChunks,
} from '../../../src/ingest/compression/zstd-stream.js';
import { blockHeader, zstdSkippable, zstdTestFrame } from './zstd-test-frames.js';

const hasZstd = spawnSync('zstd', ['--version']).status === 0;

interface Decoded {
  out: Buffer;
  error: DecompressError | null;
  /** Largest piece of output handed out. */
  maxPiece: number;
}

async function decode(bytes: Uint8Array, sizes: number[] = [bytes.length || 1]): Promise<Decoded> {
  let maxPiece = 0;
  async function* input(): AsyncGenerator<Buffer> {
    let i = 0;
    let k = 0;
    while (i < bytes.length) {
      const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
      yield Buffer.from(bytes.subarray(i, i + n));
      i += n;
    }
  }
  const parts: Buffer[] = [];
  try {
    for await (const o of zstdChunks(input())) {
      parts.push(Buffer.from(o));
      maxPiece = Math.max(maxPiece, o.length);
    }
    return { out: Buffer.concat(parts), error: null, maxPiece };
  } catch (e) {
    if (e instanceof DecompressError) return { out: Buffer.concat(parts), error: e, maxPiece };
    throw e;
  }
}

function sample(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    // Runs of zeros between noise: both RLE and raw blocks.
    b[i] = (i >> 9) % 3 === 0 ? 0 : x >>> 24;
  }
  return b;
}

describe('zstd streaming (hand-made raw and RLE frames)', () => {
  const data = sample(600_000);
  const variants: [string, Parameters<typeof zstdTestFrame>[1]][] = [
    ['a multi-segment frame', {}],
    ['a frame with its content size', { contentSize: true, windowLog: 20 }],
    ['small blocks', { blockBytes: 1000 }],
  ];
  for (const [name, opts] of variants) {
    it(`decodes ${name}, whatever the chunking`, async () => {
      const frame = zstdTestFrame(data, opts);
      for (const sizes of [[frame.length], [1_000_003], [4096], [7, 1, 300, 13]]) {
        const r = await decode(frame, sizes);
        expect(r.error).toBeNull();
        expect(r.out.equals(data)).toBe(true);
      }
    });
  }

  it('decodes single-segment, empty, concatenated and skippable frames', async () => {
    const a = Buffer.from('hello, world');
    const b = sample(70_000, 5);
    const stream = Buffer.concat([
      zstdTestFrame(a, { singleSegment: true }),
      zstdSkippable(Buffer.from('skip me')),
      zstdTestFrame(Buffer.alloc(0), { singleSegment: true }),
      zstdTestFrame(b, { singleSegment: true }),
      zstdTestFrame(Buffer.from('!'), {}),
    ]);
    for (const sizes of [[stream.length], [1], [5, 17]]) {
      const r = await decode(stream, sizes);
      expect(r.error).toBeNull();
      expect(r.out.toString('latin1')).toBe(Buffer.concat([a, b, Buffer.from('!')]).toString('latin1'));
    }
  });

  it('refuses windows above the limit before fzstd allocates them', async () => {
    const big = await decode(zstdTestFrame(Buffer.from('x'), { windowLog: 28 }));
    expect(big.error?.reason).toBe('zstd-window-too-large');
    expect(big.error?.detail).toMatch(/window of 256 MiB above the 64 MiB limit/);
    const claimed = await decode(zstdTestFrame(Buffer.from('x'), { singleSegment: true, declaredSize: 2 ** 31 }));
    expect(claimed.error?.reason).toBe('zstd-window-too-large');
    // The frames before a refused one are delivered.
    const after = await decode(
      Buffer.concat([zstdTestFrame(Buffer.from('first')), zstdTestFrame(Buffer.from('x'), { windowLog: 30 })]),
    );
    expect(after.out.toString()).toBe('first');
    expect(after.error?.reason).toBe('zstd-window-too-large');
  });

  it('names each kind of damage', async () => {
    const frame = zstdTestFrame(sample(10_000, 3));
    expect((await decode(zstdTestFrame(Buffer.from('x'), { dictId: 7 }))).error?.detail).toMatch(/dictionary 7/);
    expect((await decode(frame.subarray(0, frame.length - 10))).error?.reason).toBe('zstd-truncated');
    expect((await decode(frame.subarray(0, 7))).error?.reason).toBe('zstd-truncated');
    const reserved = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38, ...blockHeader(true, 3, 0)]);
    expect((await decode(reserved)).error?.detail).toMatch(/reserved block type/);
    const tooBig = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, ...blockHeader(true, 0, 1025)]);
    expect((await decode(tooBig)).error?.detail).toMatch(/above the maximum of 1024/);
    const garbage = await decode(Buffer.concat([zstdTestFrame(Buffer.from('ok')), Buffer.from('garbage!')]));
    expect(garbage.out.toString()).toBe('ok');
    expect(garbage.error?.reason).toBe('zstd-data-error');
    // A compressed block of nonsense: fzstd's own error becomes a zstd-data-error.
    const nonsense = Buffer.from([
      0x28,
      0xb5,
      0x2f,
      0xfd,
      0x00,
      0x38,
      ...blockHeader(true, 2, 8),
      ...Array(8).fill(0xff),
    ]);
    expect((await decode(nonsense)).error?.reason).toBe('zstd-data-error');
  });

  it('hands fzstd input in pieces whose output is bounded, even for a decompression bomb', async () => {
    // 2,000 RLE blocks of 128 KiB: 262 MB from 8 KB.
    const blocks: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38];
    for (let i = 0; i < 2000; i++) blocks.push(...blockHeader(i === 1999, 1, ZSTD_BLOCK_MAX_BYTES), 0x41);
    const bomb = Buffer.from(blocks);
    const walker = new ZstdFrameWalker();
    let start = 0;
    let pieces = 0;
    while (start < bomb.length) {
      const step = walker.advance(bomb, start, OUTPUT_BUDGET_BYTES);
      expect(step.error).toBeNull();
      // 6 header bytes + whole RLE blocks of 4 bytes, each announcing 128 KiB: 8 blocks per 1 MiB budget.
      expect(step.end - start).toBeLessThanOrEqual(6 + (OUTPUT_BUDGET_BYTES / ZSTD_BLOCK_MAX_BYTES) * 4);
      start = step.end;
      pieces++;
    }
    expect(pieces).toBe(250);
    expect(walker.atBoundary).toBe(true);
    // The generator decodes one piece per step: a consumer that stops early stops the decoding.
    let total = 0;
    for await (const o of zstdChunks(
      (async function* () {
        yield bomb;
      })(),
    )) {
      expect(o.length).toBeLessThanOrEqual(ZSTD_BLOCK_MAX_BYTES);
      total += o.length;
      if (total >= 20 * 1024 * 1024) break;
    }
    expect(total).toBe(20 * 1024 * 1024);
    const whole = await decode(bomb);
    expect(whole.out.length).toBe(2000 * ZSTD_BLOCK_MAX_BYTES);
  });

  it('never throws anything but a DecompressError on damaged frames', async () => {
    const base = Buffer.concat([
      zstdTestFrame(sample(3000, 8), { blockBytes: 500 }),
      zstdTestFrame(Buffer.from('tail')),
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(base.length),
        async (edits, cut) => {
          const b = Buffer.from(base.subarray(0, Math.max(cut, 5)));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          await decode(b, [11, 400]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(!hasZstd)('zstd frames from the zstd CLI', () => {
  const data = Buffer.concat(
    Array.from({ length: 400 }, (_, i) =>
      Buffer.from(`GET /item/${i % 37}?user=${i * 7919} HTTP/1.1\r\nHost: example.com\r\n\r\n`),
    ),
  );
  const noisy = Buffer.concat([data, sample(3_000_000, 4), data]);
  const cases: [string, string[]][] = [
    ['level 1', ['-1']],
    ['level 3 with a checksum', ['-3', '--check']],
    ['level 19', ['-19']],
    ['--long=25 (32 MiB window)', ['-3', '--long=25']],
    ['without content size', ['-3', '--no-content-size']],
  ];
  for (const [name, args] of cases) {
    it(`reads ${name}`, async () => {
      const z = execFileSync('zstd', ['-c', '-q', ...args], { input: noisy, maxBuffer: 64 << 20 });
      const r = await decode(z, [256 * 1024]);
      expect(r.error).toBeNull();
      expect(r.out.equals(noisy)).toBe(true);
      expect(r.maxPiece).toBeLessThanOrEqual(ZSTD_BLOCK_MAX_BYTES);
    });
  }

  it('reads concatenated CLI frames', async () => {
    const z = Buffer.concat([
      execFileSync('zstd', ['-c', '-q', '-5'], { input: data }),
      execFileSync('zstd', ['-c', '-q', '-1'], { input: noisy.subarray(0, 500_000) }),
    ]);
    const r = await decode(z, [4096]);
    expect(r.error).toBeNull();
    expect(r.out.equals(Buffer.concat([data, noisy.subarray(0, 500_000)]))).toBe(true);
  });

  it('refuses --long=27 frames by their window (fzstd decodes offsets of 2^26 and more wrongly)', async () => {
    const z = execFileSync('zstd', ['-c', '-q', '--long=27', '--no-content-size'], { input: data });
    const r = await decode(z);
    expect(r.error?.reason).toBe('zstd-window-too-large');
  });

  it('never throws anything but a DecompressError on damaged compressed blocks', async () => {
    const z = execFileSync('zstd', ['-c', '-q', '-19'], { input: noisy.subarray(0, 60_000) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(z.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          const b = Buffer.from(z);
          for (const [at, v] of edits) b[at] = v;
          const r = await decode(b, [1000]);
          expect(r.out.length).toBeLessThanOrEqual(64 * 1024 * 1024);
        },
      ),
      { numRuns: 300 },
    );
  });
});
