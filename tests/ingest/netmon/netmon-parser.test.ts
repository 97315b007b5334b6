import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { InputError } from '../../../src/core/errors.js';
import { readCapture } from '../../../src/ingest/capture-reader.js';
import { netmonFormat } from '../../../src/ingest/netmon/netmon-format.js';
import { filetimeMicros } from '../../../src/ingest/netmon/netmon-parser.js';
import { openInput, openStream } from '../../../src/ingest/source.js';
import { type NetmonFrame, writeNetmon } from '../../../src/writer/netmon-writer.js';
import { chunked, type GotPacket, type ReadResult, samplePacket } from '../capture-helpers.js';

const T0 = 1_473_058_986_592_676;

async function readNetmon(bytes: Uint8Array, sizes?: number[]): Promise<ReadResult> {
  const source = await openStream(chunked(bytes, sizes), 'test.cap', bytes.length);
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
    netmonFormat,
  );
  return { packets, summary, anomalies };
}

const frames: NetmonFrame[] = [0, 1, 2, 3].map((i) => ({
  data: samplePacket(i, 40 + i * 13),
  tsMicros: T0 + i * 1_000_001 + 7,
  origLen: 40 + i * 13 + (i === 2 ? 100 : 0),
}));

/** A NetMon 802.11 radio header (version 2, 32 bytes) in front of an 802.11 frame. */
function wifiFrame(dot11: Buffer): Buffer {
  const h = Buffer.alloc(32);
  h[0] = 2;
  h.writeUInt16LE(32, 1);
  return Buffer.concat([h, dot11]);
}

