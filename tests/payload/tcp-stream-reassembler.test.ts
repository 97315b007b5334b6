import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_BYTES, TcpStreamReassembler } from '../../src/payload/tcp-stream-reassembler.js';

function collector() {
  const chunks: number[] = [];
  const events: string[] = [];
  const r = new TcpStreamReassembler({
    data: (bytes) => {
      for (const b of bytes) chunks.push(b);
      events.push(`data ${bytes.length}`);
    },
    gap: () => events.push('gap'),
  });
  return { r, chunks, events };
}

const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

describe('TcpStreamReassembler', () => {
  it('delivers in-order segments after the SYN', () => {
    const { r, chunks } = collector();
    r.setIsn(999);
    r.push(1000, bytes(5), 0, 5, 1);
    r.push(1005, bytes(5, 5), 0, 5, 2);
    expect(chunks).toEqual([...bytes(10)]);
  });

  it('reorders, drops retransmissions and keeps the first copy of overlaps', () => {
    const { r, chunks } = collector();
    r.setIsn(99);
    const all = bytes(30);
    r.push(110, all, 10, 10, 2); // early
    r.push(100, all, 0, 10, 1);
    r.push(100, all, 0, 10, 3); // retransmission
    const overlap = bytes(15, 15).map((b) => b ^ 0xff); // different bytes for 15..29: only 20..29 are new
    r.push(115, overlap, 0, 15, 4);
    expect(chunks.slice(0, 20)).toEqual([...all.subarray(0, 20)]);
    expect(chunks.slice(20)).toEqual([...overlap.subarray(5)]);
  });

  it('wraps around 2^32', () => {
    const { r, chunks } = collector();
    r.setIsn(0xfffffffd);
    r.push(0xfffffffe, bytes(4), 0, 4, 1); // covers ...fe, ff, 0, 1
    r.push(2, bytes(2, 4), 0, 2, 2);
    expect(chunks).toEqual([...bytes(6)]);
  });

  it('declares a gap at the end when a hole never fills, and goes on after it', () => {
    const { r, chunks, events } = collector();
    r.setIsn(0);
    r.push(1, bytes(5), 0, 5, 1);
    r.push(20, bytes(5, 100), 0, 5, 2);
    r.finish();
    expect(events).toEqual(['data 5', 'gap', 'data 5']);
    expect(chunks).toEqual([...bytes(5), ...bytes(5, 100)]);
    expect(r.gaps).toBe(1);
  });

  it('declares a gap when too much waits behind a hole', () => {
    const { r, events } = collector();
    r.setIsn(0);
    const big = new Uint8Array(64 * 1024);
    for (let i = 0; i * big.length <= MAX_PENDING_BYTES; i++) r.push(1000 + i * big.length, big, 0, big.length, i);
    expect(events[0]).toBe('gap');
  });

  it('stops for good', () => {
    const { r, events } = collector();
    r.stop();
    r.push(1, bytes(5), 0, 5, 1);
    r.finish();
    expect(events).toEqual([]);
  });

  it('delivers every byte exactly once in order for any arrival order and duplication', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (isn, sizes, order) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const data = bytes(total);
          const segs: [number, number][] = [];
          let at = 0;
          for (const n of sizes) {
            segs.push([at, n]);
            at += n;
          }
          const shuffled = [...segs];
          for (let i = 0; i < order.length && shuffled.length > 1; i++) {
            const a = (order[i] ?? 0) % shuffled.length;
            const [seg] = shuffled.splice(a, 1);
            if (seg !== undefined) shuffled.push(seg, ...(i % 3 === 0 ? [seg] : []));
          }
          const { r, chunks, events } = collector();
          r.setIsn(isn);
          for (const [off, n] of shuffled) r.push((isn + 1 + off) >>> 0, data, off, n, 1);
          r.finish();
          expect(events).not.toContain('gap');
          expect(chunks).toEqual([...data]);
        },
      ),
    );
  });
});
