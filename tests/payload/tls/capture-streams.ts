/**
 * Test-only: the two TCP payload streams of the single TCP connection in a small capture, through the project's
 * own reader and decoder, ordered by sequence number (retransmitted bytes dropped). Not a reassembler: no
 * gaps, no multiple connections; enough to feed the real captures to the TLS decoder.
 */
import { Anomalies } from '../../../src/core/anomalies.js';
import { formatAddress } from '../../../src/core/ip-format.js';
import { PacketDecoder } from '../../../src/decode/decoder.js';
import { createDecodedPacket, IPPROTO_TCP } from '../../../src/decode/packet.js';
import { readCapture } from '../../../src/ingest/capture-reader.js';
import { openInput } from '../../../src/ingest/source.js';
import type { Direction } from '../../../src/payload/types.js';

export interface StreamChunk {
  dir: Direction;
  data: Uint8Array;
  frame: number;
}

export interface CaptureStreams {
  client: { ip: string; port: number };
  server: { ip: string; port: number };
  /** Both directions' payload in frame order, each direction in sequence order. */
  chunks: StreamChunk[];
  /** Decryption Secrets Blocks' text (pcapng). */
  secrets: string[];
}

const SYN = 0x02;
const ACK = 0x10;

interface Segment {
  seq: number;
  data: Uint8Array;
  frame: number;
}

export async function captureStreams(path: string): Promise<CaptureStreams> {
  const anomalies = new Anomalies();
  const decoder = new PacketDecoder(anomalies, path);
  const out = createDecodedPacket();
  const segments = new Map<string, Segment[]>();
  const isn = new Map<string, number>();
  let client: string | null = null;
  const endpoints = new Map<string, { ip: string; port: number }>();
  const secrets: string[] = [];
  await readCapture(
    await openInput(path),
    {
      packet(frame, linkType, data, _origLen, tsMicros) {
        decoder.decode(linkType, data, frame, tsMicros, out);
        const layer = out.layers[out.layerCount - 1];
        if (out.layerCount === 0 || layer === undefined || layer.protocol !== IPPROTO_TCP) return;
        const src = { ip: formatAddress(layer.buf, layer.srcOff, layer.ipVersion), port: layer.srcPort };
        const key = `${src.ip}|${src.port}`;
        endpoints.set(key, src);
        if ((layer.tcpFlags & SYN) !== 0) {
          isn.set(key, (layer.tcpSeq + 1) >>> 0);
          if ((layer.tcpFlags & ACK) === 0) client = key;
        }
        if (layer.payloadLen === 0) return;
        const list = segments.get(key) ?? [];
        segments.set(key, list);
        list.push({
          seq: layer.tcpSeq,
          data: layer.buf.slice(layer.payloadOff, layer.payloadOff + layer.payloadLen),
          frame,
        });
      },
      secrets(_type, data) {
        secrets.push(Buffer.from(data).toString('utf8'));
      },
    },
    anomalies,
  );
  const keys = [...endpoints.keys()];
  if (client === null || keys.length !== 2) throw new Error(`${path}: expected one TCP connection with its SYN`);
  const server = keys.find((k) => k !== client) ?? '';
  const chunks: StreamChunk[] = [];
  for (const [key, dir] of [
    [client, 'out'],
    [server, 'in'],
  ] as const) {
    const start = isn.get(key) ?? 0;
    const list = (segments.get(key) ?? []).map((s) => ({ ...s, seq: (s.seq - start) >>> 0 }));
    list.sort((a, b) => a.seq - b.seq || a.frame - b.frame);
    let next = 0;
    for (const s of list) {
      const end = s.seq + s.data.length;
      if (end <= next) continue; // retransmission
      chunks.push({ dir, data: s.data.subarray(Math.max(0, next - s.seq)), frame: s.frame });
      next = end;
    }
  }
  // Interleave by frame, keeping each direction's sequence order.
  const outs = chunks.filter((c) => c.dir === 'out');
  const ins = chunks.filter((c) => c.dir === 'in');
  const merged: StreamChunk[] = [];
  while (outs.length > 0 || ins.length > 0) {
    const a = outs[0];
    const b = ins[0];
    if (b === undefined || (a !== undefined && a.frame <= b.frame)) merged.push(outs.shift() as StreamChunk);
    else merged.push(ins.shift() as StreamChunk);
  }
  return {
    client: endpoints.get(client) ?? { ip: '', port: 0 },
    server: endpoints.get(server) ?? { ip: '', port: 0 },
    chunks: merged,
    secrets,
  };
}
