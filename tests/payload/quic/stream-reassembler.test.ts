import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_STREAM_HELD_BYTES,
  MAX_STREAM_HELD_CHUNKS,
  QuicStreamReassembler,
} from '../../../src/payload/quic/stream-reassembler.js';

interface Got {
  bytes: number[];
  fins: number;
  finAt: number;
  calls: number;
}

function collector(): { got: Got; deliver: (d: Uint8Array, fin: boolean) => void } {
  const got: Got = { bytes: [], fins: 0, finAt: -1, calls: 0 };
  return {
    got,
    deliver: (d, fin) => {
      got.calls++;
      if (got.fins > 0) throw new Error('data after fin');
      got.bytes.push(...d);
      if (fin) {
        got.fins++;
        got.finAt = got.bytes.length;
      }
    },
  };
}

const data = (n: number, salt = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + salt) % 256);

describe('QuicStreamReassembler', () => {
  it('hands on in-order data at once and fin with the last piece', () => {
    const r = new QuicStreamReassembler();
    const { got, deliver } = collector();
    r.add(0, data(10), false, deliver);
    r.add(10, data(5, 10), true, deliver);
    expect(got.bytes).toEqual([...data(10), ...data(5, 10)]);
    expect(got.fins).toBe(1);
    expect(got.calls).toBe(2);
    expect(r.closed).toBe(true);
  });

  it('holds early data until the hole fills, drops repeats and overlaps', () => {
    const r = new QuicStreamReassembler();
    const { got, deliver } = collector();
    const all = data(30);
    r.add(20, all.subarray(20, 30), true, deliver);
    r.add(10, all.subarray(10, 25), false, deliver);
    expect(got.calls).toBe(0);
    r.add(0, all.subarray(0, 12), false, deliver);
    expect(got.bytes).toEqual([...all]);
    expect(got.fins).toBe(1);
    r.add(0, all, true, deliver);
    expect(got.bytes).toHaveLength(30);
  });

  it('a FIN with no data, after the data or before it', () => {
    const a = new QuicStreamReassembler();
    const ca = collector();
    a.add(0, data(4), false, ca.deliver);
    a.add(4, new Uint8Array(0), true, ca.deliver);
    expect(ca.got).toMatchObject({ fins: 1, finAt: 4 });
    const b = new QuicStreamReassembler();
    const cb = collector();
    b.add(4, new Uint8Array(0), true, cb.deliver);
    expect(cb.got.calls).toBe(0);
    b.add(0, data(4), false, cb.deliver);
    expect(cb.got).toMatchObject({ fins: 1, finAt: 4 });
  });

  it('an empty stream ended at once', () => {
    const r = new QuicStreamReassembler();
    const { got, deliver } = collector();
    r.add(0, new Uint8Array(0), true, deliver);
    expect(got).toMatchObject({ fins: 1, finAt: 0, calls: 1 });
  });

  it('never hands on bytes past the final size', () => {
    const r = new QuicStreamReassembler();
    const { got, deliver } = collector();
    r.add(0, data(5), true, deliver);
    r.add(0, data(10), true, deliver);
    expect(got.bytes).toHaveLength(5);
    const s = new QuicStreamReassembler();
    const cs = collector();
    s.add(3, data(2), true, cs.deliver);
    s.add(0, data(10), false, cs.deliver);
    expect(cs.got.bytes).toHaveLength(5);
    expect(cs.got.fins).toBe(1);
  });

  it('stops when too much waits behind a hole', () => {
    const r = new QuicStreamReassembler();
    const { got, deliver } = collector();
    const chunk = data(64 * 1024);
    let outcome = 'ok';
    for (let i = 1; outcome === 'ok' && i < 100; i++) outcome = r.add(i * chunk.length, chunk, false, deliver);
    expect(outcome).toBe('stopped');
    expect(r.stopped).toBe(true);
    expect(r.add(0, data(10), false, deliver)).toBe('stopped');
    expect(got.calls).toBe(0);
    expect(MAX_STREAM_HELD_BYTES).toBe(1 << 20);
  });

  it('stops on too many tiny held chunks', () => {
    const r = new QuicStreamReassembler();
    const { deliver } = collector();
    let outcome = 'ok';
    for (let i = 0; outcome === 'ok' && i <= MAX_STREAM_HELD_CHUNKS; i++)
      outcome = r.add(10 + 2 * i, data(1), false, deliver);
    expect(outcome).toBe('stopped');
  });

  it('any cut, repeat and order of the data gives the stream back exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.tuple(fc.nat(2000), fc.nat(300)), { maxLength: 40 }),
        fc.integer(),
        (length, extra, seed) => {
          const all = data(length, 3);
          // Cover the stream with consecutive pieces, then add random overlapping ones, then shuffle.
          const pieces: [number, number][] = [];
          for (let at = 0; at < length; ) {
            const n = 1 + (((at * 31 + seed) >>> 0) % 200);
            pieces.push([at, Math.min(length, at + n)]);
            at += n;
          }
          for (const [start, n] of extra) if (start < length) pieces.push([start, Math.min(length, start + n)]);
          if (length === 0) pieces.push([0, 0]);
          let s = seed >>> 0;
          for (let i = pieces.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [pieces[i], pieces[j]] = [pieces[j] as [number, number], pieces[i] as [number, number]];
          }
          const r = new QuicStreamReassembler();
          const { got, deliver } = collector();
          for (const [a, b] of pieces) r.add(a, all.subarray(a, b), b === length, deliver);
          expect(got.bytes).toEqual([...all]);
          expect(got.fins).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
