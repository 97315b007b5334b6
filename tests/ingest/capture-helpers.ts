import { Anomalies } from '../../src/core/anomalies.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import type { CaptureSummary } from '../../src/ingest/capture-sink.js';
import { openStream } from '../../src/ingest/source.js';

export interface GotPacket {
  frame: number;
  linkType: number;
  data: Buffer;
  origLen: number;
  tsMicros: number;
  interfaceId: number;
}

export interface ReadResult {
  packets: GotPacket[];
  summary: CaptureSummary;
  anomalies: Anomalies;
}

/** Yields `bytes` in chunks whose sizes cycle through `sizes`. */
export async function* chunked(bytes: Uint8Array, sizes: number[] = [bytes.length || 1]): AsyncGenerator<Buffer> {
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield Buffer.from(bytes.subarray(i, i + n));
    i += n;
  }
}

/** Reads a capture held in memory through the same path as a file (openStream + readCapture). */
export async function readBytes(bytes: Uint8Array, sizes?: number[], name = 'test.pcap'): Promise<ReadResult> {
  const source = await openStream(chunked(bytes, sizes), name, bytes.length);
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
  );
  return { packets, summary, anomalies };
}

/** A small Ethernet/IPv4/UDP frame whose bytes identify packet `i`. */
export function samplePacket(i: number, length = 60): Buffer {
  const b = Buffer.alloc(length);
  for (let k = 0; k < length; k++) b[k] = (i * 31 + k) & 0xff;
  if (length >= 14) b.writeUInt16BE(0x0800, 12);
  return b;
}
