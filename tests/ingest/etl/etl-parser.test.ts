import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { InputError } from '../../../src/core/errors.js';
import type { CaptureFormat } from '../../../src/ingest/capture-format.js';
import { readCapture } from '../../../src/ingest/capture-reader.js';
import { etlFormat } from '../../../src/ingest/etl/etl-format.js';
import { EtlParser } from '../../../src/ingest/etl/etl-parser.js';
import { xpressDecompress } from '../../../src/ingest/etl/lzxpress.js';
import { pcapngFormat } from '../../../src/ingest/pcapng/pcapng-format.js';
import { openStream } from '../../../src/ingest/source.js';
import { type EtlEvent, writeEtl, xpressCompress } from '../../../src/writer/etl-writer.js';
import { writePcap } from '../../../src/writer/pcap-writer.js';
import { chunked, type GotPacket, type ReadResult, samplePacket } from '../capture-helpers.js';

const allAppearances: CaptureFormat = {
  ...etlFormat,
  createParser: (stats, anomalies, file) => new EtlParser(stats, anomalies, file, { allAppearances: true }),
};

async function readEtl(bytes: Uint8Array, sizes?: number[], format: CaptureFormat = etlFormat): Promise<ReadResult> {
  const source = await openStream(chunked(bytes, sizes), 'test.etl', bytes.length);
  const packets: GotPacket[] = [];
  const anomalies = new Anomalies();
  const summary = await readCapture(
    source,
    {
      packet(frame, linkType, data, origLen, tsMicros, interfaceId) {
        packets.push({ frame, linkType, data: Buffer.from(data), origLen, tsMicros, interfaceId });
      },
    },
    anomalies,
    format,
  );
  return { packets, summary, anomalies };
}

const T0 = 1_718_050_715_489_172;

/** Three packets, each seen at two components (appearances 1 and 2), as pktmon logs them. */
function pktmonEvents(): EtlEvent[] {
  const events: EtlEvent[] = [];
  for (let i = 0; i < 3; i++) {
    const data = samplePacket(i, 60 + i * 20);
    for (const appearance of [1, 2]) {
      events.push({
        kind: 'pktmon',
        tsMicros: T0 + i * 1_000_000 + appearance * 3,
        data,
        groupId: 0x105a26 + i,
        appearance,
        componentId: 58 + appearance,
      });
    }
  }
  return events;
}

describe('ETL reader: sniffing', () => {
  it('recognises the header buffer and nothing else', () => {
    expect(etlFormat.sniff(writeEtl(pktmonEvents()))).toBe(true);
    expect(etlFormat.sniff(writeEtl([]))).toBe(true);
    expect(etlFormat.sniff(writePcap({ linkType: 1 }, [{ data: samplePacket(0), tsMicros: T0 }]))).toBe(false);
    expect(etlFormat.sniff(new Uint8Array(200))).toBe(false);
    expect(etlFormat.sniff(new Uint8Array(20))).toBe(false);
    expect(pcapngFormat.sniff(writeEtl([]))).toBe(false);
  });
});

