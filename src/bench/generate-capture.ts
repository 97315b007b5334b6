/**
 * Deterministically generates the benchmark capture: a mix of TLS connections (ClientHellos, some split over two
 * segments by a post-quantum key share), DNS lookups and other UDP, with many flows alive at once. The same seed
 * and parameters always give the same bytes, so runs on different days compare.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 as prng } from '../core/prng.js';
import { TcpConversation, udpFrame } from '../writer/conversation.js';
import { dnsQuery, dnsResponse, TYPE_A } from '../writer/dns-message-builder.js';
import { PCAP_FILE_HEADER_BYTES, PcapWriter } from '../writer/pcap-writer.js';
import { buildClientHello, toRecords } from '../writer/tls-client-hello-builder.js';

export interface BenchCaptureSpec {
  /** Flows per pass. */
  flows: number;
  /** Flows interleaved at once (alive together). */
  concurrent: number;
  /** Server data rounds per TLS connection (each two full segments plus an ACK). */
  dataRounds: number;
  /** How many times the whole traffic repeats, shifted in time (2 doubles the file, same live flows). */
  passes: number;
  seed: number;
}

export const DEFAULT_BENCH_SPEC: BenchCaptureSpec = {
  flows: 100_000,
  concurrent: 20_000,
  dataRounds: 1,
  passes: 1,
  seed: 20261129,
};

export interface BenchCaptureResult {
  bytes: number;
  packets: number;
  flows: number;
}

type Frame = [Uint8Array, number];

function clientIp(i: number): string {
  return `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${(i & 0xff) | 1}`;
}

function serverIp(i: number): string {
  // Spread over public-looking documentation-free space, deterministic per flow.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  return `${23 + (h % 180)}.${(h >>> 8) & 0xff}.${(h >>> 16) & 0xff}.${((h >>> 24) & 0xfe) | 1}`;
}

/** All frames of flow i, with times relative to the flow's start. */
function flowFrames(i: number, spec: BenchCaptureSpec, rnd: () => number, filler: Uint8Array): Frame[] {
  const frames: Frame[] = [];
  const sink = (f: Uint8Array, ts: number): void => {
    frames.push([f, ts]);
  };
  const client = { ip: clientIp(i), port: 1024 + (i % 64000) };
  const kind = i % 20;
  if (kind < 12) {
    const sni = `host${i % 5000}.service${i % 50}.example.com`;
    const pq = kind < 3;
    const hello = toRecords(
      buildClientHello({ sni, alpn: ['h2', 'http/1.1'], versions: [0x0304, 0x0303], pqKeyShare: pq }),
    );
    const c = new TcpConversation(sink, {
      client,
      server: { ip: serverIp(i), port: 443 },
      startMicros: 0,
      rttMicros: 5_000 + Math.floor(rnd() * 40_000),
    });
    c.handshake();
    c.clientSends(hello, pq ? [1200, hello.length - 1200] : undefined);
    c.serverSends(filler.subarray(0, 1460 * 3));
    for (let r = 0; r < spec.dataRounds; r++) {
      c.clientSends(filler.subarray(0, 120 + Math.floor(rnd() * 400)));
      c.serverSends(filler.subarray(0, 1460 * 2));
    }
    c.close();
  } else if (kind < 18) {
    const qname = `api${i % 3000}.telemetry${i % 40}.example.net`;
    const resolver = { ip: '10.255.0.53', port: 53 };
    sink(udpFrame(client, resolver, dnsQuery(i & 0xffff, qname)), 0);
    const answer = dnsResponse(i & 0xffff, qname, TYPE_A, [{ name: qname, type: TYPE_A, ttl: 300, data: serverIp(i) }]);
    sink(udpFrame(resolver, client, answer), 800 + Math.floor(rnd() * 20_000));
  } else {
    const server = { ip: serverIp(i), port: 3478 + (i % 7) };
    let t = 0;
    for (let k = 0; k < 5; k++) {
      t += 1_000 + Math.floor(rnd() * 5_000);
      const len = 100 + Math.floor(rnd() * 900);
      sink(
        k % 2 === 0
          ? udpFrame(client, server, filler.subarray(8, 8 + len))
          : udpFrame(server, client, filler.subarray(16, 16 + len)),
        t,
      );
    }
  }
  return frames;
}

/**
 * Writes the capture to `path`. Flows are interleaved round-robin, `concurrent` at a time; capture time moves
 * on 5 µs per packet, so all flows of one pass fit in minutes and passes are two hours apart.
 */
export function generateBenchCapture(path: string, spec: BenchCaptureSpec = DEFAULT_BENCH_SPEC): BenchCaptureResult {
  const writer = new PcapWriter({ linkType: 1 });
  const fd = openSync(path, 'w');
  const buf = Buffer.allocUnsafe(8 << 20);
  let used = 0;
  let bytes = 0;
  let packets = 0;
  const flush = (): void => {
    writeSync(fd, buf, 0, used);
    bytes += used;
    used = 0;
  };
  writer.header().copy(buf, 0);
  used = PCAP_FILE_HEADER_BYTES;
  const filler = new Uint8Array(4096);
  const fill = prng(spec.seed ^ 0x5eed);
  for (let i = 0; i < filler.length; i++) filler[i] = Math.floor(fill() * 256);

  for (let pass = 0; pass < spec.passes; pass++) {
    const rnd = prng(spec.seed);
    let clock = Date.UTC(2026, 10, 2, 8, 0, 0) * 1000 + pass * 7_200_000_000;
    let next = 0;
    const active: { frames: Frame[]; at: number }[] = [];
    while (next < spec.flows || active.length > 0) {
      while (active.length < spec.concurrent && next < spec.flows) {
        active.push({ frames: flowFrames(next++, spec, rnd, filler), at: 0 });
      }
      for (let k = 0; k < active.length; k++) {
        const flow = active[k];
        if (flow === undefined) continue;
        const frame = flow.frames[flow.at++];
        if (frame !== undefined) {
          if (used + writer.recordSize(frame[0].length) > buf.length) flush();
          used = writer.recordInto(buf, used, frame[0], clock);
          clock += 5;
          packets++;
        }
        if (flow.at >= flow.frames.length) {
          const last = active.pop();
          if (last !== undefined && k < active.length) active[k] = last;
          k--;
        }
      }
    }
  }
  flush();
  closeSync(fd);
  return { bytes, packets, flows: spec.flows * spec.passes };
}
