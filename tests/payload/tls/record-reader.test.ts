import { describe, expect, it } from 'vitest';
import { MAX_RECORD_FRAGMENT_BYTES, type TlsRecord, TlsRecordReader } from '../../../src/payload/tls/record-reader.js';

const record = (type: number, body: number[]): number[] => [type, 3, 3, body.length >> 8, body.length & 0xff, ...body];

function readAll(
  stream: Uint8Array,
  sizes: number[],
): { records: Omit<TlsRecord, 'fragment'>[]; bodies: number[][]; reader: TlsRecordReader } {
  const reader = new TlsRecordReader();
  const records: Omit<TlsRecord, 'fragment'>[] = [];
  const bodies: number[][] = [];
  let frame = 1;
  for (let off = 0, k = 0; off < stream.length; frame++) {
    const n = sizes[k++ % sizes.length] ?? 1;
    reader.push(stream.subarray(off, off + n), frame, (r) => {
      const { fragment, ...rest } = r;
      records.push(rest);
      bodies.push([...fragment]);
    });
    off += n;
  }
  return { records, bodies, reader };
}

describe('TlsRecordReader', () => {
  const stream = Uint8Array.from([...record(22, [1, 2, 3]), ...record(23, []), ...record(23, Array(300).fill(9))]);

  for (const sizes of [[stream.length], [1], [2], [3], [5], [8], [13], [4, 300]]) {
    it(`frames records from chunks of ${sizes.join(',')} bytes`, () => {
      const { records, bodies, reader } = readAll(stream, sizes);
      expect(records.map((r) => [r.type, r.version, r.streamOffset])).toEqual([
        [22, 0x0303, 0],
        [23, 0x0303, 8],
        [23, 0x0303, 13],
      ]);
      expect(bodies.map((b) => b.length)).toEqual([3, 0, 300]);
      expect(bodies[2]?.every((x) => x === 9)).toBe(true);
      expect(reader.error).toBeNull();
      expect(reader.offset).toBe(stream.length);
    });
  }

  it('names the frame that carried the first byte of a record', () => {
    const { records } = readAll(stream, [10]);
    expect(records.map((r) => r.frame)).toEqual([1, 1, 2]);
  });

  it('stops at a header that is not TLS: bad type, version or length', () => {
    for (const [bad, why] of [
      [[0x47, 0x45, 0x54, 0x20, 0x2f], 'content type 71'],
      [[23, 2, 0, 0, 1], 'record version 2.x'],
      [[23, 3, 3, 0xff, 0xff], `record length 65535 above ${MAX_RECORD_FRAGMENT_BYTES}`],
    ] as const) {
      const { records, reader } = readAll(Uint8Array.from([...record(22, [1]), ...bad, 0, 0]), [1]);
      expect(records.length).toBe(1);
      expect(reader.error).toBe(why);
      expect(reader.errorOffset).toBe(6);
    }
  });
});
