/**
 * The in-place delivery path: a sink with `packetAt` gets each record as (reader buffer, offset, length) instead
 * of a view per packet. It must see exactly the bytes `packet` sees, under every chunk pattern (records that
 * straddle chunks are stitched into a fresh buffer), and the decoder must read a frame in place exactly as it
 * reads the same frame on its own, including tunnels and IPv4 fragments.
 */
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { PacketDecoder } from '../../src/decode/decoder.js';
import { createDecodedPacket, type DecodedPacket } from '../../src/decode/packet.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import { openStream } from '../../src/ingest/source.js';
import { buildFrame, buildIpPacket, ethernet, fragmentIp, gre, vxlan } from '../../src/writer/packet-builder.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { chunked, readBytes, samplePacket } from './capture-helpers.js';

const T0 = 1_650_000_000_000_000;

function pcapngFile(): Buffer {
  const w = new PcapngWriter().section();
  w.interface({ linkType: 1 });
  for (let i = 0; i < 9; i++) w.epb(samplePacket(i, 30 + i * 53), T0 + i * 10);
  w.spb(samplePacket(99, 70));
  return w.toBuffer();
}

const files: [string, Buffer][] = [
  [
    'pcap',
    writePcap(
      { linkType: 1 },
      Array.from({ length: 10 }, (_, i) => ({ data: samplePacket(i, 12 + i * 47), tsMicros: T0 + i })),
    ),
  ],
  ['pcapng', pcapngFile()],
];

interface Got {
  frame: number;
  bytes: string;
  origLen: number;
  tsMicros: number;
}

async function readAt(bytes: Uint8Array, sizes?: number[]): Promise<Got[]> {
  const got: Got[] = [];
  const source = await openStream(chunked(bytes, sizes), 'at.pcap', bytes.length);
  await readCapture(
    source,
    {
      packet() {
        throw new Error('packet() must not be called when packetAt is there');
      },
      packetAt(frame, _linkType, buf, off, len, origLen, tsMicros) {
        expect(off + len).toBeLessThanOrEqual(buf.length);
        got.push({ frame, bytes: Buffer.from(buf.subarray(off, off + len)).toString('hex'), origLen, tsMicros });
      },
    },
    new Anomalies(),
  );
  return got;
}

describe('packetAt delivery', () => {
  for (const [name, file] of files) {
    it(`${name}: the same bytes as packet(), for every chunk pattern`, async () => {
      const viaView = (await readBytes(file)).packets.map((p) => ({
        frame: p.frame,
        bytes: p.data.toString('hex'),
        origLen: p.origLen,
        tsMicros: p.tsMicros,
      }));
      expect(viaView.length).toBeGreaterThanOrEqual(10);
      for (const sizes of [[1], [3], [13], [7, 1, 300, 2, 64], [1 << 20]]) {
        expect(await readAt(file, sizes), `pattern ${sizes.join(',')}`).toEqual(viaView);
      }
    });
  }
});

function snapshot(p: DecodedPacket) {
  return {
    anomaly: p.anomaly,
    layers: p.layers.slice(0, p.layerCount).map((l) => ({
      ...l,
      buf: undefined,
      src: Buffer.from(l.buf.subarray(l.srcOff, l.dstOff)).toString('hex'),
      payload: Buffer.from(l.buf.subarray(l.payloadOff, l.payloadOff + l.payloadLen)).toString('hex'),
      srcOff: undefined,
      dstOff: undefined,
      payloadOff: undefined,
    })),
  };
}

describe('PacketDecoder.decodeAt', () => {
  const o4 = { version: 4 as const, src: '192.0.2.1', dst: '192.0.2.2' };
  const inner = buildIpPacket({
    ip: { version: 4, src: '10.0.0.1', dst: '10.0.0.2' },
    udp: { srcPort: 40000, dstPort: 53, payload: 'hello in place' },
  });
  const big = buildIpPacket({
    ip: { version: 4, src: '10.0.0.3', dst: '10.0.0.4' },
    udp: { srcPort: 40001, dstPort: 9999, payload: 'x'.repeat(300) },
  });
  const frames: Uint8Array[] = [
    buildFrame({
      ip: { version: 6, src: '2001:db8::1', dst: '2001:db8::2' },
      tcp: { srcPort: 1, dstPort: 443, flags: 'S' },
    }),
    ethernet(gre(o4, inner)),
    ethernet(vxlan(o4, ethernet(inner))),
    ...fragmentIp(big, 128).map((f) => ethernet(f)),
  ];

  it('reads a frame inside a larger buffer exactly as the frame alone', () => {
    const alone = new PacketDecoder(new Anomalies(), 'a');
    const inPlace = new PacketDecoder(new Anomalies(), 'a');
    const a = createDecodedPacket();
    const b = createDecodedPacket();
    frames.forEach((frame, i) => {
      // Junk on both sides: nothing may be read outside [off, off + length).
      const host = new Uint8Array(frame.length + 77);
      host.fill(0xee);
      host.set(frame, 40);
      alone.decode(1, frame, i + 1, T0, a);
      inPlace.decodeAt(1, host, 40, 40 + frame.length, i + 1, T0, b);
      expect(snapshot(b), `frame ${i + 1}`).toEqual(snapshot(a));
    });
    // The last fragment completed the datagram in both decoders.
    expect(a.layerCount).toBe(1);
    expect(a.layers[0]?.payloadLen).toBe(300);
  });
});
