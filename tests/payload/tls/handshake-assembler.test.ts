import { describe, expect, it } from 'vitest';
import { HandshakeAssembler, MAX_KEPT_HANDSHAKE_BYTES } from '../../../src/payload/tls/handshake-assembler.js';

const msg = (type: number, body: number[]): number[] => [
  type,
  body.length >> 16,
  (body.length >> 8) & 0xff,
  body.length & 0xff,
  ...body,
];

describe('HandshakeAssembler', () => {
  it('joins messages across pushes and splits several in one push; skips unwanted ones', () => {
    const got: [number, number[]][] = [];
    const a = new HandshakeAssembler(
      (t) => t !== 11,
      (t, b) => got.push([t, [...b]]),
    );
    const stream = Uint8Array.from([
      ...msg(2, [1, 2, 3]),
      ...msg(11, Array(1000).fill(7)),
      ...msg(14, []),
      ...msg(20, [5]),
    ]);
    for (const size of [1, 3, 7, stream.length]) {
      got.length = 0;
      for (let off = 0; off < stream.length; off += size) a.push(stream.subarray(off, off + size));
      expect(got).toEqual([
        [2, [1, 2, 3]],
        [14, []],
        [20, [5]],
      ]);
      expect(a.atBoundary).toBe(true);
    }
  });

  it('does not keep a message above the limit, and still finds the next one', () => {
    const got: number[] = [];
    const a = new HandshakeAssembler(
      () => true,
      (t) => got.push(t),
    );
    const n = MAX_KEPT_HANDSHAKE_BYTES + 1;
    a.push(Uint8Array.from([1, n >> 16, (n >> 8) & 0xff, n & 0xff]));
    a.push(new Uint8Array(n));
    a.push(Uint8Array.from(msg(20, [1])));
    expect(got).toEqual([20]);
  });
});
