import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { InputError } from '../../../src/core/errors.js';
import { readCapture } from '../../../src/ingest/capture-reader.js';
import { snoopFormat } from '../../../src/ingest/snoop/snoop-format.js';
import { openInput, openStream } from '../../../src/ingest/source.js';
import { writeLz4Frame } from '../../../src/writer/lz4-frame-writer.js';
import { snoopHeader, snoopRecord, writeSnoop } from '../../../src/writer/snoop-writer.js';
import { chunked, type GotPacket, type ReadResult, samplePacket } from '../capture-helpers.js';
import { zstdTestFrame } from '../compression/zstd-test-frames.js';

const T0 = 1_700_000_000_123_456;
const hasTshark = spawnSync('tshark', ['--version']).status === 0 && spawnSync('editcap', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'outflow-snoop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readSource(source: Awaited<ReturnType<typeof openStream>>): Promise<ReadResult> {
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
    snoopFormat,
  );
  return { packets, summary, anomalies };
}

/** Reads snoop bytes through the same path as a file (openStream + readCapture), snoop format given. */
async function readSnoop(bytes: Uint8Array, sizes?: number[]): Promise<ReadResult> {
  return readSource(await openStream(chunked(bytes, sizes), 'test.snoop', bytes.length));
}

const packets = Array.from({ length: 12 }, (_, i) => ({
  data: samplePacket(i, 14 + i * 37),
  tsMicros: T0 + i * 1_000_003,
  ...(i === 3 ? { origLen: 1514 } : {}),
}));