describe('Network Monitor 2.x reader', () => {
  it('sniffs GMBU and RTSS, nothing else', () => {
    expect(netmonFormat.sniff(writeNetmon({}, frames))).toBe(true);
    expect(netmonFormat.sniff(Buffer.from('RTSS\x00\x01'))).toBe(true);
    expect(netmonFormat.sniff(Buffer.from('GMB'))).toBe(false);
    expect(netmonFormat.sniff(Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]))).toBe(false);
  });

  for (const minor of [0, 1, 2, 3]) {
    for (const padHeader of [false, true]) {
      it(`round-trips 2.${minor} files (${padHeader ? "Wireshark's 128-byte" : "NetMon's 72-byte"} header)`, async () => {
        const file = writeNetmon(
          { minor, padHeader, comments: Buffer.alloc(40, 1), extendedInfo: Buffer.alloc(11, 2) },
          frames,
        );
        const { packets, summary, anomalies } = await readNetmon(file);
        expect(anomalies.entries()).toEqual([]);
        expect(packets.map((p) => p.frame)).toEqual([1, 2, 3, 4]);
        expect(packets.map((p) => p.tsMicros)).toEqual(frames.map((f) => f.tsMicros));
        expect(packets.map((p) => p.data)).toEqual(frames.map((f) => Buffer.from(f.data)));
        expect(packets.map((p) => p.origLen)).toEqual(frames.map((f) => f.origLen));
        expect(packets.every((p) => p.linkType === 1 && p.interfaceId === 0)).toBe(true);
        expect(summary).toEqual({
          format: 'netmon',
          gzip: false,
          packets: 4,
          bytes: file.length,
          linkTypes: [1],
          sections: 1,
          firstTsMicros: T0 + 7,
          lastTsMicros: T0 + 3_000_010,
        });
      });
    }
  }

  it('reads the same in every chunking', async () => {
    const file = writeNetmon({ comments: Buffer.alloc(33, 9) }, frames);
    const whole = await readNetmon(file);
    for (const sizes of [[1], [2], [3], [5], [8], [13], [1, 2, 3, 5, 8, 13], [71, 1, 200]]) {
      const r = await readNetmon(file, sizes);
      expect(r.packets).toEqual(whole.packets);
      expect(r.anomalies.total).toBe(0);
    }
  });

  it('maps per-frame media types as tshark does and counts NetMon records by name', async () => {
    const ip = samplePacket(5, 28);
    ip[0] = 0x45;
    const file = writeNetmon({}, [
      { data: samplePacket(0), tsMicros: T0 }, // Ethernet (header default)
      { data: ip, tsMicros: T0 + 1, mediaType: 9 }, // raw IP frames
      { data: Buffer.from('netevent'), tsMicros: T0 + 2, mediaType: 0xffe0 }, // numbered, not delivered
      { data: Buffer.from('dns cache'), tsMicros: T0 + 3, mediaType: 0xfffe }, // not even numbered
      { data: wifiFrame(Buffer.alloc(24, 0x08)), tsMicros: T0 + 4, mediaType: 6 },
      { data: ip, tsMicros: T0 + 5, mediaType: 0xe000 | 228 }, // converted pcap, LINKTYPE_IPV4
      { data: Buffer.alloc(24, 0x08), tsMicros: T0 + 6, mediaType: 0xe080 }, // Message Analyzer Wi-Fi
      { data: Buffer.from('?'), tsMicros: T0 + 7, mediaType: 0x1234 },
      { data: Buffer.from('filter'), tsMicros: T0 + 8, mediaType: 0xffff },
      { data: samplePacket(9), tsMicros: T0 + 9, mediaType: 0 },
    ]);
    const { packets, summary, anomalies } = await readNetmon(file);
    expect(packets.map((p) => [p.frame, p.linkType, p.data.length, p.tsMicros - T0])).toEqual([
      [1, 1, 60, 0],
      [2, 101, 28, 1],
      [4, 105, 24, 4],
      [5, 228, 28, 5],
      [6, 105, 24, 6],
      [9, 1, 60, 9],
    ]);
    expect(packets[2]?.origLen).toBe(24);
    expect(summary.linkTypes).toEqual([1, 101, 105, 228]);
    expect(Object.fromEntries(anomalies.entries().map((e) => [e.reason, e.count]))).toEqual({
      'netmon-dns-cache-record': 1,
      'netmon-filter-record': 1,
      'netmon-netevent-record': 1,
      'netmon-unsupported-media-type': 1,
    });
    expect(anomalies.entries().find((e) => e.reason === 'netmon-netevent-record')?.examples[0]?.frame).toBe(3);
  });

  it('counts a bad 802.11 radio header and reads on', async () => {
    const bad = wifiFrame(Buffer.alloc(10));
    bad.writeUInt16LE(500, 1);
    const file = writeNetmon({}, [
      { data: bad, tsMicros: T0, mediaType: 6 },
      { data: samplePacket(1), tsMicros: T0 + 1 },
    ]);
    const { packets, anomalies } = await readNetmon(file);
    expect(packets.map((p) => p.frame)).toEqual([2]);
    expect(anomalies.count('netmon-bad-wifi-header')).toBe(1);
  });

  it('reads the whole 2.0 file as the header media type (ATM frames are counted, not delivered)', async () => {
    const raw = await readNetmon(writeNetmon({ minor: 0, mediaType: 7 }, frames));
    expect(raw.packets.map((p) => p.linkType)).toEqual([101, 101, 101, 101]);
    const atm = await readNetmon(writeNetmon({ minor: 0, mediaType: 4 }, frames));
    expect(atm.packets).toEqual([]);
    expect(atm.anomalies.count('netmon-atm-frame')).toBe(4);
    expect(atm.summary.packets).toBe(0);
  });

  it('reads 2.0-2.2 time offsets before the capture start (negative, per the format)', async () => {
    const file = writeNetmon({ minor: 2, startMicros: T0 + 5_000 }, [{ data: samplePacket(0), tsMicros: T0 + 1_234 }]);
    const { packets } = await readNetmon(file);
    expect(packets[0]?.tsMicros).toBe(T0 + 1_234);
  });

  it('converts FILETIME exactly', () => {
    const ft = (BigInt(T0) + 11_644_473_600_000_000n) * 10n + 9n;
    expect(filetimeMicros(Number(ft & 0xffffffffn), Number(ft >> 32n))).toBe(T0);
    expect(filetimeMicros(0, 0)).toBe(-11_644_473_600_000_000);
  });

  it('checks the frame table against the frames read in order', async () => {
    const good = writeNetmon({}, frames);
    const offsets = [72];
    for (const f of frames.slice(0, -1)) offsets.push((offsets.at(-1) ?? 0) + 16 + f.data.length + 15);
    expect((await readNetmon(writeNetmon({ frameTable: offsets }, frames))).anomalies.total).toBe(0);
    const swapped = [offsets[1] ?? 0, offsets[0] ?? 0, ...offsets.slice(2)];
    const r = await readNetmon(writeNetmon({ frameTable: swapped }, frames));
    expect(r.packets).toHaveLength(4);
    expect(r.anomalies.count('netmon-frame-table-mismatch')).toBe(1);
    const short = await readNetmon(writeNetmon({ frameTable: offsets.slice(1) }, frames));
    expect(short.anomalies.count('netmon-frame-table-mismatch')).toBe(1);
    // Cut inside the frame table: every frame was read, the table was not.
    const cut = await readNetmon(good.subarray(0, good.length - 3));
    expect(cut.packets).toHaveLength(4);
    expect(cut.anomalies.count('netmon-frame-table-missing')).toBe(1);
  });

  it('reads a capture without a frame table to its end, and says so', async () => {
    const { packets, anomalies } = await readNetmon(writeNetmon({ noFrameTable: true }, frames));
    expect(packets).toHaveLength(4);
    expect(anomalies.count('netmon-bad-frame-table')).toBe(1);
  });

  it('stops at a frame length it cannot trust', async () => {
    const file = writeNetmon({}, frames);
    const second = 72 + 16 + (frames[0]?.data.length ?? 0) + 15;
    file.writeUInt32LE(0x7fffffff, second + 12);
    const { packets, anomalies } = await readNetmon(file, [7]);
    expect(packets).toHaveLength(1);
    expect(anomalies.count('netmon-bad-frame-length')).toBe(1);
    // A length running into the frame table is no better.
    const into = writeNetmon({}, frames);
    into.writeUInt32LE(5000, second + 12);
    expect((await readNetmon(into)).anomalies.count('netmon-bad-frame-length')).toBe(1);
  });

  it('counts a frame cut short at the end of the file', async () => {
    const file = writeNetmon({ noFrameTable: true }, frames);
    const { packets, anomalies } = await readNetmon(file.subarray(0, file.length - 5));
    expect(packets).toHaveLength(3);
    expect(anomalies.count('truncated-record')).toBe(1);
  });

  it('refuses unusable headers with an InputError', async () => {
    const v1 = Buffer.alloc(128);
    v1.write('RTSS', 0, 'latin1');
    v1[5] = 1;
    await expect(readNetmon(v1)).rejects.toThrow(/Network Monitor 1\.x/);
    const v3 = writeNetmon({}, frames);
    v3[5] = 3;
    await expect(readNetmon(v3)).rejects.toBeInstanceOf(InputError);
    await expect(readNetmon(writeNetmon({}, frames).subarray(0, 71))).rejects.toBeInstanceOf(InputError);
  });

  it('never throws past the header nor hangs on damaged files', async () => {
    const file = writeNetmon({ comments: Buffer.alloc(20, 3) }, [
      ...frames,
      { data: wifiFrame(Buffer.alloc(30, 1)), tsMicros: T0, mediaType: 6 },
      { data: Buffer.from('x'), tsMicros: T0, mediaType: 0xfffd },
    ]);
    const check = async (bytes: Uint8Array, sizes?: number[]) => {
      const haystack = Buffer.from(bytes);
      try {
        const r = await readNetmon(bytes, sizes);
        for (const p of r.packets) if (p.data.length > 0) expect(haystack.indexOf(p.data)).toBeGreaterThanOrEqual(0);
        expect(r.packets.length).toBeLessThanOrEqual(7);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
      }
    };
    for (let cut = 0; cut <= file.length; cut++) await check(file.subarray(0, cut));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(file.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
        async (mutations, sizes) => {
          const bad = Buffer.from(file);
          for (const m of mutations) bad[m.at] = m.value;
          await check(bad, sizes);
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(Math.floor(file.length / 4) - 1),
        fc.constantFrom(0, 1, 3, 15, 16, 72, 128, 0x7fffffff, 0xffffffff, 262_145),
        async (word, value) => {
          const bad = Buffer.from(file);
          bad.writeUInt32LE(value >>> 0, word * 4);
          await check(bad, [3]);
        },
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (tail) => {
        await check(Buffer.concat([file.subarray(0, 72), tail]), [5]);
      }),
      { numRuns: 200 },
    );
  });
});

