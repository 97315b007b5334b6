import { describe, expect, it } from 'vitest';
import { PcapWriter, writePcap } from '../../src/writer/pcap-writer.js';

describe('PcapWriter', () => {
  it('writes the file header of draft-ietf-opsawg-pcap §4 in either byte order', () => {
    expect(new PcapWriter({ linkType: 1 }).header().toString('hex')).toBe(
      'd4c3b2a10200040000000000000000000000040001000000',
    );
    expect(new PcapWriter({ linkType: 228, nanosecond: true, bigEndian: true, snaplen: 65535 }).header()).toEqual(
      Buffer.from('a1b23c4d0002000400000000000000000000ffff000000e4', 'hex'),
    );
    expect(new PcapWriter({ linkType: 1, modified: true }).header().readUInt32LE(0)).toBe(0xa1b2cd34);
  });

  it('writes records with split timestamps and the original length', () => {
    const w = new PcapWriter({ linkType: 1, nanosecond: true });
    const rec = w.record(Buffer.from([1, 2, 3]), 1_700_000_000_654_321, 1500);
    expect(rec.length).toBe(19);
    expect([rec.readUInt32LE(0), rec.readUInt32LE(4), rec.readUInt32LE(8), rec.readUInt32LE(12)]).toEqual([
      1_700_000_000, 654_321_000, 3, 1500,
    ]);
    expect([...rec.subarray(16)]).toEqual([1, 2, 3]);
  });

  it('writes into a caller buffer and returns the next offset', () => {
    const w = new PcapWriter({ linkType: 1, bigEndian: true, modified: true });
    const out = Buffer.alloc(100, 0xee);
    const end = w.recordInto(out, 10, Buffer.from([9, 9]), 2_000_001);
    expect(end).toBe(10 + 24 + 2);
    expect(out.readUInt32BE(10)).toBe(2);
    expect(out.readUInt32BE(14)).toBe(1);
    expect(out.subarray(26, 34).every((b) => b === 0)).toBe(true);
    expect(out[end]).toBe(0xee);
  });

  it('writePcap concatenates header and records', () => {
    const file = writePcap({ linkType: 1 }, [
      { data: Buffer.alloc(10), tsMicros: 0 },
      { data: Buffer.alloc(5), tsMicros: 1 },
    ]);
    expect(file.length).toBe(24 + 26 + 21);
  });
});
