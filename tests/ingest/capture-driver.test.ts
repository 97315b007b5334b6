/**
 * The capture driver reading straight into its own reused buffer (chunk-target.ts, read-chunks.ts): records
 * straddling the buffer's end, records larger than the buffer, cut files, read errors, early stops, wrappers
 * around the chunks — and, on random pcap and pcapng files, exactly the records of the chunk path.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { InputError } from '../../src/core/errors.js';
import { DIRECT_READ_BYTES, driveCapture } from '../../src/ingest/capture-driver.js';
import { CaptureStats } from '../../src/ingest/capture-parser.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import { ChunkTarget } from '../../src/ingest/chunk-target.js';
import { sniffCaptureFormat } from '../../src/ingest/input-registry.js';
import { type ReadInto, readChunks } from '../../src/ingest/read-chunks.js';
import { type InputSource, openInput, openStream } from '../../src/ingest/source.js';
import { pacedSource } from '../../src/pipeline/paced-source.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { type GotPacket, type ReadResult, readBytes, samplePacket } from './capture-helpers.js';

const T0 = 1_700_000_000_000_000;
const dir = mkdtempSync(join(tmpdir(), 'outflow-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface FakeFile {
  source: InputSource;
  /** Every buffer a read went into, in order (one entry per read). */
  reads: Buffer[];
  closed: () => number;
}

/**
 * A file read through read-chunks.ts whose reads return at most `sizes` bytes in turn (all that fits when
 * empty); a read at or past `failAt` fails like a disk error.
 */
async function fakeFile(bytes: Uint8Array, sizes: number[] = [], failAt = -1): Promise<FakeFile> {
  const target = new ChunkTarget();
  const reads: Buffer[] = [];
  let pos = 0;
  let k = 0;
  let closed = 0;
  const read: ReadInto = async (buf, offset, length) => {
    if (failAt >= 0 && pos >= failAt) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    reads.push(buf);
    const cap = sizes.length > 0 ? (sizes[k++ % sizes.length] ?? 1) : length;
    const limit = failAt >= 0 ? failAt : bytes.length;
    const n = Math.max(0, Math.min(length, cap, limit - pos));
    buf.set(bytes.subarray(pos, pos + n), offset);
    pos += n;
    return n;
  };
  const close = async (): Promise<void> => {
    closed++;
  };
  const source = await openStream(readChunks(read, close, target), 'test.pcap', bytes.length, target);
  return { source, reads, closed: () => closed };
}

/** Reads a source with the driver's buffer at `readBytes`, keeping copies of every packet and secret. */
async function readWith(
  source: InputSource,
  readBytes = DIRECT_READ_BYTES,
): Promise<ReadResult & { secrets: string[] }> {
  const format = sniffCaptureFormat(source.head);
  if (format === null) throw new Error('not a capture');
  const packets: GotPacket[] = [];
  const secrets: string[] = [];
  const anomalies = new Anomalies();
  const stats = new CaptureStats({
    packet(frame, linkType, data, origLen, tsMicros, interfaceId) {
      packets.push({ frame, linkType, data: Buffer.from(data), origLen, tsMicros, interfaceId });
    },
    secrets(type, data) {
      secrets.push(`${type}:${Buffer.from(data).toString('hex')}`);
    },
  });
  const parser = format.createParser(stats, anomalies, source.name);
  const bytes = await driveCapture(parser, source, anomalies, readBytes);
  return { packets, summary: stats.summary(format.id, source.gzip, bytes), anomalies, secrets };
}

/** The packets with their bytes as digests: deep equality on thousands of Buffers is slow. */
function digest(r: ReadResult): string[] {
  return r.packets.map(
    (p) =>
      `${p.frame} ${p.linkType} ${p.origLen} ${p.tsMicros} ${p.interfaceId} ${p.data.length} ${createHash('sha1').update(p.data).digest('hex')}`,
  );
}

function samePackets(got: ReadResult, want: ReadResult): void {
  expect(digest(got)).toEqual(digest(want));
  expect(got.summary).toEqual(want.summary);
  expect(got.anomalies.entries()).toEqual(want.anomalies.entries());
}

