import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TcpStreamStart } from '../../src/flows/tcp-stream-start.js';

const bytes = (n: number, start = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

describe('TcpStreamStart reuse', () => {
  it('starts over empty after recycle(), and a stream given a used buffer shows only its own bytes', () => {
    const a = new TcpStreamStart(65_536);
    a.setIsn(99);
    const big = bytes(5000, 7);
    expect(a.push(100, big, 0, 5000)).toBe(true);
    a.recycle();
    expect(a.length).toBe(0);
    expect(a.bytes().length).toBe(0);
    expect(a.isStart(12345)).toBe(true); // no base kept: any first segment starts it
    // The next stream to buffer takes the pooled buffer: it must see its 3 bytes, not the 5000 before.
    const b = new TcpStreamStart(65_536);
    expect(b.push(1, Uint8Array.of(1, 2, 3), 0, 3)).toBe(true);
    expect([...b.bytes()]).toEqual([1, 2, 3]);
    // The recycled one works as new.
    a.setIsn(0);
    expect(a.push(1, Uint8Array.of(9, 8), 0, 2)).toBe(true);
    expect([...a.bytes()]).toEqual([9, 8]);
  });

  it('reassembles the same through recycles as fresh streams do (fuzz)', () => {
    // Buffers up to 2 KiB come from the pool, larger ones are grown: both, through many recycles.
    const reused = new TcpStreamStart(65_536);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(10_000), fc.integer({ min: 1, max: 1500 })), { minLength: 1, maxLength: 16 }),
        (segments) => {
          const data = bytes(12_000, segments.length);
          const fresh = new TcpStreamStart(65_536);
          fresh.setIsn(999);
          reused.recycle();
          reused.setIsn(999);
          for (const [off, len] of segments) {
            const n = Math.min(len, data.length - off);
            expect(reused.push(1000 + off, data, off, n)).toBe(fresh.push(1000 + off, data, off, n));
          }
          expect([...reused.bytes()]).toEqual([...fresh.bytes()]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('TcpStreamStart', () => {
  it('reassembles in-order segments after the SYN', () => {
    const s = new TcpStreamStart(1000);
    s.setIsn(999);
    const data = bytes(30);
    expect(s.push(1000, data, 0, 10)).toBe(true);
    expect(s.push(1010, data, 10, 20)).toBe(true);
    expect([...s.bytes()]).toEqual([...data]);
  });

  it('handles out-of-order, retransmitted and overlapping segments (first copy wins)', () => {
    const s = new TcpStreamStart(1000);
    const data = bytes(30);
    s.setIsn(0xffffffff); // stream starts at sequence 0 after wrap-around
    expect(s.push(20, data, 20, 10)).toBe(false); // future: kept pending
    expect(s.push(0, data, 0, 10)).toBe(true);
    expect(s.push(0, data, 0, 10)).toBe(false); // retransmission
    expect(s.push(5, data, 5, 15)).toBe(true); // overlap fills the gap and drains the pending segment
    expect(s.length).toBe(30);
    expect([...s.bytes()]).toEqual([...data]);
  });

  it('takes the first data segment as the start when no SYN was seen', () => {
    const s = new TcpStreamStart(100);
    const data = bytes(10);
    s.push(123456, data, 0, 10);
    expect(s.length).toBe(10);
  });

  it('never keeps more than its cap', () => {
    const s = new TcpStreamStart(16);
    s.setIsn(0);
    s.push(1, bytes(40), 0, 40);
    expect(s.length).toBe(16);
    expect(s.full).toBe(true);
  });

  it('reassembles any permutation of segments to the same bytes', () => {
    const data = bytes(200, 7);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 199 }), { minLength: 1, maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (cuts, rnd) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const segs: [number, number][] = [];
          let prev = 0;
          for (const p of [...points, 200]) {
            segs.push([prev, p - prev]);
            prev = p;
          }
          const order = segs.map((seg) => ({ seg, k: rnd.next().value as number })).sort((a, b) => a.k - b.k);
          const s = new TcpStreamStart(4096);
          s.setIsn(41);
          for (const { seg } of order) s.push(42 + seg[0], data, seg[0], seg[1]);
          // Out-of-order buffering is bounded, so only assert when few segments were used.
          if (segs.length <= 16) expect([...s.bytes()]).toEqual([...data]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
