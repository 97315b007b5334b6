/**
 * Hostile input: every truncation of a small capture and random byte mutations (length fields included, since
 * they are most of the header bytes) must end in a resolved read or an InputError, never in another exception,
 * a hang, or a packet whose bytes are not in the file.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { type ReadResult, readBytes, samplePacket } from './capture-helpers.js';

const T0 = 1_600_000_000_000_000;

function smallPcapng(): Buffer {
  const w = new PcapngWriter().section();
  w.interface({ linkType: 1, tsresol: 9, name: 'eth0' });
  w.interface({ linkType: 101, snaplen: 32 });
  w.epb(samplePacket(0, 30), T0);
  w.spb(samplePacket(1, 40));
  w.nrb([10, 0, 0, 1], 'a.example');
  w.section({ bigEndian: true });
  w.interface({ linkType: 1 });
  w.epb(samplePacket(2, 25), T0 + 7, { options: [{ code: 1, value: Buffer.from('comment') }] });
  w.obsoletePacket(samplePacket(3, 17), T0 + 9);
  return w.toBuffer();
}

const FILES: [string, Buffer][] = [
  [
    'pcap',
    writePcap(
      { linkType: 1 },
      [0, 1, 2].map((i) => ({ data: samplePacket(i, 20 + i * 9), tsMicros: T0 + i })),
    ),
  ],
  ['pcapng', smallPcapng()],
];

/** Reads with a time limit; returns the result, or null when the input was rejected with an InputError. */
async function safeRead(bytes: Uint8Array, sizes?: number[]): Promise<ReadResult | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('read did not finish in 2 s')), 2000);
  });
  try {
    return await Promise.race([readBytes(bytes, sizes), timeout]);
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function assertInside(file: Uint8Array, r: ReadResult | null): void {
  if (r === null) return;
  const haystack = Buffer.from(file);
  for (const p of r.packets) {
    expect(p.data.length).toBeLessThanOrEqual(file.length);
    if (p.data.length > 0) expect(haystack.indexOf(p.data)).toBeGreaterThanOrEqual(0);
  }
}

describe('fuzzing the capture readers', () => {
  for (const [name, file] of FILES) {
    it(`${name}: every truncation keeps a prefix of the packets`, async () => {
      const full = await readBytes(file);
      for (let cut = 0; cut <= file.length; cut++) {
        const r = await safeRead(file.subarray(0, cut));
        if (r === null) continue;
        expect(r.packets).toEqual(full.packets.slice(0, r.packets.length));
        if (cut < file.length) expect(r.anomalies.total + (full.packets.length - r.packets.length)).toBeGreaterThan(0);
      }
    });

    it(`${name}: random mutations never escape as anything but InputError`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ at: fc.nat(file.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
            minLength: 1,
            maxLength: 8,
          }),
          fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          async (mutations, sizes, gzip) => {
            const bad = Buffer.from(file);
            for (const m of mutations) bad[m.at] = m.value;
            assertInside(bad, await safeRead(gzip ? gzipSync(bad) : bad, sizes));
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${name}: mutated 32-bit length fields are survived`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(Math.floor(file.length / 4) - 1),
          fc.constantFrom(0, 1, 3, 11, 12, 13, 0x7fffffff, 0xffffffff, 0x4000000, 65536),
          async (word, value) => {
            const bad = Buffer.from(file);
            bad.writeUInt32LE(value >>> 0, word * 4);
            assertInside(bad, await safeRead(bad, [3]));
            bad.writeUInt32BE(value >>> 0, word * 4);
            assertInside(bad, await safeRead(bad));
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});