describe('ETL reader: PktMon packet events', () => {
  for (const compress of [false, true]) {
    for (const clock of ['qpc', 'filetime'] as const) {
      it(`delivers each packet once (${compress ? 'compressed' : 'plain'} buffers, ${clock} clock)`, async () => {
        const events = pktmonEvents();
        const file = writeEtl(events, { compress, clock });
        const { packets, summary, anomalies } = await readEtl(file);
        expect(anomalies.entries()).toEqual([]);
        expect(packets.map((p) => p.frame)).toEqual([1, 2, 3]);
        expect(packets.map((p) => p.tsMicros)).toEqual([T0 + 3, T0 + 1_000_003, T0 + 2_000_003]);
        expect(packets.map((p) => p.data)).toEqual([0, 1, 2].map((i) => samplePacket(i, 60 + i * 20)));
        expect(packets.every((p) => p.linkType === 1 && p.interfaceId === 0)).toBe(true);
        expect(summary).toMatchObject({ format: 'etl', packets: 3, linkTypes: [1], bytes: file.length });
      });
    }
  }

  it('delivers every appearance when asked (as pktmon etl2pcap does)', async () => {
    const { packets } = await readEtl(writeEtl(pktmonEvents(), { compress: true }), undefined, allAppearances);
    expect(packets.length).toBe(6);
    expect(packets.map((p) => p.tsMicros)).toEqual(pktmonEvents().map((e) => e.tsMicros));
  });

  it('gives each PacketType its link type and original length, and reads drop events', async () => {
    const data = samplePacket(1, 40);
    const file = writeEtl([
      { kind: 'pktmon', tsMicros: T0, data, groupId: 1, packetType: 2 },
      { kind: 'pktmon', tsMicros: T0 + 1, data, groupId: 2, packetType: 3, original: 1500 },
      { kind: 'pktmon', tsMicros: T0 + 2, data, groupId: 3, eventId: 170 },
      { kind: 'pktmon', tsMicros: T0 + 3, data, groupId: 4, packetType: 8 },
      { kind: 'pktmon', tsMicros: T0 + 4, data, groupId: 4, pktNumber: 2 },
    ]);
    const { packets, summary, anomalies } = await readEtl(file);
    expect(packets.map((p) => [p.linkType, p.interfaceId, p.origLen])).toEqual([
      [105, 0, 40],
      [101, 1, 1500],
      [1, 2, 40],
      [1, 2, 40],
    ]);
    expect(packets.map((p) => p.frame)).toEqual([1, 2, 3, 5]);
    expect(summary.linkTypes).toEqual([105, 101, 1]);
    expect(anomalies.count('etl-pktmon-unknown-packet-type')).toBe(1);
  });

  it('skips extended data items before the user data', async () => {
    const { packets, anomalies } = await readEtl(writeEtl(pktmonEvents(), { extendedData: true }));
    expect(anomalies.total).toBe(0);
    expect(packets.map((p) => p.data.length)).toEqual([60, 80, 100]);
  });

  it('keeps what an event holds when LoggedPayloadSize claims more', async () => {
    const file = writeEtl([{ kind: 'pktmon', tsMicros: T0, data: samplePacket(0, 50), groupId: 1, logged: 400 }]);
    const { packets, anomalies } = await readEtl(file);
    expect(anomalies.count('etl-pktmon-payload-cut')).toBe(1);
    expect(packets[0]?.data.length).toBeGreaterThanOrEqual(50);
    expect(packets[0]?.data.length).toBeLessThan(60);
  });

  it('reads the same packets whatever the chunk sizes', async () => {
    const file = writeEtl(pktmonEvents(), { compress: true, bufferBytes: 300 });
    const whole = await readEtl(file);
    expect(whole.packets.length).toBe(3);
    for (const sizes of [[1], [2], [3], [5], [8], [13], [1, 2, 3, 5, 8, 13]]) {
      const got = await readEtl(file, sizes);
      expect(got.packets).toEqual(whole.packets);
      expect(got.anomalies.total).toBe(0);
    }
  });
});

describe('ETL reader: NDIS-PacketCapture events (netsh trace)', () => {
  const START = 0x40000000n;
  const END = 0x80000000n;
  it('delivers single-event packets and joins fragments from start to end', async () => {
    const whole = samplePacket(5, 120);
    const file = writeEtl([
      { kind: 'ndis', tsMicros: T0, data: samplePacket(4, 64), keywords: START | END },
      { kind: 'ndis', tsMicros: T0 + 10, data: whole.subarray(0, 50), keywords: START },
      { kind: 'ndis', tsMicros: T0 + 11, data: whole.subarray(50, 90), keywords: 0n },
      { kind: 'ndis', tsMicros: T0 + 12, data: whole.subarray(90), keywords: END },
      { kind: 'ndis', tsMicros: T0 + 20, data: samplePacket(6, 64), keywords: START | END | 0x10000n },
      { kind: 'ndis', tsMicros: T0 + 30, data: samplePacket(6, 64), keywords: START | END, eventId: 1003 },
      { kind: 'ndis', tsMicros: T0 + 40, data: samplePacket(7, 64), keywords: START },
    ]);
    for (const sizes of [undefined, [7]]) {
      const { packets, anomalies } = await readEtl(file, sizes);
      expect(packets.map((p) => [p.tsMicros, p.linkType, p.data.length])).toEqual([
        [T0, 1, 64],
        [T0 + 12, 1, 120],
        [T0 + 20, 105, 64],
      ]);
      expect(packets[1]?.data).toEqual(whole);
      expect(anomalies.count('etl-ndis-vmswitch-fragment')).toBe(1);
      expect(anomalies.count('etl-ndis-unfinished-packet')).toBe(1);
    }
  });

  it('infers the original length of a cut IPv4 frame from its header', async () => {
    const frame = samplePacket(1, 80);
    frame[14] = 0x45;
    frame.writeUInt16BE(1486, 16);
    const { packets } = await readEtl(writeEtl([{ kind: 'ndis', tsMicros: T0, data: frame, keywords: START | END }]));
    expect(packets[0]?.origLen).toBe(1500);
  });
});

