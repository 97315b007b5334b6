import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { sniffCaptureFormat } from '../../../src/ingest/input-registry.js';
import { PcapWriter, writePcap } from '../../../src/writer/pcap-writer.js';
import { readBytes, samplePacket } from '../capture-helpers.js';

const T0 = 1_700_000_000_123_456;
const packets = [0, 1, 2, 3].map((i) => ({ data: samplePacket(i, 40 + i * 13), tsMicros: T0 + i * 1_000_001 }));

describe('classic pcap reader', () => {
  for (const bigEndian of [false, true]) {
    for (const variant of ['micro', 'nano', 'modified'] as const) {
      it(`round-trips ${variant} ${bigEndian ? 'big' : 'little'}-endian files`, async () => {
        const file = writePcap(
          { linkType: 1, bigEndian, nanosecond: variant === 'nano', modified: variant === 'modified' },
          packets,
        );
        expect(sniffCaptureFormat(file)?.id).toBe('pcap');
        const { packets: got, summary, anomalies } = await readBytes(file);
        expect(anomalies.total).toBe(0);
        expect(got.map((p) => p.frame)).toEqual([1, 2, 3, 4]);
        expect(got.map((p) => p.tsMicros)).toEqual(packets.map((p) => p.tsMicros));
        expect(got.map((p) => p.data)).toEqual(packets.map((p) => p.data));
        expect(got.every((p) => p.linkType === 1 && p.interfaceId === 0)).toBe(true);
        expect(summary).toEqual({
          format: 'pcap',
          gzip: false,
          packets: 4,
          bytes: file.length,
          linkTypes: [1],
          sections: 1,
          firstTsMicros: T0,
          lastTsMicros: T0 + 3_000_003,
        });
      });
    }
  }

  it('floors nanosecond timestamps to microseconds', async () => {
    const w = new PcapWriter({ linkType: 101, nanosecond: true });
    const rec = w.record(samplePacket(0), 0);
    rec.writeUInt32LE(1_600_000_000, 0);
    rec.writeUInt32LE(999_999_999, 4);
    const { packets: got } = await readBytes(Buffer.concat([w.header(), rec]));
    expect(got[0]?.tsMicros).toBe(1_600_000_000_999_999);
  });

  it('masks the FCS bits out of the link-type field and keeps snap-cut packets as they are', async () => {
    const file = writePcap({ linkType: 113, linkTypeHighBits: 0x1400, snaplen: 64 }, [
      { data: samplePacket(7, 64), tsMicros: T0, origLen: 1514 },
    ]);
    const { packets: got, summary } = await readBytes(file);
    expect(summary.linkTypes).toEqual([113]);
    expect(got[0]?.linkType).toBe(113);
    expect(got[0]?.origLen).toBe(1514);
    expect(got[0]?.data.length).toBe(64);
  });

  it('counts a cut last record and keeps everything before it', async () => {
    const file = writePcap({ linkType: 1 }, packets);
    for (const cut of [1, 10, 16, 20]) {
      const { packets: got, anomalies, summary } = await readBytes(file.subarray(0, file.length - cut));
      expect(got.length).toBe(3);
      expect(anomalies.count('truncated-record')).toBe(1);
      expect(anomalies.entries()[0]?.examples[0]?.offset).toBe(file.length - 16 - 79);
      expect(summary.packets).toBe(3);
    }
  });

  it('stops at an impossible record length without reading garbage', async () => {
    const file = writePcap({ linkType: 1, snaplen: 65535 }, packets);
    const second = 24 + 16 + 40;
    file.writeUInt32LE(0x7fffffff, second + 8);
    const { packets: got, anomalies } = await readBytes(file);
    expect(got.length).toBe(1);
    expect(anomalies.count('pcap-bad-record-length')).toBe(1);
    expect(anomalies.entries()[0]?.examples[0]).toMatchObject({ offset: second, frame: 2 });
  });

  it('reads an unusual version but says so', async () => {
    const file = writePcap({ linkType: 1, version: [3, 0] }, packets);
    const { packets: got, anomalies } = await readBytes(file);
    expect(got.length).toBe(4);
    expect(anomalies.count('pcap-unknown-version')).toBe(1);
  });

  it('rejects a file header that is cut short with an InputError', async () => {
    const file = writePcap({ linkType: 1 }, []);
    await expect(readBytes(file.subarray(0, 20))).rejects.toBeInstanceOf(InputError);
    const empty = await readBytes(file);
    expect(empty.summary.packets).toBe(0);
    expect(empty.summary.firstTsMicros).toBeNull();
  });
});