/** A pcap whose records (1,000-1,499 bytes of data) total `total` bytes or more. */
function pcapOf(total: number, opts: { snaplen?: number } = {}): Buffer {
  const packets = [];
  for (let i = 0, sum = 24; sum < total; i++) {
    const data = samplePacket(i, 1000 + ((i * 7919) % 500));
    packets.push({ data, tsMicros: T0 + i });
    sum += 16 + data.length;
  }
  return writePcap({ linkType: 1, ...opts }, packets);
}

describe('capture driver, reading into its own buffer', () => {
  const big = pcapOf(2 * DIRECT_READ_BYTES + 12345);

  it('reads records straddling the end of the buffer, into its two buffers in turn after the head', async () => {
    const want = await readBytes(big);
    expect(want.packets.length).toBeGreaterThan((2 * DIRECT_READ_BYTES) / 1600);
    for (const sizes of [[], [DIRECT_READ_BYTES - 5], [65_536 + 7, 1, 300_001]]) {
      const f = await fakeFile(big, sizes);
      samePackets(await readWith(f.source), want);
      // The head's read, then the driver's two buffers, one read filling one while the other is parsed.
      const after = f.reads.slice(1);
      expect(new Set(after).size, `reads ${sizes.join(',')}`).toBe(2);
      for (let i = 1; i < after.length; i++) expect(after[i]).not.toBe(after[i - 1]);
      expect(f.closed()).toBe(1);
    }
  });

  it('asks for the next read before it parses the chunk it has (read-ahead)', async () => {
    const f = await fakeFile(big);
    const order: string[] = [];
    const format = sniffCaptureFormat(f.source.head);
    if (format === null) throw new Error('not a capture');
    const reads = f.reads;
    const stats = new CaptureStats({
      packet() {
        order.push(`packet after ${reads.length} reads`);
      },
      secrets() {},
    });
    const anomalies = new Anomalies();
    await driveCapture(format.createParser(stats, anomalies, f.source.name), f.source, anomalies);
    // The head's packets are parsed after the first read into the driver's buffers was asked for, and the last
    // chunk's packets after the read that finds the end; one read after the other, each would come later.
    expect(order[0]).toBe('packet after 2 reads');
    expect(order.at(-1)).toBe(`packet after ${reads.length} reads`);
  });

  it('reads a real file the same way (openInput)', async () => {
    const path = join(dir, 'big.pcap');
    writeFileSync(path, big);
    const source = await openInput(path);
    expect(source.into).toBeInstanceOf(ChunkTarget);
    samePackets(await readWith(source), await readBytes(big));
  });

  it('reads records larger than its buffers, and reads on into them after', async () => {
    const packets = [
      { data: samplePacket(1, 100), tsMicros: T0 },
      { data: samplePacket(2, DIRECT_READ_BYTES + 1000), tsMicros: T0 + 1 },
      ...Array.from({ length: 50 }, (_, i) => ({ data: samplePacket(10 + i, 1200), tsMicros: T0 + 2 + i })),
      { data: samplePacket(3, 2 * DIRECT_READ_BYTES), tsMicros: T0 + 100 },
      { data: samplePacket(4, 70), tsMicros: T0 + 101 },
    ];
    const file = writePcap({ linkType: 1, snaplen: 16 * 1024 * 1024 }, packets);
    const want = await readBytes(file);
    expect(want.packets.map((p) => p.data.length)).toEqual(packets.map((p) => p.data.length));
    for (const sizes of [[], [1_000_003]]) {
      const f = await fakeFile(file, sizes);
      samePackets(await readWith(f.source), want);
      expect(new Set(f.reads.slice(1)).size).toBe(2);
    }
  });

  it('counts a file cut mid-record where that record starts, with every byte read', async () => {
    const file = pcapOf(3 * 1024 * 1024);
    let lastStart = 24;
    while (lastStart + 16 + file.readUInt32LE(lastStart + 8) < file.length)
      lastStart += 16 + file.readUInt32LE(lastStart + 8);
    for (const cut of [1, 7, 16, 17, 900]) {
      const bytes = file.subarray(0, file.length - cut);
      const want = await readBytes(bytes);
      const f = await fakeFile(bytes, [123_457]);
      const got = await readWith(f.source, 64 * 1024);
      samePackets(got, want);
      expect(got.summary.bytes).toBe(bytes.length);
      const [truncated] = got.anomalies.entries();
      expect(truncated?.reason).toBe('truncated-record');
      expect(truncated?.examples[0]?.offset).toBe(lastStart);
    }
  });

  it('reads a file holding only its header, and refuses one shorter than that', async () => {
    const header = writePcap({ linkType: 1 }, []);
    const r = await readWith((await fakeFile(header, [5])).source, 64);
    expect(r.summary.packets).toBe(0);
    expect(r.summary.bytes).toBe(24);
    expect(r.anomalies.entries()).toEqual([]);
    await expect(readWith((await fakeFile(header.subarray(0, 10))).source)).rejects.toThrow(/cut short/);
    await expect(readWith((await fakeFile(header.subarray(0, 10))).source)).rejects.toBeInstanceOf(InputError);
    const path = join(dir, 'empty.pcap');
    writeFileSync(path, new Uint8Array(0));
    await expect(openInput(path)).rejects.toThrow(/is empty$/);
  });

  it('counts a read error with its offset, keeps the packets before it and closes the file', async () => {
    const failAt = DIRECT_READ_BYTES + 1_000_000;
    const f = await fakeFile(big, [], failAt);
    const r = await readWith(f.source);
    const want = await readBytes(big.subarray(0, failAt));
    expect(digest(r)).toEqual(digest(want));
    expect(r.summary.bytes).toBe(failAt);
    const [error] = r.anomalies.entries();
    expect(error?.reason).toBe('read-error');
    expect(error?.examples[0]?.offset).toBe(failAt);
    expect(f.closed()).toBe(1);
  });

  it('stops at a record with an impossible length, there, and closes the file', async () => {
    const file = Buffer.from(pcapOf(DIRECT_READ_BYTES + 500_000));
    // The record after about 5 MB: find its start by walking the records.
    let pos = 24;
    while (pos < DIRECT_READ_BYTES + 100_000) pos += 16 + file.readUInt32LE(pos + 8);
    file.writeUInt32LE(0x7fffffff, pos + 8);
    const want = await readBytes(file);
    const f = await fakeFile(file);
    const r = await readWith(f.source);
    samePackets(r, want);
    expect(r.summary.bytes).toBe(pos);
    expect(r.anomalies.entries()[0]?.examples[0]?.offset).toBe(pos);
    expect(f.closed()).toBe(1);
  });

  it('keeps reading into its buffer through wrappers that hand chunks on (progress, drain)', async () => {
    const f = await fakeFile(big);
    let counted = 0;
    let drains = 0;
    const wrapped = pacedSource(
      f.source,
      (n) => {
        counted += n;
      },
      async () => {
        drains++;
      },
    );
    samePackets(await readWith(wrapped), await readBytes(big));
    expect(counted).toBe(big.length);
    expect(drains).toBeGreaterThanOrEqual(3);
    expect(new Set(f.reads.slice(1)).size).toBe(2);
  });

  it('stops offering its buffer to a wrapper that reads ahead', async () => {
    const f = await fakeFile(big, [700_001]);
    async function* readAhead(inner: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      const it = inner[Symbol.asyncIterator]();
      let next = it.next();
      for (;;) {
        const r = await next;
        if (r.done === true) return;
        next = it.next();
        yield r.value;
      }
    }
    samePackets(await readWith({ ...f.source, chunks: readAhead(f.source.chunks) }), await readBytes(big));
    // At most one read went into the driver's buffer; the rest into new ones.
    expect(new Set(f.reads).size).toBeGreaterThanOrEqual(f.reads.length - 1);
  });

  it('reads a capture the same through readCapture, with a sink that has packetAt', async () => {
    const f = await fakeFile(big, [333_333]);
    let n = 0;
    let sum = 0;
    const summary = await readCapture(
      f.source,
      {
        packet() {},
        packetAt(_frame, _linkType, buf, off, len) {
          n++;
          sum = (sum + (buf[off] ?? 0) + (buf[off + len - 1] ?? 0)) | 0;
        },
      },
      new Anomalies(),
    );
    const want = await readBytes(big);
    expect(n).toBe(want.packets.length);
    expect(sum).toBe(want.packets.reduce((s, p) => (s + (p.data[0] ?? 0) + (p.data.at(-1) ?? 0)) | 0, 0));
    expect(summary).toEqual(want.summary);
  });
});

