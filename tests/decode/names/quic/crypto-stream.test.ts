import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoStream } from '../../../../src/decode/names/quic/crypto-stream.js';

const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('CryptoStream', () => {
  it('reassembles out-of-order chunks and exposes only the gap-free prefix', () => {
    const data = bytes(3000);
    const s = new CryptoStream();
    expect(s.add(2000, data.subarray(2000))).toBe('ok');
    expect(s.contiguous).toBe(0);
    expect(s.add(0, data.subarray(0, 1000))).toBe('ok');
    expect(s.contiguous).toBe(1000);
    expect(s.rangeCount).toBe(2);
    expect(s.add(900, data.subarray(900, 2100))).toBe('ok');
    expect(s.contiguous).toBe(3000);
    expect(s.rangeCount).toBe(1);
    expect(Buffer.from(s.prefix()).equals(Buffer.from(data))).toBe(true);
  });

  it('joins touching ranges and ignores empty chunks', () => {
    const s = new CryptoStream();
    s.add(10, bytes(10));
    s.add(0, bytes(10));
    expect(s.add(5000, new Uint8Array(0))).toBe('ok');
    expect(s.rangeCount).toBe(1);
    expect(s.contiguous).toBe(20);
  });

  it('refuses chunks past the byte limit without storing them', () => {
    const s = new CryptoStream(1024);
    expect(s.add(1000, bytes(25))).toBe('over-limit');
    expect(s.add(0, bytes(1024))).toBe('ok');
    expect(s.add(2 ** 60, bytes(1))).toBe('over-limit');
    expect(s.contiguous).toBe(1024);
  });

  it('refuses more disjoint ranges than allowed', () => {
    const s = new CryptoStream(65536, 4);
    for (let i = 0; i < 4; i++) expect(s.add(i * 10, bytes(1))).toBe('ok');
    expect(s.add(100, bytes(1))).toBe('too-fragmented');
    // Filling a hole still works.
    expect(s.add(0, bytes(11))).toBe('ok');
  });

  it('property: any order of overlapping chunks rebuilds the data', () => {
    const data = bytes(4000, 7);
    const chunk = fc.tuple(fc.integer({ min: 0, max: 3999 }), fc.integer({ min: 1, max: 1500 }));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 20 }), fc.integer({ min: 0, max: 1000 }), (extra, seed) => {
        // Cover the whole range with fixed pieces plus random overlapping ones, shuffled.
        const pieces: [number, number][] = [...extra];
        for (let off = 0; off < 4000; off += 700) pieces.push([off, 700]);
        const order = pieces.map((p, i) => ({ p, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k);
        const s = new CryptoStream();
        for (const { p } of order) {
          const end = Math.min(4000, p[0] + p[1]);
          expect(s.add(p[0], data.subarray(p[0], end))).toBe('ok');
        }
        expect(s.contiguous).toBe(4000);
        expect(Buffer.from(s.prefix()).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
