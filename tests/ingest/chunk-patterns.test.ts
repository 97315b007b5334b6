/**
 * "Hostile chunk patterns" (after file-type/strtok3): the same file delivered 1, 2, 3, 5, 8, 13 bytes at a time
 * (and in mixed sizes) must yield exactly the same packets, anomalies and summary as in one piece.
 */
import { describe, expect, it } from 'vitest';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { readBytes, samplePacket } from './capture-helpers.js';

const T0 = 1_650_000_000_000_000;
const PATTERNS = [[1], [2], [3], [5], [8], [13], [7, 1, 300, 2, 64], [4096]];

function pcapngFile(): Buffer {
  const w = new PcapngWriter().section();
  w.interface({ linkType: 1, tsresol: 9 });
  w.interface({ linkType: 101, snaplen: 40 });
  for (let i = 0; i < 12; i++) {
    if (i === 4) w.custom(32473, Buffer.from('skip me'));
    if (i === 6) {
      w.section({ bigEndian: true });
      w.interface({ linkType: 113 });
      w.spb(samplePacket(99, 70));
    }
    w.epb(samplePacket(i, 20 + i * 37), T0 + i * 10, { interfaceId: i >= 6 ? 0 : i % 2 });
  }
  w.obsoletePacket(samplePacket(50, 33), T0 + 500);
  return w.toBuffer();
}

const files: [string, Buffer][] = [
  [
    'pcap',
    writePcap(
      { linkType: 1, nanosecond: true, bigEndian: true },
      Array.from({ length: 12 }, (_, i) => ({ data: samplePacket(i, 10 + i * 41), tsMicros: T0 + i })),
    ),
  ],
  ['pcapng', pcapngFile()],
];

describe('chunk patterns', () => {
  for (const [name, file] of files) {
    for (const cut of [0, 5]) {
      it(`${name}${cut > 0 ? ' with a cut tail' : ''}: same result for every pattern`, async () => {
        const bytes = file.subarray(0, file.length - cut);
        const whole = await readBytes(bytes);
        expect(whole.packets.length).toBeGreaterThan(10);
        for (const sizes of PATTERNS) {
          const r = await readBytes(bytes, sizes);
          expect(r.packets, `pattern ${sizes.join(',')}`).toEqual(whole.packets);
          expect(r.summary).toEqual(whole.summary);
          expect(r.anomalies.entries()).toEqual(whole.anomalies.entries());
        }
      });
    }
  }
});