const shared = resolve(process.cwd(), '../shared/netmon');
const realFiles = ['MS-ADOD-ldap.cap', 'MS-AUTHSOD-kerberos.cap'].map((f) => join(shared, f));

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** tshark's encapsulation numbers that outflow delivers as LINKTYPEs (188: NetMon comment header over Ethernet). */
const ENCAP_TO_LINKTYPE: Record<string, number> = { '1': 1, '188': 1, '7': 101, '20': 105 };

describe.skipIf(!realFiles.every((f) => existsSync(f)) || !hasTshark())('real NetMon captures against tshark', () => {
  for (const file of realFiles) {
    it(`${basename(file)}: every frame tshark shows, same time (µs), lengths and link type`, async () => {
      const out = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-T',
          'fields',
          '-e',
          'frame.number',
          '-e',
          'frame.time_epoch',
          '-e',
          'frame.len',
          '-e',
          'frame.cap_len',
          '-e',
          'frame.encap_type',
        ],
        { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const expected = out
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => {
          const [n, epoch, len, caplen, encap] = l.split('\t');
          const [sec, frac = ''] = (epoch ?? '').split('.');
          const micros = Number(sec) * 1_000_000 + Number(`${frac}000000`.slice(0, 6));
          return [Number(n), micros, Number(len), Number(caplen), ENCAP_TO_LINKTYPE[encap ?? ''] ?? -1];
        });
      const packets: number[][] = [];
      const anomalies = new Anomalies();
      await readCapture(
        await openInput(file),
        {
          packet(frame, linkType, data, origLen, tsMicros) {
            packets.push([frame, tsMicros, origLen, data.length, linkType]);
          },
        },
        anomalies,
        netmonFormat,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(packets).toEqual(expected);
      expect(anomalies.entries()).toEqual([]);
    });
  }
});
