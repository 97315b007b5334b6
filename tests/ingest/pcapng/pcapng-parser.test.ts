import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { InputError } from '../../../src/core/errors.js';
import { readCapture } from '../../../src/ingest/capture-reader.js';
import { sniffCaptureFormat } from '../../../src/ingest/input-registry.js';
import { openInput, openStream } from '../../../src/ingest/source.js';
import { PcapngWriter, rawTimestamp } from '../../../src/writer/pcapng-writer.js';
import { chunked, readBytes, samplePacket } from '../capture-helpers.js';

const T0 = 1_700_000_000_123_456;

describe('pcapng reader', () => {
  for (const bigEndian of [false, true]) {
    it(`round-trips EPBs in a ${bigEndian ? 'big' : 'little'}-endian section`, async () => {
      const w = new PcapngWriter().section({ bigEndian });
      w.interface({ linkType: 1, snaplen: 65535, name: 'eth0' });
      for (let i = 0; i < 3; i++)
        w.epb(samplePacket(i, 41 + i), T0 + i, { options: [{ code: 1, value: Buffer.from('c') }] });
      const file = w.toBuffer();
      expect(sniffCaptureFormat(file)?.id).toBe('pcapng');
      const { packets, summary, anomalies } = await readBytes(file);
      expect(anomalies.total).toBe(0);
      expect(packets.map((p) => [p.frame, p.tsMicros, p.data.length])).toEqual([
        [1, T0, 41],
        [2, T0 + 1, 42],
        [3, T0 + 2, 43],
      ]);
      expect(packets[2]?.data).toEqual(samplePacket(2, 43));
      expect(summary).toMatchObject({ format: 'pcapng', packets: 3, sections: 1, linkTypes: [1], bytes: file.length });
    });
  }

  it('applies if_tsresol (10^-9 and 2^-20) and if_tsoffset per interface', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1, tsresol: 9 });
    w.interface({ linkType: 101, tsresol: 0x80 | 20, tsoffset: 3600 });
    w.interface({ linkType: 113, tsresol: 3, tsoffset: -10 });
    w.epb(samplePacket(0), T0, { interfaceId: 0 });
    w.epb(samplePacket(1), T0, { interfaceId: 1 });
    w.epb(samplePacket(2), T0 + 999, { interfaceId: 2 });
    // A raw nanosecond value above 2^53 must still divide exactly.
    w.epbRaw(samplePacket(3), 1_700_000_000_987_654_321n, { interfaceId: 0 });
    const { packets, summary } = await readBytes(w.toBuffer());
    const pow2Raw = rawTimestamp(T0, 0x80 | 20, 3600);
    const pow2Micros = Number((pow2Raw * 1_000_000n) / 2n ** 20n) + 3_600_000_000;
    expect(packets.map((p) => p.tsMicros)).toEqual([
      T0,
      pow2Micros,
      T0 + 999 - ((T0 + 999) % 1000),
      1_700_000_000_987_654,
    ]);
    expect(Math.abs(pow2Micros - T0)).toBeLessThanOrEqual(1);
    expect(packets.map((p) => [p.linkType, p.interfaceId])).toEqual([
      [1, 0],
      [101, 1],
      [113, 2],
      [1, 0],
    ]);
    expect(summary.linkTypes).toEqual([1, 101, 113]);
  });

  it('numbers frames across sections of different byte orders, resetting interfaces per section', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    w.interface({ linkType: 101 });
    w.epb(samplePacket(0), T0, { interfaceId: 1 });
    w.section({ bigEndian: true });
    w.interface({ linkType: 113, tsresol: 9 });
    w.epb(samplePacket(1), T0 + 5, { interfaceId: 0 });
    w.epb(samplePacket(2), T0 + 6, { interfaceId: 1 }); // interface 1 belonged to the first section
    w.section();
    w.interface({ linkType: 228 });
    w.epb(samplePacket(3), T0 + 7);
    const { packets, summary, anomalies } = await readBytes(w.toBuffer());
    expect(packets.map((p) => [p.frame, p.linkType, p.tsMicros])).toEqual([
      [1, 101, T0],
      [2, 113, T0 + 5],
      [4, 228, T0 + 7],
    ]);
    expect(anomalies.count('pcapng-unknown-interface')).toBe(1);
    expect(summary.sections).toBe(3);
    expect(summary.linkTypes).toEqual([1, 101, 113, 228]);
  });

  it('reads simple and obsolete packet blocks', async () => {
    const w = new PcapngWriter().section({ bigEndian: true });
    w.interface({ linkType: 1, snaplen: 50 });
    w.spb(samplePacket(0, 60)); // cut to the snaplen, no timestamp of its own
    w.obsoletePacket(samplePacket(1, 45), T0, { origLen: 100 });
    w.spb(samplePacket(2, 30));
    const { packets, summary, anomalies } = await readBytes(w.toBuffer());
    expect(anomalies.total).toBe(0);
    expect(packets.map((p) => [p.frame, p.data.length, p.origLen, p.tsMicros])).toEqual([
      [1, 50, 60, 0],
      [2, 45, 100, T0],
      [3, 30, 30, T0], // borrows the previous packet's time
    ]);
    expect(packets[0]?.data).toEqual(samplePacket(0, 60).subarray(0, 50));
    expect(summary.firstTsMicros).toBe(T0);
  });

  it('skips NRB, ISB, DSB and unknown blocks; custom and journal blocks take frame numbers as in tshark', async () => {
    const w = new PcapngWriter().section({ options: [{ code: 4, value: Buffer.from('outflow test') }] });
    w.interface({ linkType: 1 });
    w.nrb([192, 0, 2, 1], 'example.org');
    w.epb(samplePacket(0), T0);
    w.custom(32473, Buffer.from('abc'));
    w.dsb(0x544c534b, Buffer.from('CLIENT_RANDOM 00 11\n'));
    w.isb(0);
    w.custom(32473, Buffer.from('x'), false);
    w.block(9, Buffer.from('MESSAGE=hi\n'));
    w.block(0x80001234, Buffer.from('local use'));
    w.block(0x77, Buffer.alloc(0));
    w.epb(samplePacket(1), T0 + 1);
    const { packets, anomalies } = await readBytes(w.toBuffer());
    expect(anomalies.total).toBe(0);
    expect(packets.map((p) => p.frame)).toEqual([1, 5]);
  });

  it('counts damage inside a well-framed block and goes on', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    w.epb(samplePacket(0), T0);
    w.epb(samplePacket(1), T0, { interfaceId: 7 });
    w.epb(samplePacket(2), T0 + 2);
    const file = w.toBuffer();
    const { packets, anomalies } = await readBytes(file);
    expect(packets.map((p) => p.frame)).toEqual([1, 3]);
    expect(anomalies.count('pcapng-unknown-interface')).toBe(1);

    // caplen larger than the block: skipped, counted.
    const firstEpb = file.indexOf(Buffer.from([6, 0, 0, 0]), 28);
    const bad = Buffer.from(file);
    bad.writeUInt32LE(10_000, firstEpb + 20);
    const r = await readBytes(bad);
    expect(r.anomalies.count('pcapng-bad-caplen')).toBe(1);
    expect(r.packets.map((p) => p.frame)).toEqual([3]);
  });

  it('stops with a named anomaly at a block length it cannot trust', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    w.epb(samplePacket(0), T0);
    const second = w.toBuffer().length;
    w.epb(samplePacket(1), T0);
    w.epb(samplePacket(2), T0);
    const file = w.toBuffer();
    const cases: [number, string][] = [
      [7, 'pcapng-bad-block-length'],
      [0x7ffffff0, 'pcapng-bad-block-length'],
      [5, 'pcapng-bad-block-length'],
      [96, 'pcapng-block-length-mismatch'],
    ];
    for (const [len, reason] of cases) {
      const bad = Buffer.from(file);
      bad.writeUInt32LE(len, second + 4);
      const { packets, anomalies } = await readBytes(bad);
      expect(packets.length).toBe(1);
      expect(anomalies.count(reason)).toBe(1);
      expect(anomalies.entries()[0]?.examples[0]?.offset).toBe(second);
    }
  });

  it('counts a cut last block as truncated-block', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    w.epb(samplePacket(0), T0);
    const start = w.toBuffer().length;
    w.epb(samplePacket(1), T0);
    const file = w.toBuffer();
    const { packets, anomalies } = await readBytes(file.subarray(0, file.length - 3));
    expect(packets.length).toBe(1);
    expect(anomalies.entries()).toEqual([
      { reason: 'truncated-block', count: 1, examples: [expect.objectContaining({ offset: start })] },
    ]);
  });

  it('rejects a damaged first section header with an InputError, and stops at a later one', async () => {
    const w = new PcapngWriter().section({ version: [2, 0] });
    await expect(readBytes(w.toBuffer())).rejects.toBeInstanceOf(InputError);
    const ok = new PcapngWriter().section();
    ok.interface({ linkType: 1 });
    ok.epb(samplePacket(0), T0);
    ok.section({ version: [2, 0] });
    ok.interface({ linkType: 1 });
    ok.epb(samplePacket(1), T0);
    const { packets, anomalies } = await readBytes(ok.toBuffer());
    expect(packets.length).toBe(1);
    expect(anomalies.count('pcapng-unsupported-version')).toBe(1);
    await expect(readBytes(ok.toBuffer().subarray(0, 20))).rejects.toBeInstanceOf(InputError);
  });
});

