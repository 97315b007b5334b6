/**
 * zstd and lz4 around captures, through openInput/openStream as any input: detection by magic bytes, streaming
 * (files, stdin, tiny chunks), damage counted as anomalies after the head, an InputError before it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { InputError } from '../../src/core/errors.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import { HEAD_BYTES, type InputSource, openInput, openStream } from '../../src/ingest/source.js';
import { writeLz4Frame } from '../../src/writer/lz4-frame-writer.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { chunked, samplePacket } from './capture-helpers.js';
import { zstdTestFrame } from './compression/zstd-test-frames.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-compression-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasZstd = spawnSync('zstd', ['--version']).status === 0;
const hasLz4 = spawnSync('lz4', ['--version']).status === 0;
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

/** ~1.3 MB pcap of 1000 packets, payloads half noise, half repeats (compressible, with real matches). */
function bigPcap(): Buffer {
  let x = 4242;
  const packets = Array.from({ length: 1000 }, (_, i) => {
    const data = samplePacket(i, 1300);
    for (let k = 14; k < 700; k++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[k] = x >>> 24;
    }
    return { data, tsMicros: 1_700_000_000_000_000 + i };
  });
  return writePcap({ linkType: 1 }, packets);
}
const big = bigPcap();

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function collect(source: InputSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source.chunks) parts.push(c);
  return Buffer.concat(parts);
}

async function countPackets(source: InputSource): Promise<{ packets: number; anomalies: Anomalies }> {
  const anomalies = new Anomalies();
  const s = await readCapture(source, { packet() {} }, anomalies);
  return { packets: s.packets, anomalies };
}

const makers: [string, 'zstd' | 'lz4', (b: Buffer) => Buffer][] = [
  ['zstd (raw and RLE blocks)', 'zstd', (b) => zstdTestFrame(b)],
  [
    'zstd (concatenated single-segment frames)',
    'zstd',
    (b) =>
      Buffer.concat([
        zstdTestFrame(b.subarray(0, 70_001), { singleSegment: true }),
        zstdTestFrame(b.subarray(70_001), { singleSegment: true }),
      ]),
  ],
  ['lz4 (independent blocks)', 'lz4', (b) => writeLz4Frame(b)],
  [
    'lz4 (linked 4 MiB blocks, block checksums)',
    'lz4',
    (b) => writeLz4Frame(b, { independent: false, blockSizeCode: 7, blockChecksum: true }),
  ],
];