describe('ETL reader: damaged input', () => {
  it('refuses a file whose header buffer is unusable', async () => {
    const file = writeEtl(pktmonEvents());
    await expect(readEtl(file.subarray(0, 100))).rejects.toThrow(InputError);
    const bad = Buffer.from(file);
    bad.writeUInt32LE(0x7fffffff, 0);
    await expect(readEtl(bad)).rejects.toThrow(InputError);
    const noHeader = Buffer.from(file);
    noHeader.writeUInt16LE(0x50, 0x4e);
    await expect(readEtl(noHeader)).rejects.toThrow(InputError);
  });

  it('stops at an impossible buffer size and counts a cut last buffer', async () => {
    const file = writeEtl(pktmonEvents(), { bufferBytes: 300 });
    const second = 0x400 + file.readUInt32LE(0x400);
    const bad = Buffer.from(file);
    bad.writeUInt32LE(3, second);
    const r = await readEtl(bad);
    expect(r.anomalies.count('etl-bad-buffer-size')).toBe(1);
    expect(r.packets.length).toBe(1);
    const cut = await readEtl(file.subarray(0, file.length - 10));
    expect(cut.anomalies.count('truncated-record')).toBe(1);
    // One event per buffer here: the cut last buffer held packet 3's second appearance only.
    expect(cut.packets.length).toBe(3);
    const cutMore = await readEtl(file.subarray(0, file.length - file.readUInt32LE(0x400) - 10));
    expect(cutMore.packets.length).toBe(2);
  });

  it('names events whose size runs past the buffer', async () => {
    const file = Buffer.from(writeEtl(pktmonEvents()));
    file.writeUInt16LE(0xfff0, 0x400 + 0x48);
    const { packets, anomalies } = await readEtl(file);
    expect(anomalies.count('etl-bad-event-size')).toBe(1);
    expect(packets.length).toBe(0);
  });

  it('bounds decompression by the filled bytes and names what expands too far', async () => {
    const file = Buffer.from(writeEtl(pktmonEvents(), { compress: true }));
    const filled = file.readUInt32LE(0x400 + 0x30);
    file.writeUInt32LE(filled - 100, 0x400 + 0x30);
    const r = await readEtl(file);
    expect(r.anomalies.count('etl-decompression-failed')).toBe(1);
    file.writeUInt32LE(0x7fffffff, 0x400 + 0x30);
    const huge = await readEtl(file);
    expect(huge.anomalies.count('etl-bad-filled-bytes')).toBe(1);
    expect(huge.packets.length).toBe(0);
  });

  it('never throws past the header on random damage, and never hangs', async () => {
    const files = [
      writeEtl(pktmonEvents(), { compress: true, bufferBytes: 300 }),
      writeEtl(pktmonEvents(), { extendedData: true, bufferBytes: 300 }),
    ];
    for (const file of files) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ at: fc.nat(file.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
            minLength: 1,
            maxLength: 12,
          }),
          fc.nat(file.length),
          fc.constantFrom(1, 5, 13, 4096),
          async (edits, cut, size) => {
            const damaged = Buffer.from(file.subarray(0, Math.max(cut, 1)));
            for (const { at, value } of edits) if (at < damaged.length) damaged[at] = value;
            try {
              await readEtl(damaged, [size]);
            } catch (e) {
              expect(e).toBeInstanceOf(InputError);
            }
          },
        ),
        { numRuns: 150 },
      );
    }
  });
});

