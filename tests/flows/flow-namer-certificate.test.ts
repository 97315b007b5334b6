/**
 * The server certificate read from the server's side of a TLS 1.2 handshake, through the whole capture path
 * (pcap → decoder → flow table → namer): segments split, reordered, retransmitted, lost; TLS 1.3; proxies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SERVER_FLIGHT_SEGMENTS } from '../../src/flows/flow-namer.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';
import { buildCertificate, buildServerFlight, buildServerHello } from '../../src/writer/tls-server-hello-builder.js';
import { captureFlowsOf, type Frames, pcapOf } from './capture-helpers.js';

const T0 = Date.UTC(2026, 0, 5, 9) * 1000;
const SERVER = '198.51.100.7';
/** The flows of these frames, and the anomalies counted. */
function run(frames: Frames): ReturnType<typeof captureFlowsOf> {
  return captureFlowsOf(pcapOf(frames));
}

function conversation(frames: Frames, cport = 40000): TcpConversation {
  return new TcpConversation((f, ts) => frames.push([f, ts]), {
    client: { ip: '10.0.0.5', port: cport },
    server: { ip: SERVER, port: 443 },
    startMicros: T0,
    rttMicros: 10_000,
  });
}

/** Ethernet + IPv4: the source address is at bytes 26..29. */
function fromServer(frame: Uint8Array): boolean {
  return frame.subarray(26, 30).join('.') === SERVER;
}

const leaf = buildCertificate({
  subject: [
    { type: 'C', value: 'US', tag: 0x13 },
    { type: 'O', value: 'Google LLC' },
    { type: 'CN', value: '*.google.com' },
  ],
  issuer: [
    { type: 'C', value: 'US', tag: 0x13 },
    { type: 'O', value: 'Google Trust Services' },
  ],
  sanNames: Array.from({ length: 200 }, (_, i) => `s${i}.google.example`),
});
const intermediate = buildCertificate({ subject: [{ type: 'O', value: 'Google Trust Services' }] });
const flight12 = toRecords(buildServerFlight({ chain: [leaf, intermediate] }));
const hello = toRecords(buildClientHello({ sni: 'www.google.com', versions: [0x0304, 0x0303] }));

const expected = {
  subjectOrg: 'Google LLC',
  subjectCountry: 'US',
  subjectCommonName: '*.google.com',
  issuerOrg: 'Google Trust Services',
};

/** A TLS 1.2 connection; returns the frames and the index range of the server's flight in them. */
function tls12(server: Uint8Array = flight12): { frames: Frames; first: number; end: number } {
  const frames: Frames = [];
  const c = conversation(frames).handshake().clientSends(hello);
  const first = frames.length;
  c.serverSends(server);
  const end = frames.length;
  c.clientSends(new Uint8Array(200)).serverSends(new Uint8Array(5000)).close();
  return { frames, first, end };
}

function serverSegments(frames: Frames, first: number, end: number): number[] {
  const out: number[] = [];
  for (let i = first; i < end; i++) if (fromServer(frames[i]?.[0] ?? new Uint8Array(0))) out.push(i);
  return out;
}