describe('zstd and lz4 inputs', () => {
  for (const [name, compression, make] of makers) {
    it(`reads ${name} by its magic bytes, whatever the name`, async () => {
      const s = await openInput(file('capture.pcap', make(big)));
      expect(s).toMatchObject({ compression, gzip: false });
      expect(s.head.length).toBe(HEAD_BYTES);
      expect(Buffer.from(s.head).equals(big.subarray(0, HEAD_BYTES))).toBe(true);
      expect((await collect(s)).equals(big)).toBe(true);
      expect((await countPackets(await openInput(file('again.bin', make(big))))).packets).toBe(1000);
    });
  }

  it("reads '-' from stdin and tiny injected chunks", async () => {
    for (const [, compression, make] of makers) {
      const original = Object.getOwnPropertyDescriptor(process, 'stdin');
      Object.defineProperty(process, 'stdin', { value: Readable.from([make(big)]), configurable: true });
      try {
        const s = await openInput('-');
        expect(s).toMatchObject({ name: 'stdin', size: null, gzip: false, compression });
        expect((await countPackets(s)).packets).toBe(1000);
      } finally {
        if (original !== undefined) Object.defineProperty(process, 'stdin', original);
      }
      const small = make(big.subarray(0, 5000));
      const t = await openStream(chunked(small, [1, 2, 3]), 'injected', null);
      expect(t.compression).toBe(compression);
      expect((await collect(t)).equals(big.subarray(0, 5000))).toBe(true);
    }
  });

  it('reads pcapng inside zstd and lz4 the same as plain', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    for (let i = 0; i < 50; i++) w.epb(samplePacket(i, 100 + i), 1_700_000_000_000_000 + i);
    const ng = w.toBuffer();
    for (const bytes of [zstdTestFrame(ng), writeLz4Frame(ng, { independent: false })]) {
      const r = await countPackets(await openStream(chunked(bytes, [7]), 'ng', null));
      expect(r.packets).toBe(50);
      expect(r.anomalies.total).toBe(0);
    }
  });

  it('counts damage after the head as an anomaly, keeping the packets before it', async () => {
    const z = zstdTestFrame(big);
    const cut = await countPackets(await openInput(file('cut.pcap.zst', z.subarray(0, Math.floor(z.length * 0.7)))));
    expect(cut.anomalies.count('zstd-truncated')).toBe(1);
    expect(cut.packets).toBeGreaterThan(600);

    const l = writeLz4Frame(big, { blockChecksum: true });
    const bad = Buffer.from(l);
    bad[Math.floor(l.length * 0.6)] = (bad[Math.floor(l.length * 0.6)] ?? 0) ^ 0x10;
    const r = await countPackets(await openInput(file('bad.pcap.lz4', bad)));
    expect(r.anomalies.entries().map((e) => e.reason)).toEqual(['lz4-checksum-error']);
    // Everything before the damaged 64 KiB block arrives.
    expect(r.packets).toBeGreaterThan(450);
    expect(r.packets).toBeLessThan(1000);

    const lz = writeLz4Frame(big);
    const cutLz = await countPackets(await openInput(file('cut.pcap.lz4', lz.subarray(0, lz.length - 100))));
    expect(cutLz.anomalies.count('lz4-truncated')).toBe(1);
  });

  it('says clearly when the input is unusable from the start', async () => {
    await expect(openInput(file('empty.zst', zstdTestFrame(Buffer.alloc(0))))).rejects.toThrow(
      /is empty \(after zstd decompression\)/,
    );
    await expect(openInput(file('empty.lz4', writeLz4Frame(Buffer.alloc(0))))).rejects.toThrow(
      /is empty \(after lz4 decompression\)/,
    );
    const wide = zstdTestFrame(big.subarray(0, 100), { windowLog: 30 });
    await expect(openInput(file('wide.zst', wide))).rejects.toThrow(
      /wide\.zst: zstd frame after 0 bytes has a window of 1024 MiB above the 64 MiB limit outflow reads; decompress it first \(zstd -d\)/,
    );
    const e = await openInput(file('garbage.lz4', Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0x00]))).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(InputError);
    expect(String(e)).toMatch(/corrupt lz4 data after 0 bytes \(frame descriptor checksum/);
  });

  it('never throws anything but an InputError on damaged compressed captures', async () => {
    const small = writePcap(
      { linkType: 1 },
      [0, 1, 2, 3].map((i) => ({ data: samplePacket(i, 40 + i * 30), tsMicros: 1_600_000_000_000_000 + i })),
    );
    for (const base of [
      zstdTestFrame(small, { blockBytes: 50 }),
      writeLz4Frame(small, { independent: false, blockBytes: 60 }),
    ]) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
          fc.nat(base.length),
          async (edits, cut) => {
            const b = Buffer.from(base.subarray(0, Math.max(cut, 1)));
            for (const [at, v] of edits) if (at < b.length) b[at] = v;
            try {
              await countPackets(await openStream(chunked(b, [9]), 'fuzz', b.length));
            } catch (e) {
              if (!(e instanceof InputError)) throw e;
            }
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});

describe.skipIf(!hasZstd || !hasLz4)('captures compressed by the zstd and lz4 CLIs', () => {
  const pcap = file('cli.pcap', big);
  const cases: [string, string, string[]][] = [
    ['zstd -3', 'zstd', ['-q', '-3', '-c']],
    ['zstd -19 --long=24', 'zstd', ['-q', '-19', '--long=24', '-c']],
    ['lz4', 'lz4', ['-q', '-c']],
    ['lz4 -9 -BD -BX', 'lz4', ['-q', '-9', '-BD', '-BX', '-c']],
  ];
  for (const [name, tool, args] of cases) {
    it(`reads ${name}, in concatenated frames too`, async () => {
      const compressed = execFileSync(tool, [...args, pcap], { maxBuffer: 64 << 20 });
      expect((await collect(await openInput(file('once', compressed)))).equals(big)).toBe(true);
      const cut = 654_321;
      const parts = [big.subarray(0, cut), big.subarray(cut)].map((b) =>
        execFileSync(tool, args.slice(0, -1).concat(['-c']), { input: b, maxBuffer: 64 << 20 }),
      );
      const r = await countPackets(await openInput(file(`cli-${name.replace(/\W+/g, '_')}`, Buffer.concat(parts))));
      expect(r.packets).toBe(1000);
      expect(r.anomalies.total).toBe(0);
    });
  }
});

describe.skipIf(!hasZstd || !hasLz4 || !hasTshark)('compressed captures against tshark', () => {
  const sample = resolve(process.cwd(), 'samples/admin-pc-workday.pcap');
  it('reads the same packets as tshark from zstd and lz4 files', async () => {
    const want = Number(
      execFileSync('tshark', ['-r', sample, '-T', 'fields', '-e', 'frame.number'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim()
        .split('\n').length,
    );
    for (const [tool, ext] of [
      ['zstd', 'zst'],
      ['lz4', 'lz4'],
    ] as const) {
      const out = join(dir, `sample.pcap.${ext}`);
      writeFileSync(out, execFileSync(tool, ['-q', '-c', sample], { maxBuffer: 64 << 20 }));
      const r = await countPackets(await openInput(out));
      expect(r.packets).toBe(want);
      expect(r.anomalies.total).toBe(0);
    }
  });
});
