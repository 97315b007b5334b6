/**
 * The decoder against tshark's truth on the shared corpus (skipped when ../shared is absent): for every
 * classic pcap capture (pcapng is read by src/ingest; fuzzed, malformed and tshark-unreadable files are left out),
 * the TCP/UDP conversations made of the decoder's layers (full transport header, as tshark's conversation taps
 * need) must match tshark's `conv,tcp` / `conv,udp` frame counts: link types, VLAN/MPLS, fragments, tunnels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { formatAddress } from '../../src/core/ip-format.js';
import { PacketDecoder } from '../../src/decode/decoder.js';
import { createDecodedPacket } from '../../src/decode/packet.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');
const DAMAGED = /(^|,)(fuzzed|malformed-packets|unsupported-by-tshark)(,|$)/;

interface Row {
  path: string;
  features: string;
}

function rows(): Row[] {
  const lines = readFileSync(resolve(corpus, 'MANIFEST.tsv'), 'utf8').split('\n');
  const head = (lines[0] ?? '').split('\t');
  const iPath = head.indexOf('path');
  const iFeat = head.indexOf('features');
  return lines
    .slice(1)
    .map((l) => l.split('\t'))
    .map((c) => ({ path: c[iPath] ?? '', features: c[iFeat] ?? '' }))
    .filter((r) => !DAMAGED.test(r.features) && /(^|,)pcap-(le|be)(,|$)/.test(r.features));
}

/** Classic pcap records (either byte order, µs or ns), gunzipped if needed. */
function* pcapRecords(file: string): Generator<{ link: number; data: Uint8Array; ts: number }> {
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const link = u32(20) & 0xffff;
  for (let o = 24; o + 16 <= buf.length; ) {
    const incl = u32(o + 8);
    if (o + 16 + incl > buf.length) return;
    const ts = u32(o) * 1e6 + (nano ? Math.floor(u32(o + 4) / 1000) : u32(o + 4));
    yield { link, data: buf.subarray(o + 16, o + 16 + incl), ts };
    o += 16 + incl;
  }
}

function key(a: string, b: string): string {
  return a < b ? `${a} <-> ${b}` : `${b} <-> ${a}`;
}

function decoderConversations(file: string): Record<string, Record<string, number>> {
  const decoder = new PacketDecoder(new Anomalies(), file);
  const out = createDecodedPacket();
  const convs: Record<string, Record<string, number>> = { tcp: {}, udp: {} };
  let frame = 0;
  for (const r of pcapRecords(file)) {
    decoder.decode(r.link, r.data, ++frame, r.ts, out);
    for (const l of out.layers.slice(0, out.layerCount)) {
      const proto = l.protocol === 6 ? 'tcp' : l.protocol === 17 ? 'udp' : null;
      if (proto === null || l.transportTruncated) continue;
      const k = key(
        `${formatAddress(l.buf, l.srcOff, l.ipVersion)}:${l.srcPort}`,
        `${formatAddress(l.buf, l.dstOff, l.ipVersion)}:${l.dstPort}`,
      );
      const table = convs[proto] ?? {};
      table[k] = (table[k] ?? 0) + 1;
    }
  }
  return convs;
}

interface TruthConv {
  a_addr: string;
  a_port: number;
  b_addr: string;
  b_port: number;
  frames: number;
}

function truthConversations(path: string): Record<string, Record<string, number>> {
  const truth = JSON.parse(readFileSync(resolve(corpus, 'truth', `${path}.json`), 'utf8')) as {
    conversations: Record<string, TruthConv[]>;
  };
  const convs: Record<string, Record<string, number>> = { tcp: {}, udp: {} };
  for (const proto of ['tcp', 'udp']) {
    for (const c of truth.conversations[proto] ?? []) {
      const table = convs[proto] ?? {};
      table[key(`${c.a_addr}:${c.a_port}`, `${c.b_addr}:${c.b_port}`)] = c.frames;
    }
  }
  return convs;
}

describe.skipIf(!existsSync(resolve(corpus, 'MANIFEST.tsv')))('corpus: conversations match tshark', () => {
  const list = existsSync(resolve(corpus, 'MANIFEST.tsv')) ? rows() : [];
  it.each(list.map((r) => r.path))('%s', (path) => {
    expect(decoderConversations(resolve(corpus, 'pcaps', path))).toEqual(truthConversations(path));
  });
});