describe('snoop', () => {
  it('is sniffed by its magic', () => {
    expect(snoopFormat.sniff(snoopHeader())).toBe(true);
    expect(snoopFormat.sniff(Buffer.from('snoop\0\0'))).toBe(false);
    expect(snoopFormat.sniff(Buffer.from('snoopy\0\0\0\0\0\0'))).toBe(false);
  });

  it('reads records: 1-based frames, µs timestamps, lengths, Ethernet', async () => {
    const r = await readSnoop(writeSnoop({}, packets));
    expect(r.packets.map((p) => p.frame)).toEqual(packets.map((_, i) => i + 1));
    expect(r.packets.map((p) => p.tsMicros)).toEqual(packets.map((p) => p.tsMicros));
    expect(r.packets.map((p) => p.origLen)).toEqual(packets.map((p) => p.origLen ?? p.data.length));
    for (const [i, p] of r.packets.entries()) expect(p.data.equals(packets[i]?.data ?? Buffer.alloc(0))).toBe(true);
    expect(r.summary).toMatchObject({
      format: 'snoop',
      packets: 12,
      linkTypes: [1],
      sections: 1,
      firstTsMicros: T0,
      lastTsMicros: T0 + 11 * 1_000_003,
    });
    expect(r.anomalies.total).toBe(0);
  });

  it('maps datalink types as tshark does, and counts the ones without a decoding', async () => {
    const cases: [number, number | null][] = [
      [0, 1],
      [4, 1],
      [2, 6],
      [8, 10],
      [9, 0],
      [14, 0],
      [18, 123],
      [0x80000005, 226],
      [1, null],
      [26, null],
      [0x80000004, null],
    ];
    for (const [datalink, linkType] of cases) {
      const r = await readSnoop(writeSnoop({ datalink }, packets.slice(0, 3)));
      if (linkType === null) {
        expect(r.packets, `datalink ${datalink}`).toEqual([]);
        expect(r.anomalies.count('snoop-unsupported-datalink')).toBe(3);
        expect(r.summary.linkTypes).toEqual([]);
      } else {
        expect(
          r.packets.map((p) => p.linkType),
          `datalink ${datalink}`,
        ).toEqual([linkType, linkType, linkType]);
      }
    }
    // Frames without a decoding are still numbered: the next readable one keeps tshark's number.
    const empty = await readSnoop(writeSnoop({ datalink: 4 }, []));
    expect(empty.summary).toMatchObject({ packets: 0, linkTypes: [1] });
  });

  it('reads Shomiti/Finisar Surveyor files (told by the first record padding)', async () => {
    const eth = await readSnoop(
      writeSnoop(
        { datalink: 12, version: 4 },
        packets.slice(0, 4).map((p) => ({ ...p, padding: 16 })),
      ),
    );
    expect(eth.packets.map((p) => p.linkType)).toEqual([1, 1, 1, 1]);
    // Plain snoop has no type 12: without the trailer the same file is counted as unsupported.
    const plain = await readSnoop(writeSnoop({ datalink: 12 }, packets.slice(0, 4)));
    expect(plain.anomalies.count('snoop-unsupported-datalink')).toBe(4);

    // Wireless: a radio header (4 bytes, the 4th the length of the rest) before the 802.11 frame.
    const frame80211 = Buffer.from('0801000011223344556600aabbccddeeff', 'hex');
    const radio = Buffer.from([0, 0, 0, 8, 0, 0, 22, 0, 1, 90, 80, 6]);
    const w = await readSnoop(
      writeSnoop({ datalink: 18 }, [
        { data: Buffer.concat([radio, frame80211]), tsMicros: T0, padding: 16 },
        { data: Buffer.from([0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8]), tsMicros: T0 + 1 },
      ]),
    );
    expect(w.packets.length).toBe(1);
    expect(w.packets[0]).toMatchObject({ frame: 1, linkType: 105, origLen: frame80211.length });
    expect(w.packets[0]?.data.equals(frame80211)).toBe(true);
    expect(w.anomalies.count('snoop-bad-radio-header')).toBe(1);
  });

  it('refuses an unusable header with an InputError', async () => {
    await expect(readSnoop(writeSnoop({ version: 1 }, packets))).rejects.toThrow(/snoop version 1 is not supported/);
    await expect(readSnoop(snoopHeader().subarray(0, 12))).rejects.toThrow(InputError);
  });

  it('stops at a record length it cannot trust, keeping the records before', async () => {
    const ok = packets.slice(0, 3).map(snoopRecord);
    const cases: [string, Buffer][] = [
      ['included > 262144', snoopRecord({ data: Buffer.alloc(10), tsMicros: T0 })],
      ['original > 262144', snoopRecord({ data: Buffer.alloc(10), tsMicros: T0, origLen: 300_000 })],
      ['included beyond the record', snoopRecord({ data: Buffer.alloc(40), tsMicros: T0, recordLength: 50 })],
    ];
    (cases[0] as [string, Buffer])[1].writeUInt32BE(262_145, 4);
    for (const [what, bad] of cases) {
      const r = await readSnoop(Buffer.concat([snoopHeader(), ...ok, bad, ...ok]));
      expect(r.packets.length, what).toBe(3);
      expect(r.anomalies.entries().map((e) => e.reason)).toEqual(['snoop-bad-record-length']);
    }
  });

  it('skips padding as it streams by, and says when the file ends inside a record', async () => {
    const huge = snoopRecord({ data: samplePacket(1, 60), tsMicros: T0, recordLength: 0x7fff_0000 });
    const r = await readSnoop(
      Buffer.concat([
        snoopHeader(),
        snoopRecord({ data: samplePacket(0, 60), tsMicros: T0 }),
        huge,
        Buffer.alloc(100_000),
      ]),
      [4096],
    );
    expect(r.packets.length).toBe(2);
    expect(r.anomalies.count('truncated-record')).toBe(1);
    const cut = writeSnoop({}, packets);
    const c = await readSnoop(cut.subarray(0, cut.length - 7));
    expect(c.packets.length).toBe(11);
    expect(c.anomalies.entries()[0]).toMatchObject({ reason: 'truncated-record', count: 1 });
  });

  it('gives the same result for every chunk pattern', async () => {
    const bytes = writeSnoop(
      {},
      packets.map((p, i) => ({ ...p, padding: i === 5 ? 9 : 0 })),
    );
    for (const cut of [0, 5]) {
      const b = bytes.subarray(0, bytes.length - cut);
      const whole = await readSnoop(b);
      for (const sizes of [[1], [2], [3], [5], [8], [13], [7, 1, 300, 2, 64]]) {
        const r = await readSnoop(b, sizes);
        expect(r.packets, `pattern ${sizes.join(',')}`).toEqual(whole.packets);
        expect(r.anomalies.entries()).toEqual(whole.anomalies.entries());
        expect(r.summary).toEqual(whole.summary);
      }
    }
  });

  it('reads snoop inside gzip, zstd and lz4 compression the same', async () => {
    const bytes = writeSnoop({}, packets);
    const plain = await readSnoop(bytes);
    for (const compressed of [gzipSync(bytes), zstdTestFrame(bytes), writeLz4Frame(bytes, { independent: false })]) {
      const r = await readSnoop(compressed, [100]);
      expect(r.packets).toEqual(plain.packets);
    }
  });

  it('never throws anything but an InputError, never hangs, never invents bytes', async () => {
    const base = writeSnoop({}, packets.slice(0, 4));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }),
        fc.nat(base.length),
        fc.constantFrom<number[]>([base.length], [3], [17, 1]),
        async (edits, cut, sizes) => {
          const b = Buffer.from(base.subarray(0, Math.max(cut, 1)));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          try {
            const r = await readSnoop(b, sizes);
            for (const p of r.packets) expect(b.includes(p.data)).toBe(true);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** Per-frame fields from tshark: number, epoch time in µs, wire length, captured length. */
function tsharkFrames(file: string): [number, number, number, number][] {
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
    ],
    { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
  return out
    .trim()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [n, t, len, cap] = l.split('\t');
      const [s, frac = ''] = (t ?? '0').split('.');
      return [Number(n), Number(s) * 1_000_000 + Number(frac.padEnd(9, '0').slice(0, 6)), Number(len), Number(cap)];
    });
}

async function compareWithTshark(snoopPath: string): Promise<number> {
  const want = tsharkFrames(snoopPath);
  const r = await readSource(await openInput(snoopPath));
  const got = r.packets.map((p) => [p.frame, p.tsMicros, p.origLen, p.data.length]);
  expect(got.length).toBe(want.length);
  expect(got).toEqual(want);
  expect(r.anomalies.total).toBe(0);
  return got.length;
}

describe.skipIf(!hasTshark)('snoop against tshark (files written by editcap -F snoop)', () => {
  it('agrees on a written capture', async () => {
    const pcap = join(dir, 'w.pcap');
    const { writePcap } = await import('../../../src/writer/pcap-writer.js');
    writeFileSync(
      pcap,
      writePcap(
        { linkType: 1 },
        packets.map((p) => ({ ...p, data: p.data })),
      ),
    );
    const out = join(dir, 'w.snoop');
    execFileSync('editcap', ['-F', 'snoop', pcap, out], { stdio: 'ignore' });
    expect(await compareWithTshark(out)).toBe(12);
  });

  const corpus = resolve(process.cwd(), '../shared/corpus/pcaps');
  const sample = resolve(process.cwd(), 'samples/admin-pc-workday.pcap');
  const inputs = [
    sample,
    ...['tcpdump', 'zeek', 'filesamples'].flatMap((d) => {
      const at = join(corpus, d);
      if (!existsSync(at)) return [];
      return readdirSync(at)
        .filter((f) => f.endsWith('.pcap') && statSync(join(at, f)).size < 8_000_000)
        .map((f) => join(at, f))
        .slice(0, 4);
    }),
  ].filter((f) => existsSync(f));
  it.skipIf(inputs.length === 0)(
    'agrees on real captures converted to snoop',
    async () => {
      let files = 0;
      let frames = 0;
      for (const input of inputs) {
        const out = join(dir, `${basename(input)}.snoop`);
        // editcap converts only link types snoop can carry (Ethernet, Token Ring, FDDI, SunATM).
        if (spawnSync('editcap', ['-F', 'snoop', input, out], { stdio: 'ignore' }).status !== 0) continue;
        frames += await compareWithTshark(out);
        files++;
      }
      expect(files).toBeGreaterThan(0);
      console.log(`snoop vs tshark: ${files} files, ${frames} frames identical`);
    },
    120_000,
  );
});
