import { describe, expect, it } from 'vitest';
import { PcapngWriter, rawTimestamp } from '../../src/writer/pcapng-writer.js';

/** Walks blocks like a minimal reader: [type, length] per block, checking the trailing length. */
function blocks(file: Buffer, le: boolean): [number, number][] {
  const out: [number, number][] = [];
  let pos = 0;
  while (pos < file.length) {
    const type = le ? file.readUInt32LE(pos) : file.readUInt32BE(pos);
    const len = le ? file.readUInt32LE(pos + 4) : file.readUInt32BE(pos + 4);
    expect(len % 4).toBe(0);
    expect(le ? file.readUInt32LE(pos + len - 4) : file.readUInt32BE(pos + len - 4)).toBe(len);
    out.push([type, len]);
    pos += len;
  }
  return out;
}

describe('PcapngWriter', () => {
  it('writes a section header with the byte-order magic of §4.1', () => {
    const le = new PcapngWriter().section().toBuffer();
    expect(le.toString('hex')).toBe('0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000');
    const be = new PcapngWriter().section({ bigEndian: true }).toBuffer();
    expect(be.toString('hex')).toBe('0a0d0d0a0000001c1a2b3c4d00010000ffffffffffffffff0000001c');
  });

  it('frames every block kind with padding and options', () => {
    for (const bigEndian of [false, true]) {
      const w = new PcapngWriter().section({ bigEndian });
      w.interface({ linkType: 1, snaplen: 100, tsresol: 9, tsoffset: 5, name: 'eth0' });
      w.epb(Buffer.alloc(5, 1), 1_000_000, { options: [{ code: 1, value: Buffer.from('abc') }] });
      w.spb(Buffer.alloc(3));
      w.obsoletePacket(Buffer.alloc(1), 0);
      w.nrb([192, 0, 2, 1], 'x');
      w.isb(0);
      w.dsb(0x544c534b, Buffer.from('k'));
      w.custom(32473, Buffer.from('c'), false);
      w.block(0x123, Buffer.from('zz'));
      const got = blocks(w.toBuffer(), !bigEndian).map(([t]) => t);
      expect(got).toEqual([0x0a0d0d0a, 1, 6, 3, 2, 4, 5, 0x0a, 0x40000bad, 0x123]);
    }
  });

  it('writes a Decryption Secrets Block (§4.7): type, length, padded secrets', () => {
    const f = new PcapngWriter().section().dsb(0x544c534b, Buffer.from('CLIENT_RANDOM a b\n')).toBuffer();
    const dsb = f.subarray(28);
    expect([dsb.readUInt32LE(0), dsb.readUInt32LE(4)]).toEqual([0x0a, 40]);
    expect([dsb.readUInt32LE(8), dsb.readUInt32LE(12)]).toEqual([0x544c534b, 18]);
    expect(dsb.subarray(16, 34).toString()).toBe('CLIENT_RANDOM a b\n');
    expect(dsb.subarray(34, 36)).toEqual(Buffer.alloc(2));
  });

  it('writes IDB options (§4.2) and EPB fields (§4.3)', () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 113, snaplen: 65535, tsresol: 0x80 | 20, tsoffset: -3 });
    const idbEnd = w.toBuffer().length;
    w.epb(Buffer.from([0xaa, 0xbb]), 1_000_000, { origLen: 60 });
    const f = w.toBuffer();
    const idb = f.subarray(28, idbEnd);
    expect(idb.readUInt16LE(8)).toBe(113);
    expect(idb.readUInt32LE(12)).toBe(65535);
    // if_tsresol: code 9, length 1, value, 3 bytes of padding; then if_tsoffset: code 14, length 8.
    expect(idb.subarray(16, 24).toString('hex')).toBe('0900010094000000');
    expect(idb.readUInt16LE(24)).toBe(14);
    expect(idb.readBigInt64LE(28)).toBe(-3n);
    const epb = f.subarray(idbEnd);
    const raw = (BigInt(epb.readUInt32LE(12)) << 32n) | BigInt(epb.readUInt32LE(16));
    expect(raw).toBe(4n * 2n ** 20n); // (1 s + 3 s offset) at 2^-20 s
    expect([epb.readUInt32LE(20), epb.readUInt32LE(24)]).toEqual([2, 60]);
  });

  it('converts microseconds to raw units for any resolution', () => {
    expect(rawTimestamp(1_500_000, 6)).toBe(1_500_000n);
    expect(rawTimestamp(1_500_000, 9)).toBe(1_500_000_000n);
    expect(rawTimestamp(1_500_000, 3, 1)).toBe(500n);
    expect(rawTimestamp(1_000_000, 0x80 | 10)).toBe(1024n);
  });
});
