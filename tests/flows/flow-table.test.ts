import { describe, expect, it, vi } from 'vitest';
import { FlowNamer } from '../../src/flows/flow-namer.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { TcpConversation, udpFrame } from '../../src/writer/conversation.js';
import { buildFrame, buildIpPacket, ethernet, vxlan } from '../../src/writer/packet-builder.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';
import { captureFlowsOf, type Frames, pcapOf } from './capture-helpers.js';

const T0 = Date.UTC(2026, 0, 5, 9) * 1000;

async function flowsOf(frames: Frames): Promise<FlowRecord[]> {
  const { flows } = await captureFlowsOf(pcapOf(frames));
  return flows.sort((a, b) => (a.source.firstFrame ?? 0) - (b.source.firstFrame ?? 0));
}

function tcp(frames: Frames, opts: { cport: number; sport?: number; start: number; rtt?: number }) {
  return new TcpConversation((f, ts) => frames.push([f, ts]), {
    client: { ip: '10.0.0.5', port: opts.cport },
    server: { ip: '198.51.100.7', port: opts.sport ?? 443 },
    startMicros: opts.start,
    rttMicros: opts.rtt ?? 10_000,
  });
}

describe('flow table', () => {
  it('takes the initiator from the SYN and counts each direction with frame lengths', async () => {
    const frames: Frames = [];
    tcp(frames, { cport: 40000, start: T0 })
      .handshake()
      .clientSends(new Uint8Array(100))
      .serverSends(new Uint8Array(2000))
      .close();
    const [f] = await flowsOf(frames);
    expect(f).toMatchObject({
      proto: 'tcp',
      client: '10.0.0.5',
      clientPort: 40000,
      server: '198.51.100.7',
      serverPort: 443,
    });
    const sizes = frames.map(([d]) => d.length);
    expect((f?.bytesOut ?? 0) + (f?.bytesIn ?? 0)).toBe(sizes.reduce((a, b) => a + b, 0));
    expect((f?.packetsOut ?? 0) + (f?.packetsIn ?? 0)).toBe(frames.length);
    expect(f?.rttMs).toBeCloseTo(10.03, 2);
    expect(f?.tcpFlags).toBe('FSPA');
    expect(f?.endReason).toBe('fin');
    expect(f?.source.firstFrame).toBe(1);
  });

  it('starts a new flow when a closed connection port is reused', async () => {
    const frames: Frames = [];
    tcp(frames, { cport: 40001, start: T0 }).handshake().close();
    tcp(frames, { cport: 40001, start: T0 + 5_000_000 })
      .handshake()
      .reset();
    const flows = await flowsOf(frames);
    expect(flows).toHaveLength(2);
    expect(flows.map((f) => f.endReason)).toEqual(['fin', 'rst']);
  });

  it('uses well-known ports when the capture starts mid-connection (server speaks first)', async () => {
    const frames: Frames = [];
    const mk = (src: string, dst: string, sp: number, dp: number, t: number) =>
      frames.push([
        buildFrame({
          ip: { version: 4, src, dst },
          tcp: { srcPort: sp, dstPort: dp, flags: 'PA', seq: 1, ack: 1, payload: 'x' },
        }),
        t,
      ]);
    mk('198.51.100.7', '10.0.0.5', 443, 51000, T0);
    mk('10.0.0.5', '198.51.100.7', 51000, 443, T0 + 10);
    const [f] = await flowsOf(frames);
    expect(f).toMatchObject({ client: '10.0.0.5', serverPort: 443, packetsOut: 1, packetsIn: 1, rttMs: null });
  });

  it('counts retransmissions as packets of the same flow', async () => {
    const frames: Frames = [];
    tcp(frames, { cport: 40002, start: T0 }).handshake().clientSends(new Uint8Array(10));
    const dup = frames[3];
    if (dup !== undefined) frames.push([dup[0], dup[1] + 500_000]);
    const flows = await flowsOf(frames);
    expect(flows).toHaveLength(1);
    expect(flows[0]?.packetsOut).toBe(4);
  });

  it('ends a UDP flow after its idle timeout and starts another', async () => {
    const a = { ip: '10.0.0.5', port: 5000 };
    const b = { ip: '198.51.100.9', port: 3478 };
    const frames: Frames = [
      [udpFrame(a, b, new Uint8Array(10)), T0],
      [udpFrame(b, a, new Uint8Array(10)), T0 + 1000],
      [udpFrame(a, b, new Uint8Array(10)), T0 + 400_000_000],
    ];
    const flows = await flowsOf(frames);
    expect(flows.map((f) => [f.packetsOut, f.packetsIn, f.endReason])).toEqual([
      [1, 1, 'idle'],
      [1, 0, 'end-of-input'],
    ]);
  });

  it('keeps IPv6 flows apart that differ only past the first address word, in both directions', async () => {
    // The lookup compares address words 1-3 only for IPv6; these endpoints share word 0 and both ports.
    const a = { ip: '2001:db8::1', port: 50000 };
    const b = { ip: '2001:db8::2', port: 443 };
    const c = { ip: '2001:db8:0:1::1', port: 50000 };
    const d = { ip: '2001:db8::1:0:0:2', port: 443 };
    const frames: Frames = [
      [udpFrame(a, b, new Uint8Array(10)), T0],
      [udpFrame(c, b, new Uint8Array(11)), T0 + 1],
      [udpFrame(a, d, new Uint8Array(12)), T0 + 2],
      [udpFrame(b, a, new Uint8Array(13)), T0 + 3],
      [udpFrame(d, a, new Uint8Array(14)), T0 + 4],
      [udpFrame(b, c, new Uint8Array(15)), T0 + 5],
    ];
    const flows = await flowsOf(frames);
    expect(flows.map((f) => [f.client, f.server, f.packetsOut, f.packetsIn])).toEqual([
      ['2001:db8::1', '2001:db8::2', 1, 1],
      ['2001:db8:0:1::1', '2001:db8::2', 1, 1],
      ['2001:db8::1', '2001:db8::1:0:0:2', 1, 1],
    ]);
  });

  it('emits the outer and inner flows a tunnelled frame starts outer first, wherever they sit in the table', async () => {
    const frames: Frames = [];
    for (let i = 0; i < 64; i++) {
      const inner = buildIpPacket({
        ip: { version: 4, src: '10.0.0.1', dst: '10.0.0.2' },
        tcp: { srcPort: 40000 + i, dstPort: 443, flags: 'S' },
      });
      const outer = { version: 4 as const, src: '192.0.2.1', dst: '192.0.2.2' };
      frames.push([buildFrame({ packet: vxlan(outer, ethernet(inner), 1, 49152 + i) }), T0 + i]);
    }
    const flows = await flowsOf(frames);
    expect(flows).toHaveLength(128);
    expect(flows.map((f) => [f.source.firstFrame, f.tunnelDepth])).toEqual(
      Array.from({ length: 128 }, (_, i) => [(i >> 1) + 1, i & 1]),
    );
  });
});