describe('LZXPRESS plain LZ77', () => {
  it('round-trips literals, short and long matches', () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('abc'),
      Buffer.alloc(70_000, 7),
      Buffer.concat([Buffer.from('x'.repeat(300)), samplePacket(3, 500), Buffer.from('x'.repeat(20))]),
    ];
    for (const input of inputs) {
      const packed = xpressCompress(input);
      const out = new Uint8Array(input.length);
      const r = xpressDecompress(packed, 0, packed.length, out);
      expect(r).toEqual({ ok: true, length: input.length });
      expect(Buffer.from(out)).toEqual(input);
    }
  });

  it('round-trips random data and never overruns its output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(8), (bytes, reps) => {
        const input = Buffer.concat(Array.from({ length: reps + 1 }, () => Buffer.from(bytes)));
        const packed = xpressCompress(input);
        const out = new Uint8Array(input.length);
        expect(xpressDecompress(packed, 0, packed.length, out)).toEqual({ ok: true, length: input.length });
        expect(Buffer.from(out)).toEqual(input);
        const small = new Uint8Array(Math.floor(input.length / 2));
        const r = xpressDecompress(packed, 0, packed.length, small);
        expect(r.length).toBeLessThanOrEqual(small.length);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (garbage) => {
        const out = new Uint8Array(4096);
        expect(xpressDecompress(garbage, 0, garbage.length, out).length).toBeLessThanOrEqual(4096);
      }),
    );
  });
});

const shared = resolve(process.cwd(), '../shared/etl');
const realEtl = join(shared, 'demikernel-PktMon.etl');
const oracle = join(shared, 'demikernel-PktMon.pcapng');

describe.skipIf(!existsSync(realEtl) || !existsSync(oracle))('ETL reader: demikernel pktmon trace', () => {
  async function readOracle(): Promise<GotPacket[]> {
    const bytes = readFileSync(oracle);
    const source = await openStream(chunked(bytes), 'oracle.pcapng', bytes.length);
    const packets: GotPacket[] = [];
    await readCapture(
      source,
      {
        packet(frame, linkType, data, origLen, tsMicros, interfaceId) {
          packets.push({ frame, linkType, data: Buffer.from(data), origLen, tsMicros, interfaceId });
        },
      },
      new Anomalies(),
      pcapngFormat,
    );
    return packets;
  }

  it('sniffs the real file', () => {
    expect(etlFormat.sniff(readFileSync(realEtl).subarray(0, 64 * 1024))).toBe(true);
  });

  it('matches pktmon etl2pcap packet for packet when every appearance is delivered', async () => {
    const want = await readOracle();
    expect(want.length).toBe(114);
    const file = readFileSync(realEtl);
    for (const sizes of [undefined, [4096], [13]]) {
      const { packets, anomalies, summary } = await readEtl(file, sizes, allAppearances);
      expect(anomalies.entries()).toEqual([]);
      expect(packets.length).toBe(114);
      expect(packets.map((p) => [p.tsMicros, p.linkType, p.origLen])).toEqual(
        want.map((p) => [p.tsMicros, p.linkType, p.origLen]),
      );
      expect(packets.map((p) => p.data)).toEqual(want.map((p) => p.data));
      expect(summary).toMatchObject({ format: 'etl', packets: 114, linkTypes: [1] });
    }
  });

  it('delivers each packet once: the first appearance of each of the 38 packets', async () => {
    const want = await readOracle();
    const { packets, anomalies } = await readEtl(readFileSync(realEtl));
    expect(anomalies.total).toBe(0);
    expect(packets.length).toBe(38);
    const oracleKeys = new Set(want.map((p) => `${p.tsMicros}:${p.data.toString('hex')}`));
    expect(packets.every((p) => oracleKeys.has(`${p.tsMicros}:${p.data.toString('hex')}`))).toBe(true);
    expect(new Set(packets.map((p) => p.data.toString('hex'))).size).toBe(38);
  });
});
