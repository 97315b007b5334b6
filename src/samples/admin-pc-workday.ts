/**
 * The sample capture: a working day of a Dutch municipal administration PC (Windows 11, Microsoft 365 Apps,
 * Edge and Chrome), seen from the PC. Deterministic: the same bytes every time. The addresses are real public
 * addresses of the operators named, so the shipped databases geolocate them as they would in a real capture;
 * the host names follow the vendors' published endpoint lists. One plaintext HTTP request from a PDF tool
 * carries an e-mail address and a Windows profile path to a server outside the EEA: the finding the sample is
 * built to show.
 */

import { type FrameSink, TcpConversation, udpFrame } from '../writer/conversation.js';
import { type AnswerSpec, dnsQuery, dnsResponse, TYPE_A, TYPE_CNAME } from '../writer/dns-message-builder.js';
import { initialFlight } from '../writer/quic-initial-builder.js';
import { buildClientHello, toRecords } from '../writer/tls-client-hello-builder.js';

const PC = '192.168.10.23';
const RESOLVER = '192.168.10.1';
const DAY_START = Date.UTC(2026, 10, 2, 7, 30, 0) * 1000; // 08:30 in Amsterdam (CET)

interface TlsVisit {
  minute: number;
  name: string;
  /** CNAME chain after the name, as the resolver answers it. */
  cnames?: string[];
  ip: string;
  /** Client bytes after the handshake and server bytes, roughly. */
  up: number;
  down: number;
  /** Chrome/Edge-style hello with a post-quantum key share, split over two TCP segments. */
  pq?: boolean;
  ech?: boolean;
  rttMs: number;
}

const VISITS: TlsVisit[] = [
  {
    minute: 1,
    name: 'login.microsoftonline.com',
    cnames: ['login.mso.msidentity.com', 'ak.privatelink.msidentity.com'],
    ip: '40.126.32.134',
    up: 6_000,
    down: 18_000,
    rttMs: 9,
  },
  {
    minute: 2,
    name: 'v10.events.data.microsoft.com',
    cnames: ['global.asimov.events.data.trafficmanager.net', 'onedscolprdeus02.eastus.cloudapp.azure.com'],
    ip: '20.42.65.92',
    up: 48_000,
    down: 3_000,
    rttMs: 92,
  },
  {
    minute: 3,
    name: 'settings-win.data.microsoft.com',
    cnames: ['atm-settingsfe-prod-geo2.trafficmanager.net', 'settings-prod-weu-2.westeurope.cloudapp.azure.com'],
    ip: '51.124.78.146',
    up: 2_000,
    down: 9_000,
    rttMs: 8,
  },
  {
    minute: 5,
    name: 'nexus.officeapps.live.com',
    cnames: ['nexus.officeapps.live.com.trafficmanager.net', 'prod-w.nexus.live.com.akadns.net'],
    ip: '52.109.76.240',
    up: 21_000,
    down: 4_000,
    rttMs: 14,
  },
  {
    minute: 6,
    name: 'self.events.data.microsoft.com',
    cnames: ['self-events-data.trafficmanager.net', 'onedscolprdweu04.westeurope.cloudapp.azure.com'],
    ip: '13.69.109.130',
    up: 64_000,
    down: 5_000,
    rttMs: 8,
  },
  {
    minute: 9,
    name: 'outlook.office365.com',
    cnames: ['outlook.ha.office365.com', 'outlook.ms-acdc.office.com'],
    ip: '52.97.201.226',
    up: 120_000,
    down: 900_000,
    rttMs: 12,
  },
  {
    minute: 12,
    name: 'teams.microsoft.com',
    cnames: ['teams.office.com', 's-0005.s-msedge.net'],
    ip: '13.107.42.14',
    up: 40_000,
    down: 260_000,
    rttMs: 7,
    pq: true,
  },
  { minute: 20, name: 'www.google-analytics.com', ip: '142.251.36.3', up: 3_000, down: 2_000, rttMs: 6, pq: true },
  { minute: 25, name: 'update.googleapis.com', ip: '142.250.179.206', up: 4_000, down: 60_000, rttMs: 6, pq: true },
  { minute: 31, name: 'mijn.overheid.nl', ip: '145.100.190.243', up: 12_000, down: 340_000, rttMs: 4, pq: true },
  { minute: 44, name: 'cdn.jsdelivr.net', ip: '151.101.1.229', up: 2_000, down: 120_000, rttMs: 5, pq: true },
  { minute: 52, name: 'nl.wikipedia.org', ip: '185.15.59.224', up: 3_000, down: 210_000, rttMs: 5, pq: true },
  { minute: 63, name: 'cloud.hetzner-example.de', ip: '95.216.33.12', up: 80_000, down: 15_000, rttMs: 21 },
  {
    minute: 95,
    name: 'crypto.cloudflare.com',
    ip: '104.16.85.20',
    up: 2_000,
    down: 8_000,
    rttMs: 5,
    pq: true,
    ech: true,
  },
  {
    minute: 140,
    name: 'v10.events.data.microsoft.com',
    cnames: ['global.asimov.events.data.trafficmanager.net', 'onedscolprdeus02.eastus.cloudapp.azure.com'],
    ip: '20.42.65.92',
    up: 52_000,
    down: 3_000,
    rttMs: 91,
  },
  {
    minute: 200,
    name: 'self.events.data.microsoft.com',
    cnames: ['self-events-data.trafficmanager.net', 'onedscolprdweu04.westeurope.cloudapp.azure.com'],
    ip: '13.69.109.130',
    up: 71_000,
    down: 5_000,
    rttMs: 9,
  },
  {
    minute: 330,
    name: 'watson.telemetry.microsoft.com',
    cnames: ['umwatsonc.events.data.microsoft.com', 'onedscolprdwus05.westus.cloudapp.azure.com'],
    ip: '20.189.173.1',
    up: 310_000,
    down: 2_000,
    rttMs: 148,
  },
  {
    minute: 470,
    name: 'self.events.data.microsoft.com',
    cnames: ['self-events-data.trafficmanager.net', 'onedscolprdweu04.westeurope.cloudapp.azure.com'],
    ip: '13.69.109.130',
    up: 58_000,
    down: 5_000,
    rttMs: 8,
  },
];

