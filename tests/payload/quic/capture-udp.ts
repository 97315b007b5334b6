/**
 * Test-only reader for the real captures: the UDP payloads of a capture file, grouped into flows (the sender of
 * a flow's first datagram is its client), read with the project's own capture parsers and packet decoder (the
 * parser is driven directly over the whole file: small captures need no chunking).
 * Also pulls the NSS key log text out of pcapng Decryption Secrets Blocks (type 0x0000000A, secrets type
 * 0x544c534b "TLSK"), for captures that carry their keys inside.
 */
import { readFileSync } from 'node:fs';
import { Anomalies } from '../../../src/core/anomalies.js';
import { formatAddress } from '../../../src/core/ip-format.js';
import { PacketDecoder } from '../../../src/decode/decoder.js';
import { createDecodedPacket, IPPROTO_UDP } from '../../../src/decode/packet.js';
import { CaptureStats } from '../../../src/ingest/capture-parser.js';
import { pcapFormat } from '../../../src/ingest/pcap/pcap-format.js';
import { pcapngFormat } from '../../../src/ingest/pcapng/pcapng-format.js';
import type { Direction } from '../../../src/payload/types.js';

export interface UdpDatagram {
  dir: Direction;
  frame: number;
  bytes: Uint8Array;
}

export interface UdpFlow {
  client: { addr: string; port: number };
  server: { addr: string; port: number };
  datagrams: UdpDatagram[];
}

const PCAPNG_MAGIC = 0x0a0d0d0a;

export function readUdpFlows(path: string): UdpFlow[] {
  const file = readFileSync(path);
  const anomalies = new Anomalies();
  const decoder = new PacketDecoder(anomalies, path);
  const out = createDecodedPacket();
  const flows = new Map<string, UdpFlow>();
  const format = file.readUInt32LE(0) === PCAPNG_MAGIC ? pcapngFormat : pcapFormat;
  const stats = new CaptureStats({
    packet(frame, linkType, data, _origLen, tsMicros) {
      decoder.decode(linkType, data, frame, tsMicros, out);
      const layer = out.layers[out.layerCount - 1];
      if (out.layerCount === 0 || layer === undefined || layer.protocol !== IPPROTO_UDP) return;
      const src = formatAddress(layer.buf, layer.srcOff, layer.ipVersion);
      const dst = formatAddress(layer.buf, layer.dstOff, layer.ipVersion);
      const bytes = Uint8Array.from(layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen));
      const a = `${src}|${layer.srcPort}`;
      const b = `${dst}|${layer.dstPort}`;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      let flow = flows.get(key);
      if (flow === undefined) {
        flow = {
          client: { addr: src, port: layer.srcPort },
          server: { addr: dst, port: layer.dstPort },
          datagrams: [],
        };
        flows.set(key, flow);
      }
      const dir = flow.client.addr === src && flow.client.port === layer.srcPort ? 'out' : 'in';
      flow.datagrams.push({ dir, frame, bytes });
    },
  });
  const parser = format.createParser(stats, anomalies, path);
  const used = parser.parse(file, 0, 0);
  parser.finish(file.length - used, used);
  return [...flows.values()];
}

const DSB_BLOCK_TYPE = 0x0000000a;
const DSB_TLS_KEY_LOG = 0x544c534b;

/** The key log text of every Decryption Secrets Block in a pcapng file (blocks walked by their lengths). */
export function pcapngKeyLog(path: string): string {
  const file = readFileSync(path);
  // The Section Header Block's byte-order magic says how to read every length (pcapng §4.1).
  const little = file.readUInt32LE(8) === 0x1a2b3c4d;
  const u32 = (at: number): number => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  let text = '';
  for (let at = 0; at + 12 <= file.length; ) {
    const type = u32(at);
    const length = u32(at + 4);
    if (length < 12 || at + length > file.length) break;
    if (type === DSB_BLOCK_TYPE && u32(at + 8) === DSB_TLS_KEY_LOG) {
      const secretsLength = u32(at + 12);
      text += file.subarray(at + 16, at + 16 + secretsLength).toString('utf8');
      if (!text.endsWith('\n')) text += '\n';
    }
    at += length;
  }
  return text;
}