/** A random capture as the project's writers write it. */
const captureArb = fc.oneof(
  fc.record({
    kind: fc.constant('pcap' as const),
    bigEndian: fc.boolean(),
    nanosecond: fc.boolean(),
    modified: fc.boolean(),
    sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 80 }),
  }),
  fc.record({
    kind: fc.constant('pcapng' as const),
    blocks: fc.array(
      fc.oneof(
        fc.record({ b: fc.constant('epb' as const), size: fc.integer({ min: 0, max: 3000 }), iface: fc.nat(2) }),
        fc.record({ b: fc.constant('spb' as const), size: fc.integer({ min: 0, max: 300 }) }),
        fc.record({ b: fc.constant('section' as const), bigEndian: fc.boolean() }),
        fc.record({ b: fc.constant('custom' as const), size: fc.integer({ min: 0, max: 2000 }) }),
        fc.record({ b: fc.constant('dsb' as const), size: fc.integer({ min: 1, max: 500 }) }),
      ),
      { maxLength: 60 },
    ),
  }),
);

/** Packets first in every random capture, so that its random part lies past the head (HEAD_BYTES). */
const LEAD = Array.from({ length: 48 }, (_, i) => 1400 + i);

type CaptureSpec = typeof captureArb extends fc.Arbitrary<infer T> ? T : never;