function filler(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

let dnsId = 0x2a00;
let port = 50_100;

function dnsLookup(sink: FrameSink, at: number, name: string, cnames: string[], ip: string): void {
  const id = dnsId++;
  const client = { ip: PC, port: port++ };
  const resolver = { ip: RESOLVER, port: 53 };
  sink(udpFrame(client, resolver, dnsQuery(id, name)), at);
  const answers: AnswerSpec[] = [];
  let owner = name;
  for (const c of cnames) {
    answers.push({ name: owner, type: TYPE_CNAME, ttl: 300, data: c });
    owner = c;
  }
  answers.push({ name: owner, type: TYPE_A, ttl: 60, data: ip });
  sink(udpFrame(resolver, client, dnsResponse(id, name, TYPE_A, answers)), at + 2_400);
}

function tlsVisit(sink: FrameSink, v: TlsVisit, seed: number): void {
  const at = DAY_START + v.minute * 60_000_000;
  dnsLookup(sink, at, v.name, v.cnames ?? [], v.ip);
  const hello = toRecords(
    buildClientHello({
      sni: v.name,
      alpn: ['h2', 'http/1.1'],
      versions: [0x0304, 0x0303],
      grease: v.pq === true,
      pqKeyShare: v.pq === true,
      ech: v.ech === true,
    }),
  );
  const c = new TcpConversation(sink, {
    client: { ip: PC, port: port++ },
    server: { ip: v.ip, port: 443 },
    startMicros: at + 5_000,
    rttMicros: v.rttMs * 1000,
  });
  c.handshake();
  c.clientSends(hello, v.pq === true ? [1_380, hello.length - 1_380] : undefined);
  c.serverSends(filler(4_200, seed));
  c.clientSends(filler(Math.max(200, v.up), seed + 1));
  c.serverSends(filler(Math.max(200, v.down), seed + 2));
  c.close();
}

/** Chrome reaching Google over HTTP/3: a QUIC Initial flight with the ClientHello split over two packets. */
function quicVisit(sink: FrameSink, minute: number): void {
  const at = DAY_START + minute * 60_000_000;
  const name = 'www.google.nl';
  const ip = '142.251.36.3';
  dnsLookup(sink, at, name, [], ip);
  const client = { ip: PC, port: port++ };
  const server = { ip, port: 443 };
  const hello = buildClientHello({ sni: name, alpn: ['h3'], versions: [0x0304], grease: true, pqKeyShare: true });
  const dcid = Buffer.from('5a0c11e7d0c1d2a3', 'hex');
  let t = at + 4_000;
  for (const packet of initialFlight(hello, dcid, { parts: 2, reverse: true })) {
    sink(udpFrame(client, server, packet), t);
    t += 150;
  }
  // The server's answers and the encrypted rest of the connection: opaque here.
  const bytes = filler(1_250, minute);
  for (let i = 0; i < 40; i++) {
    t += 700;
    sink(udpFrame(server, client, bytes), t);
    if (i % 4 === 0) sink(udpFrame(client, server, bytes.subarray(0, 60)), t + 90);
  }
}

/** The one finding: a PDF tool reporting usage over plain HTTP, with the user's e-mail and profile path. */
function plaintextTelemetry(sink: FrameSink, minute: number): void {
  const at = DAY_START + minute * 60_000_000;
  const name = 'stats.pdf-tools-cloud.com';
  const ip = '119.81.28.170';
  dnsLookup(sink, at, name, [], ip);
  const query =
    'app=pdfconvert&ver=8.2.1&evt=open&user=j.jansen%40gemeente-voorbeeld.nl' +
    '&file=C%3A%5CUsers%5Cjjansen%5CDocuments%5CRaadsvoorstel-2026.pdf&machineid=6f1c2b9e-4d3a-4f7b-9c21-8a5e0d7b3c44';
  const request = new TextEncoder().encode(
    `GET /v2/collect?${query} HTTP/1.1\r\nHost: ${name}\r\nUser-Agent: PDFConvert/8.2.1 (Windows NT 10.0)\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
  );
  const c = new TcpConversation(sink, {
    client: { ip: PC, port: port++ },
    server: { ip, port: 80 },
    startMicros: at + 5_000,
    rttMicros: 190_000,
  });
  c.handshake();
  c.clientSends(request);
  c.serverSends(new TextEncoder().encode('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'));
  c.close();
}

/** Every frame of the day, in capture order. */
export function adminPcWorkday(): [Uint8Array, number][] {
  dnsId = 0x2a00;
  port = 50_100;
  const frames: [Uint8Array, number][] = [];
  const sink: FrameSink = (frame, ts) => {
    frames.push([frame, ts]);
  };
  for (const [i, v] of VISITS.entries()) tlsVisit(sink, v, i + 1);
  quicVisit(sink, 27);
  quicVisit(sink, 410);
  plaintextTelemetry(sink, 186);
  frames.sort((a, b) => a[1] - b[1]);
  return frames;
}
