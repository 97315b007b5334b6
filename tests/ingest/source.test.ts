import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { InputError } from '../../src/core/errors.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import { GUNZIP_CHUNK_BYTES, HEAD_BYTES, type InputSource, openInput, openStream } from '../../src/ingest/source.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { samplePacket } from './capture-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~1.3 MB pcap whose payloads compress poorly, so gzip damage lands well after the head. */
function bigPcap(): Buffer {
  let x = 12345;
  const packets = Array.from({ length: 1000 }, (_, i) => {
    const data = samplePacket(i, 1300);
    for (let k = 14; k < data.length; k++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[k] = x >>> 24;
    }
    return { data, tsMicros: 1_700_000_000_000_000 + i };
  });
  return writePcap({ linkType: 1 }, packets);
}
const big = bigPcap();

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

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Descriptors this process holds open on `path` (Linux: /proc/self/fd). */
function openDescriptors(path: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // gone meanwhile (the listing's own descriptor)
    }
  }
  return n;
}

describe.skipIf(!existsSync('/proc/self/fd'))('openInput: a reader that leaves early', () => {
  it('closes the file when the reader stops inside the head (a file read in one piece, just over the head)', async () => {
    // A file a little larger than the head arrives in one read: the head holds all of it, yet the end of the file
    // has not been seen. A reader done with it then (a HAR whose root object closed) must still close the file.
    const path = file('just-over-head.bin', Buffer.alloc(HEAD_BYTES + 100, 0x20));
    const s = await openInput(path);
    expect(openDescriptors(path)).toBe(1);
    const it = s.chunks[Symbol.asyncIterator]();
    expect((await it.next()).value?.length).toBe(HEAD_BYTES + 100);
    await it.return?.();
    expect(openDescriptors(path)).toBe(0);
    // A source never read from is closed by its close().
    const unread = await openInput(path);
    await unread.close?.();
    expect(openDescriptors(path)).toBe(0);
  });

  it('closes the file when the reader stops after the head', async () => {
    const path = file('long.bin', big);
    const s = await openInput(path);
    const it = s.chunks[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    await it.return?.();
    expect(openDescriptors(path)).toBe(0);
  });
});

describe('openInput', () => {
  it('reads a file whole, with a bounded head', async () => {
    const s = await openInput(file('plain.pcap.gz', big)); // the name says gzip; the bytes do not
    expect(s.gzip).toBe(false);
    expect(s.compression).toBeNull();
    expect(s.size).toBe(big.length);
    expect(s.head.length).toBe(HEAD_BYTES);
    expect(Buffer.from(s.head).equals(big.subarray(0, HEAD_BYTES))).toBe(true);
    expect((await collect(s)).equals(big)).toBe(true);
  });

  it('detects gzip by magic bytes, whatever the name, including concatenated members', async () => {
    const g = await openInput(file('capture.pcap', gzipSync(big)));
    expect(g.gzip).toBe(true);
    expect(g.compression).toBe('gzip');
    expect(Buffer.from(g.head).equals(big.subarray(0, HEAD_BYTES))).toBe(true);
    expect((await collect(g)).equals(big)).toBe(true);

    const cut = 300_017;
    const members = Buffer.concat([gzipSync(big.subarray(0, cut)), gzipSync(big.subarray(cut))]);
    const m = await openInput(file('members.bin', members));
    expect((await countPackets(m)).packets).toBe(1000);
  });

  it('says clearly what is wrong with unusable paths', async () => {
    await expect(openInput(join(dir, 'missing.pcap'))).rejects.toThrow(/^cannot read .*missing\.pcap: no such file$/);
    await expect(openInput(dir)).rejects.toThrow(/is a directory$/);
    await expect(openInput(file('empty.pcap', new Uint8Array(0)))).rejects.toThrow(/empty\.pcap is empty$/);
    await expect(openInput(file('empty.gz', gzipSync(Buffer.alloc(0))))).rejects.toThrow(/is empty/);
    await expect(openInput(dir)).rejects.toBeInstanceOf(InputError);
  });

  it('turns corrupt gzip data into a counted anomaly, keeping the packets before it', async () => {
    const gz = gzipSync(big);
    const badCrc = Buffer.from(gz);
    // RFC 1952 §2.3.1: the member's CRC32 sits 8 bytes from the end; every packet arrives, then the error.
    badCrc.writeUInt8((badCrc[gz.length - 6] ?? 0) ^ 0xff, gz.length - 6);
    const r = await countPackets(await openInput(file('crc.pcap.gz', badCrc)));
    // zlib drops its last output buffer (GUNZIP_CHUNK_BYTES) when it reports the error.
    expect(r.packets).toBeGreaterThanOrEqual(1000 - Math.ceil(GUNZIP_CHUNK_BYTES / 1300) - 1);
    expect(r.packets).toBeLessThanOrEqual(1000);
    expect(r.anomalies.entries().map((e) => e.reason)).toEqual(['gzip-data-error']);

    const bad = Buffer.from(gz);
    const at = Math.floor(gz.length * 0.6);
    for (let i = at; i < at + 64; i++) bad.writeUInt8((bad[i] ?? 0) ^ 0x5a, i);
    const mid = await countPackets(await openInput(file('corrupt.pcap.gz', bad)));
    // Either zlib notices first, or the garbage it produced stops the pcap parser: never an exception.
    expect(mid.anomalies.total).toBeGreaterThan(0);
    expect(mid.packets).toBeGreaterThan(0);
    expect(mid.packets).toBeLessThan(1000);
  });

  it('counts gzip data that ends early', async () => {
    const gz = gzipSync(big);
    const r = await countPackets(await openInput(file('cut.pcap.gz', gz.subarray(0, Math.floor(gz.length * 0.7)))));
    expect(r.anomalies.count('gzip-truncated')).toBe(1);
    expect(r.packets).toBeGreaterThan(100);
  });

  it("reads '-' from stdin", async () => {
    const original = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: Readable.from([gzipSync(big)]), configurable: true });
    try {
      const s = await openInput('-');
      expect(s).toMatchObject({ name: 'stdin', size: null, gzip: true, compression: 'gzip' });
      expect((await countPackets(s)).packets).toBe(1000);
    } finally {
      if (original !== undefined) Object.defineProperty(process, 'stdin', original);
    }
  });

  it('accepts an injected stream delivering tiny chunks', async () => {
    const bytes = gzipSync(big.subarray(0, 5000));
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const s = await openStream(Readable.from(chunks), 'injected', null);
    expect(s.gzip).toBe(true);
    expect((await collect(s)).equals(big.subarray(0, 5000))).toBe(true);
  });
});

describe('readCapture on something that is not a capture', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['zstd inside gzip', gzipSync(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])), /zstd-compressed data inside/],
    ['bzip2', Buffer.from('BZh91AY&SY'), /bzip2/],
    ['text', Buffer.from('Jan  1 00:00:00 host kernel: hello\n'), /looks like text/],
    [
      'binary',
      Buffer.from([0, 1, 2, 3, 4, 5]),
      /binary: not a capture or log format outflow knows \(tried pcap, pcapng, /,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`names ${what} and the formats tried`, async () => {
      const s = await openStream(Readable.from([Buffer.from(bytes)]), what, bytes.length);
      const e = await readCapture(s, { packet() {} }, new Anomalies()).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(InputError);
      expect(String(e)).toMatch(message);
      expect(String(e)).toMatch(/tried pcap, pcapng, .*; each may be gzip-, zstd- or lz4-compressed\)/);
    });
  }
});