describe('server certificate from a capture', () => {
  it('reads subject and issuer from a TLS 1.2 flight over several segments, at the frame that completed it', async () => {
    expect(flight12.length).toBeGreaterThan(3 * 1460);
    const { frames, first, end } = tls12();
    const segs = serverSegments(frames, first, end);
    const { flows, anomalies } = await run(frames);
    expect(flows).toHaveLength(1);
    const leafEnd = Buffer.from(flight12).indexOf(Buffer.from(intermediate)) - 3;
    const completing = segs[Math.ceil(leafEnd / 1460) - 1] ?? -1;
    expect(flows[0]?.serverCertificate).toEqual({ ...expected, frame: completing + 1 });
    expect(flows[0]?.names[0]?.name).toBe('www.google.com');
    expect(anomalies.entries().filter((e) => e.reason.startsWith('tls-server'))).toEqual([]);
  });

  it('reads it when server segments arrive out of order and retransmitted', async () => {
    const { frames, first, end } = tls12();
    const segs = serverSegments(frames, first, end);
    const [a, b, c] = [segs[0] ?? 0, segs[1] ?? 0, segs[2] ?? 0];
    const reordered = [...frames];
    // Third segment first, then the first twice (a retransmission), then the second.
    reordered[a] = frames[c] as [Uint8Array, number];
    reordered[b] = frames[a] as [Uint8Array, number];
    reordered[c] = frames[b] as [Uint8Array, number];
    reordered.splice(c, 0, frames[a] as [Uint8Array, number]);
    const { flows } = await run(reordered);
    expect(flows[0]?.serverCertificate).toMatchObject(expected);
  });

  it('reads it without the SYN-ACK (stream start taken from the first server data)', async () => {
    const { frames } = tls12();
    const { flows } = await run(frames.filter((_, i) => i !== 1));
    expect(flows[0]?.serverCertificate).toMatchObject(expected);
  });

  it('gives nothing, and no false name, when a segment of the leaf is lost', async () => {
    const { frames, first, end } = tls12();
    const lost = serverSegments(frames, first, end)[1] ?? 0;
    const { flows } = await run(frames.filter((_, i) => i !== lost));
    expect(flows[0]?.serverCertificate).toBeUndefined();
  });

  it('gives up after a bounded number of server segments when a gap never fills, and counts it', async () => {
    const frames: Frames = [];
    const c = conversation(frames).handshake().clientSends(hello);
    const first = frames.length;
    c.serverSends(flight12.subarray(0, 100));
    const gap = frames.length;
    c.serverSends(flight12.subarray(100, 1000)).serverSends(new Uint8Array(1460 * (MAX_SERVER_FLIGHT_SEGMENTS + 10)));
    const lost = serverSegments(frames, gap, frames.length)[0] ?? 0;
    expect(lost).toBeGreaterThan(first);
    const { flows, anomalies } = await run(frames.filter((_, i) => i !== lost));
    expect(flows[0]?.serverCertificate).toBeUndefined();
    expect(anomalies.count('tls-server-flight-incomplete')).toBe(1);
  });

  it('gives nothing for a flight cut short by the end of the capture', async () => {
    const { frames, first, end } = tls12();
    const segs = serverSegments(frames, first, end);
    const { flows } = await run(frames.slice(0, (segs[1] ?? 0) + 1));
    expect(flows[0]?.serverCertificate).toBeUndefined();
  });

  it('gives nothing for TLS 1.3 (the certificate is encrypted) and reads no further', async () => {
    const sh13 = toRecords(buildServerHello({ selectedVersion: 0x0304 }));
    const rest = Uint8Array.from([20, 3, 3, 0, 1, 1, 23, 3, 3, 0x0f, 0xa0, ...new Uint8Array(4000)]);
    const { frames } = tls12(Uint8Array.from([...sh13, ...rest]));
    const { flows, anomalies } = await run(frames);
    expect(flows[0]?.serverCertificate).toBeUndefined();
    expect(flows[0]?.names[0]?.name).toBe('www.google.com');
    expect(anomalies.entries()).toEqual([]);
  });

  it('counts nothing when the server does not answer in TLS, and counts a malformed flight', async () => {
    const plain = await run(tls12(new Uint8Array(3000)).frames);
    expect(plain.flows[0]?.serverCertificate).toBeUndefined();
    expect(plain.anomalies.entries()).toEqual([]);
    const bad = await run(tls12(Uint8Array.from([22, 3, 3, 0, 4, 11, 0, 0, 0])).frames);
    expect(bad.anomalies.count('tls-server-not-server-hello')).toBe(1);
  });

  it('reads the certificate after an HTTP CONNECT (the proxy answers before the TLS bytes)', async () => {
    const frames: Frames = [];
    const enc = new TextEncoder();
    conversation(frames, 40100)
      .handshake()
      .clientSends(enc.encode('CONNECT www.google.com:443 HTTP/1.1\r\nHost: www.google.com:443\r\n\r\n'))
      .serverSends(enc.encode('HTTP/1.1 200 Connection established\r\n\r\n'))
      .clientSends(hello)
      .serverSends(flight12)
      .close();
    const { flows } = await run(frames);
    expect(flows[0]?.serverCertificate).toMatchObject(expected);
  });

  it('keeps a flow without a certificate byte-identical in NDJSON (no serverCertificate key)', async () => {
    const frames: Frames = [];
    conversation(frames, 40200).handshake().clientSends(hello).serverSends(new Uint8Array(2000)).close();
    const { flows } = await run(frames);
    expect(Object.keys(flows[0] ?? {})).not.toContain('serverCertificate');
  });
});

const corpus = resolve(import.meta.dirname, '../../../shared/corpus/pcaps');

/**
 * Real servers (skipped without ../shared): values checked against tshark 4.0's Certificate dissection of the
 * same frames, the leaf read by OpenSSL (node:crypto X509Certificate). http_ipv6 sends a warning alert
 * (unrecognized_name) before its ServerHello.
 */
describe.skipIf(!existsSync(corpus))('server certificate from real captures', () => {
  it('reads the leaf of real TLS 1.0-1.2 handshakes', async () => {
    const cert = async (file: string) =>
      (await captureFlowsOf(readFileSync(resolve(corpus, file)))).flows.find((f) => f.serverCertificate)
        ?.serverCertificate;
    expect(await cert('zeek/tls/tls1.2.pcap')).toMatchObject({
      subjectOrg: 'Taleo Inc.',
      subjectCountry: 'US',
      subjectCommonName: '*.taleo.net',
      issuerOrg: 'COMODO CA Limited',
    });
    expect(await cert('nDPI/http_ipv6.pcap')).toMatchObject({
      subjectOrg: null,
      subjectCommonName: 'shop.ntop.org',
      issuerOrg: 'COMODO CA Limited',
    });
  });
});