function writeCapture(spec: CaptureSpec): Buffer {
  if (spec.kind === 'pcap') {
    const { kind: _, sizes, ...opts } = spec;
    return writePcap(
      { linkType: 1, ...opts },
      [...LEAD, ...sizes].map((n, i) => ({ data: samplePacket(i, n), tsMicros: T0 + i * 1001 })),
    );
  }
  const w = new PcapngWriter().section();
  const interfaces = (): void => {
    w.interface({ linkType: 1, tsresol: 9 });
    w.interface({ linkType: 101 });
    w.interface({ linkType: 113, snaplen: 100 });
  };
  interfaces();
  for (const [i, n] of LEAD.entries()) w.epb(samplePacket(i, n), T0 + i);
  spec.blocks.forEach((block, i) => {
    switch (block.b) {
      case 'epb':
        w.epb(samplePacket(i, block.iface === 2 ? Math.min(block.size, 100) : block.size), T0 + i, {
          interfaceId: block.iface,
        });
        break;
      case 'spb':
        w.spb(samplePacket(i, block.size));
        break;
      case 'section':
        w.section({ bigEndian: block.bigEndian });
        interfaces();
        break;
      case 'custom':
        w.custom(32473, samplePacket(i, block.size));
        break;
      case 'dsb':
        w.dsb(0x544c534b, samplePacket(i, block.size));
        break;
    }
  });
  return w.toBuffer();
}

describe('capture driver: same records as the chunk path', () => {
  it('on random pcap and pcapng files, cut or not, for any read and chunk sizes and any buffer size', async () => {
    await fc.assert(
      fc.asyncProperty(
        captureArb,
        fc.nat(40),
        fc.array(fc.integer({ min: 64, max: 9000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 64, max: 9000 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 20_000 }),
        async (spec, cut, readSizes, chunkSizes, bufferBytes) => {
          const file = writeCapture(spec);
          const bytes = file.subarray(0, Math.max(40, file.length - cut));
          const chunkPath = await readWith(
            await openStream(
              (async function* () {
                for (let i = 0, k = 0; i < bytes.length; k++) {
                  const n = chunkSizes[k % chunkSizes.length] ?? 1;
                  yield Buffer.from(bytes.subarray(i, i + n));
                  i += n;
                }
              })(),
              'test.pcap',
              bytes.length,
            ),
          );
          const direct = await readWith((await fakeFile(bytes, readSizes)).source, bufferBytes);
          samePackets(direct, chunkPath);
          expect(direct.secrets).toEqual(chunkPath.secrets);
          const whole = await readWith((await fakeFile(bytes)).source);
          samePackets(whole, chunkPath);
        },
      ),
      { numRuns: 100 },
    );
  });
});