describe('pcapng Decryption Secrets Blocks', () => {
  /** Reads a capture and returns the secrets blocks handed to the sink, with the packets' frame numbers. */
  async function readSecrets(source: Awaited<ReturnType<typeof openStream>>) {
    const secrets: { type: number; text: string }[] = [];
    const frames: number[] = [];
    const anomalies = new Anomalies();
    await readCapture(
      source,
      {
        packet(frame) {
          frames.push(frame);
        },
        secrets(type, data) {
          secrets.push({ type, text: Buffer.from(data).toString('latin1') });
        },
      },
      anomalies,
    );
    return { secrets, frames, anomalies };
  }

  for (const bigEndian of [false, true]) {
    it(`hands each DSB to the sink in file order (${bigEndian ? 'big' : 'little'} endian, any chunking)`, async () => {
      const w = new PcapngWriter().section({ bigEndian });
      w.dsb(0x544c534b, Buffer.from('CLIENT_RANDOM aa bb\n'));
      w.interface({ linkType: 1 });
      w.epb(samplePacket(0), T0);
      w.dsb(0x5353484b, Buffer.from('ssh')); // SSH key log: handed on too, the sink decides
      w.dsb(0x544c534b, Buffer.alloc(0));
      w.epb(samplePacket(1), T0);
      const file = w.toBuffer();
      for (const sizes of [[file.length], [1], [7, 13]]) {
        const r = await readSecrets(await openStream(chunked(file, sizes), 'dsb.pcapng', file.length));
        expect(r.secrets).toEqual([
          { type: 0x544c534b, text: 'CLIENT_RANDOM aa bb\n' },
          { type: 0x5353484b, text: 'ssh' },
          { type: 0x544c534b, text: '' },
        ]);
        expect(r.frames).toEqual([1, 2]);
        expect(r.anomalies.total).toBe(0);
      }
    });
  }

  it('counts a DSB whose secrets length runs past the block, and goes on', async () => {
    const w = new PcapngWriter().section();
    w.interface({ linkType: 1 });
    const at = w.toBuffer().length;
    w.dsb(0x544c534b, Buffer.from('12345678'));
    w.block(0x0a, Buffer.alloc(0)); // too short to hold the secrets type and length
    w.epb(samplePacket(0), T0);
    const file = Buffer.from(w.toBuffer());
    file.writeUInt32LE(9, at + 12); // 9 bytes of secrets in an 8-byte body
    const r = await readSecrets(await openStream(chunked(file), 'bad-dsb.pcapng', file.length));
    expect(r.secrets).toEqual([]);
    expect(r.frames).toEqual([1]);
    expect(r.anomalies.count('pcapng-bad-secrets-block')).toBe(2);
    // A sink without secrets() reads the same file as before.
    const plain = await readBytes(w.toBuffer());
    expect(plain.packets.map((p) => p.frame)).toEqual([1]);
  });

  const dsbCapture = new URL('../../../../shared/payload/captures/cryptohack-h2-dsb.pcapng', import.meta.url);
  it.skipIf(!existsSync(dsbCapture))('hands the TLS key log of cryptohack-h2-dsb.pcapng to the sink', async () => {
    const r = await readSecrets(await openInput(dsbCapture.pathname));
    expect(r.secrets.length).toBeGreaterThan(0);
    expect(r.secrets.every((s) => s.type === 0x544c534b)).toBe(true);
    const text = r.secrets.map((s) => s.text).join('');
    expect(text).toMatch(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]+$/m);
    expect(text).toMatch(/^SERVER_TRAFFIC_SECRET_0 /m);
    expect(r.frames.length).toBeGreaterThan(20);
  });
});