describe('flow table: details reused from ended flows', () => {
  it('gives a new flow none of an ended flow’s names and facts, and leaves the ended flow’s record as it was', async () => {
    const frames: Frames = [];
    const hello = toRecords(buildClientHello({ sni: 'first.example', alpn: ['h2'], versions: [0x0304] }));
    // Ten named flows one after the other (each ends before the next starts), then ten that send nothing
    // nameable: each of those is given details an ended named flow had.
    for (let i = 0; i < 10; i++) {
      tcp(frames, { cport: 41000 + i, start: T0 + i * 1_000_000 })
        .handshake()
        .clientSends(hello)
        .close();
    }
    for (let i = 0; i < 10; i++) {
      tcp(frames, { cport: 42000 + i, start: T0 + 20_000_000 + i * 1_000_000 })
        .handshake()
        .clientSends(new Uint8Array(40))
        .close();
    }
    const flows = await flowsOf(frames);
    expect(flows).toHaveLength(20);
    for (const f of flows.slice(0, 10)) {
      expect(f.names.map((n) => n.name)).toEqual(['first.example']);
      expect(f.alpn).toEqual(['h2']);
    }
    for (const f of flows.slice(10)) {
      expect(f.names).toEqual([]);
      expect(f.alpn).toBeUndefined();
      expect(f.tlsVersions).toBeUndefined();
      expect(f.ech).toBeUndefined();
      expect(f.pii).toBeUndefined();
      expect(f.serverCertificate).toBeUndefined();
    }
    // Records of flows without names have lists of their own: writing to one changes no other.
    flows[10]?.names.push({ name: 'x.example', via: 'dns', frame: 1 });
    expect(flows[11]?.names).toEqual([]);
  });
});

describe('flow table: packets after naming', () => {
  it('hands a TCP flow’s packets to the namer only while its naming runs, not for the rest of the flow', async () => {
    const spy = vi.spyOn(FlowNamer.prototype, 'onTcpPacket');
    try {
      const frames: Frames = [];
      const hello = toRecords(buildClientHello({ sni: 'long.example', alpn: ['h2'], versions: [0x0304] }));
      const c = tcp(frames, { cport: 43000, start: T0 }).handshake().clientSends(hello);
      // The server's answer is no TLS (naming ends there), then a long download.
      for (let i = 0; i < 50; i++) c.serverSends(new Uint8Array(1400));
      c.close();
      const [f] = await flowsOf(frames);
      expect(f?.names.map((n) => n.name)).toEqual(['long.example']);
      expect(frames.length).toBeGreaterThan(100);
      // SYN, SYN-ACK, ACK, ClientHello, the server's first segment: the namer is done after a handful.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(8);
    } finally {
      spy.mockRestore();
    }
  });
});
