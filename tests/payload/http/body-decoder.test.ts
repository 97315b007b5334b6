import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/payload/http/body-decoder.js';
import { MAX_DECOMPRESSED_BYTES, MAX_INSPECTED_BODY_BYTES } from '../../../src/payload/types.js';
import { bytes, text } from './helpers.js';

const PLAIN = JSON.stringify({ email: 'jane@example.com', items: Array.from({ length: 200 }, (_, i) => i) });

/**
 * A zstd frame built by hand (RFC 8878): single segment, raw and RLE blocks, no checksum. fzstd only decodes, and
 * these two block types are enough to test framing, bombs and window limits without a zstd encoder.
 */
function zstdFrame(blocks: ({ raw: Uint8Array } | { rle: number; count: number })[], contentSize?: number): Uint8Array {
  const out: number[] = [0x28, 0xb5, 0x2f, 0xfd];
  if (contentSize === undefined) {
    out.push(0x00, 0x58); // FHD: no content size, not single segment; window descriptor 0x58 → 8 MiB
  } else {
    out.push(0xa0); // FHD: FCS 4 octets, single segment
    out.push(contentSize & 0xff, (contentSize >> 8) & 0xff, (contentSize >> 16) & 0xff, (contentSize >>> 24) & 0xff);
  }
  blocks.forEach((b, i) => {
    const last = i === blocks.length - 1 ? 1 : 0;
    const [type, size, payload] = 'raw' in b ? [0, b.raw.length, [...b.raw]] : [1, b.count, [b.rle]];
    const h = last | (type << 1) | (size << 3);
    out.push(h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, ...payload);
  });
  return new Uint8Array(out);
}

describe('decodeBody', () => {
  it('returns identity and absent encodings unchanged', () => {
    for (const enc of [null, '', 'identity', ' Identity ']) {
      const r = decodeBody(bytes(PLAIN), enc);
      expect(text(r.body)).toBe(PLAIN);
      expect(r.notes).toEqual([]);
    }
  });

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s', (enc, compress) => {
    const r = decodeBody(new Uint8Array(compress(Buffer.from(PLAIN))), enc);
    expect(text(r.body)).toBe(PLAIN);
    expect(r.notes).toEqual([]);
  });

  it('decodes zstd (raw and RLE blocks, several frames)', () => {
    const frames = Buffer.concat([
      zstdFrame([{ raw: bytes('hello ') }, { rle: 0x61, count: 5 }]),
      zstdFrame([{ raw: bytes(' world') }], 6),
    ]);
    const r = decodeBody(new Uint8Array(frames), 'zstd');
    expect(text(r.body)).toBe('hello aaaaa world');
    expect(r.notes).toEqual([]);
  });

  it('undoes a list of codings last first', () => {
    const twice = brotliCompressSync(gzipSync(Buffer.from(PLAIN)));
    const r = decodeBody(new Uint8Array(twice), 'gzip, br');
    expect(text(r.body)).toBe(PLAIN);
  });

  it('keeps raw octets and notes an unknown coding', () => {
    const r = decodeBody(bytes('abc'), 'compress');
    expect(text(r.body)).toBe('abc');
    expect(r.notes).toEqual(['unknown-encoding']);
  });

  it.each([
    ['gzip', gzipSync, 'bad-gzip'],
    ['deflate', deflateSync, 'bad-deflate'],
    ['br', brotliCompressSync, 'bad-br'],
  ] as const)('returns what decoded before damage in %s', (enc, compress, note) => {
    const long = `${PLAIN}${'z'.repeat(100_000)}${PLAIN}`;
    const wire = new Uint8Array(compress(Buffer.from(long)));
    const truncated = wire.subarray(0, Math.floor(wire.length / 2));
    const r = decodeBody(truncated, enc);
    expect(r.notes).toEqual([note]);
    expect(r.body.length).toBeGreaterThan(0);
    expect(long.startsWith(text(r.body))).toBe(true);
  });

  it('notes corrupted gzip (bad CRC) but keeps the data', () => {
    const wire = new Uint8Array(gzipSync(Buffer.from(PLAIN)));
    const crcAt = wire.length - 6; // CRC32 in the trailer
    wire[crcAt] = (wire[crcAt] ?? 0) ^ 0xff;
    const r = decodeBody(wire, 'gzip');
    expect(r.notes).toEqual(['bad-gzip']);
    expect(PLAIN.startsWith(text(r.body))).toBe(true);
    expect(r.body.length).toBeGreaterThan(PLAIN.length / 2);
  });

  it('notes garbage that is not compressed at all', () => {
    for (const enc of ['gzip', 'deflate', 'br', 'zstd']) {
      const r = decodeBody(bytes('this is not compressed data, really not'), enc);
      expect(r.notes).toEqual([`bad-${enc}`]);
    }
  });

  it('stops a gzip bomb (100 MB of zeros) at the decompression limit', () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }));
    const started = Date.now();
    const r = decodeBody(bomb, 'gzip');
    expect(r.notes).toEqual(['decompression-limit', 'body-truncated']);
    expect(r.body.length).toBe(MAX_INSPECTED_BODY_BYTES);
    expect(r.body.every((b) => b === 0)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops a brotli bomb at the decompression limit', () => {
    const bomb = new Uint8Array(
      brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), { params: { [constants.BROTLI_PARAM_QUALITY]: 2 } }),
    );
    const r = decodeBody(bomb, 'br');
    expect(r.notes).toEqual(['decompression-limit', 'body-truncated']);
    expect(r.body.length).toBe(MAX_INSPECTED_BODY_BYTES);
  });

  it('stops a zstd bomb of RLE blocks at the decompression limit', () => {
    const blocks = Array.from({ length: 1000 }, () => ({ rle: 0, count: 128 * 1024 }));
    const r = decodeBody(zstdFrame(blocks), 'zstd');
    expect(r.notes).toEqual(['decompression-limit', 'body-truncated']);
    expect(r.body.length).toBe(MAX_INSPECTED_BODY_BYTES);
  });

  it('refuses a zstd frame whose window would exceed the limit, before allocating it', () => {
    const big = zstdFrame([{ raw: bytes('x') }], 0x7fffffff);
    const r = decodeBody(big, 'zstd');
    expect(r.notes).toEqual(['decompression-limit']);
    expect(r.body.length).toBe(0);
  });

  it('keeps a body under the inspection limit whole, and cuts a larger one', () => {
    const big = new Uint8Array(MAX_INSPECTED_BODY_BYTES + 10).fill(1);
    expect(decodeBody(big, null)).toMatchObject({ notes: ['body-truncated'] });
    expect(decodeBody(big, null).body.length).toBe(MAX_INSPECTED_BODY_BYTES);
    const inflated = decodeBody(new Uint8Array(gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES - 1))), 'gzip');
    expect(inflated.notes).toEqual(['body-truncated']);
  });

  it('never throws on random octets under any coding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('gzip', 'deflate', 'br', 'zstd', 'gzip, br', 'zstd, gzip', 'bogus'),
        (data, enc) => {
          const r = decodeBody(data, enc);
          expect(r.body.length).toBeLessThanOrEqual(MAX_INSPECTED_BODY_BYTES);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on zstd-looking garbage (valid magic, random rest)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (rest) => {
        const data = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, ...rest]);
        decodeBody(data, 'zstd');
      }),
      { numRuns: 500 },
    );
  });
});
