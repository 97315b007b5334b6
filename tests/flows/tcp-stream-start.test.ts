import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TcpStreamStart } from '../../src/flows/tcp-stream-start.js';

const bytes = (n: number, start = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

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
