/**
 * The decryption sample: a few minutes of the same Dutch administration PC, captured with the browser's and
 * Office's TLS keys stored in the capture (a pcapng Decryption Secrets Block, as `editcap --inject-secrets`
 * writes it). Deterministic: the same bytes every time. It shows what outflow reads once it has keys:
 *   - Office telemetry (Microsoft 1DS, NDJSON over HTTP/1.1 in TLS 1.3) carrying the device and user ids and a
 *     document path with the user's name;
 *   - a Google Analytics 4 hit (HTTP/2 over TLS 1.2) from an intranet page, with a client id and a user id;
 *   - a Sentry crash report (HTTP/3 over QUIC) with the user's e-mail address;
 *   - a sign-in connection whose key is not in the capture: "not readable: no key".
 * Addresses are real public addresses of the operators named, so the shipped databases place them as they would.
 */
import { type FrameSink, TcpConversation, udpFrame } from '../writer/conversation.js';
import { type AnswerSpec, dnsQuery, dnsResponse, TYPE_A, TYPE_CNAME } from '../writer/dns-message-builder.js';
import { buildHttp2Connection } from '../writer/http2-frames-builder.js';
import { buildHttp3Connection } from '../writer/http3-frames-builder.js';
import { PcapngWriter } from '../writer/pcapng-writer.js';
import { buildQuicConnection, type QuicStreamSpec } from '../writer/quic-protected-builder.js';
import { buildTlsSession, type TlsSession } from '../writer/tls-session-builder.js';

const PC = '192.168.10.23';
const RESOLVER = '192.168.10.1';
const START = Date.UTC(2026, 10, 2, 9, 12, 0) * 1000; // 10:12 in Amsterdam (CET)
/** pcapng DSB secrets type for an NSS key log (TLSK). */
const SECRETS_TLS_KEY_LOG = 0x544c534b;

const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

let dnsId = 0x3b00;
let port = 51_200;

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

/** A TLS session's flights over one TCP connection, in exchange order. */
function tcpSession(sink: FrameSink, at: number, ip: string, session: TlsSession, rttMs: number): void {
  const tcp = new TcpConversation(sink, {
    client: { ip: PC, port: port++ },
    server: { ip, port: 443 },
    startMicros: at,
    rttMicros: rttMs * 1000,
  });
  tcp.handshake();
  for (const flight of session.flights) {
    if (flight.from === 'client') tcp.clientSends(flight.bytes);
    else tcp.serverSends(flight.bytes);
  }
  tcp.close();
}

/** Office's 1DS telemetry: two Common Schema events as NDJSON, as the Office client batches them. */
function officeTelemetry(): Uint8Array {
  const ext = {
    app: { name: 'WINWORD.EXE', ver: '16.0.18025.20104' },
    device: { localId: 's:4F1A9C2E-7B3D-4E8A-9F21-6C5D0B7A3E19', deviceClass: 'Windows.Desktop' },
    user: { localId: 'm:jan.devries@gemeente-voorbeeld.nl' },
    os: { name: 'Windows', ver: '10.0.26100.2314' },
  };
  const events = [
    {
      ver: '4.0',
      name: 'Office.Word.FileIO.Save',
      time: '2026-11-02T09:12:03.114Z',
      iKey: 'o:7c7b2f1e8e0a4c5d9b3a6f2e1d0c9b8a',
      ext,
      data: { DocumentPath: 'C:\\Users\\jan.devries\\Documents\\Begroting 2027 - concept.docx', Duration: 412 },
    },
    {
      ver: '4.0',
      name: 'Office.System.SessionEnd',
      time: '2026-11-02T09:12:04.002Z',
      iKey: 'o:7c7b2f1e8e0a4c5d9b3a6f2e1d0c9b8a',
      ext,
      data: { SessionLength: 3600 },
    },
  ];
  const body = events.map((e) => JSON.stringify(e)).join('\n');
  const head = [
    'POST /OneCollector/1.0/ HTTP/1.1',
    'Host: self.events.data.microsoft.com',
    'Content-Type: application/x-json-stream',
    'Client-Id: NO_AUTH',
    'SDK-Version: ACT-Office-Win32-C++-No-4.3.2',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    '',
  ].join('\r\n');
  return text(head + body);
}

function googleAnalytics(): { out: Uint8Array; in: Uint8Array } {
  const query =
    'v=2&tid=G-8XK4QZ2N7M&cid=1187463290.1761984000&uid=jdevries&sid=1762074723&en=page_view' +
    '&dl=https%3A%2F%2Fintranet.gemeente-voorbeeld.nl%2Fpersoneel%2Fjan.devries%2Fverlof';
  return buildHttp2Connection([
    {
      streamId: 1,
      request: {
        headers: [
          [':method', 'POST'],
          [':scheme', 'https'],
          [':authority', 'region1.google-analytics.com'],
          [':path', `/g/collect?${query}`],
          ['content-length', '0'],
          ['cookie', '_ga=GA1.1.1187463290.1761984000'],
        ],
      },
      response: { headers: [[':status', '204']] },
    },
  ]);
}

function sentryEnvelope(): Uint8Array {
  const event = {
    event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
    platform: 'javascript',
    level: 'error',
    message: 'TypeError: cannot read properties of undefined (reading "dossier")',
    user: { id: '20817', email: 'jan.devries@gemeente-voorbeeld.nl', ip_address: '{{auto}}' },
    request: { url: 'https://zaken.gemeente-voorbeeld.nl/dossiers/2026-04411' },
  };
  const payload = JSON.stringify(event);
  return text(
    [
      JSON.stringify({ event_id: event.event_id, sent_at: '2026-11-02T09:14:00.000Z' }),
      JSON.stringify({ type: 'event', length: Buffer.byteLength(payload) }),
      payload,
      '',
    ].join('\n'),
  );
}

/** The HTTP/3 request streams for the Sentry report, as QUIC stream specs. */
function sentryStreams(): QuicStreamSpec[] {
  const body = sentryEnvelope();
  const chunks = buildHttp3Connection([
    {
      streamId: 0,
      request: {
        headers: [
          [':method', 'POST'],
          [':scheme', 'https'],
          [':authority', 'o450612.ingest.sentry.io'],
          [':path', '/api/4506120/envelope/?sentry_key=7f3c2a1b9e8d4c6b&sentry_version=7'],
          ['content-type', 'application/x-sentry-envelope'],
        ],
        body,
      },
      response: { headers: [[':status', '200']], body: '{"id":"9ec79c33ec9942ab8353589fcb2e04dc"}' },
    },
  ]);
  const byStream = new Map<string, QuicStreamSpec>();
  for (const c of chunks) {
    const key = `${c.dir}/${c.streamId}`;
    const spec = byStream.get(key);
    if (spec === undefined) byStream.set(key, { id: c.streamId, dir: c.dir, data: c.data, fin: c.fin });
    else {
      spec.data = Buffer.concat([spec.data, c.data]);
      spec.fin = c.fin;
    }
  }
  return [...byStream.values()];
}

export interface DecryptedSample {
  bytes: Uint8Array;
  packets: number;
}

export function telemetryDecryptedPcapng(): DecryptedSample {
  const frames: [Uint8Array, number][] = [];
  const sink: FrameSink = (frame, ts) => frames.push([frame, ts]);
  const keyLogs: string[] = [];

  // Office telemetry: TLS 1.3, AES-128-GCM, HTTP/1.1.
  const office = buildTlsSession({
    version: '1.3',
    cipherSuite: 0x1301,
    seed: 11,
    sni: 'self.events.data.microsoft.com',
    alpn: ['http/1.1'],
    clientData: [officeTelemetry()],
    serverData: [text('HTTP/1.1 200 OK\r\nContent-Length: 9\r\nContent-Type: application/json\r\n\r\n{"acc":2}')],
  });
  keyLogs.push(office.keyLog);
  dnsLookup(sink, START, 'self.events.data.microsoft.com', ['self-events-data.trafficmanager.net'], '20.42.65.92');
  tcpSession(sink, START + 20_000, '20.42.65.92', office, 92);

  // Google Analytics 4: TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, HTTP/2.
  const ga = googleAnalytics();
  const analytics = buildTlsSession({
    version: '1.2',
    cipherSuite: 0xc02f,
    seed: 12,
    sni: 'region1.google-analytics.com',
    alpn: ['h2'],
    clientData: [ga.out],
    serverData: [ga.in],
  });
  keyLogs.push(analytics.keyLog);
  dnsLookup(sink, START + 60_000_000, 'region1.google-analytics.com', [], '216.239.32.36');
  tcpSession(sink, START + 60_020_000, '216.239.32.36', analytics, 11);

  // Sentry: QUIC v1 with HTTP/3.
  const sentry = buildQuicConnection({ seed: 13, sni: 'o450612.ingest.sentry.io', streams: sentryStreams() });
  keyLogs.push(sentry.keylog);
  dnsLookup(sink, START + 120_000_000, 'o450612.ingest.sentry.io', [], '34.120.195.249');
  const quicClient = { ip: PC, port: port++ };
  const quicServer = { ip: '34.120.195.249', port: 443 };
  let at = START + 120_020_000;
  for (const d of sentry.datagrams) {
    sink(d.dir === 'out' ? udpFrame(quicClient, quicServer, d.bytes) : udpFrame(quicServer, quicClient, d.bytes), at);
    at += d.dir === 'out' ? 400 : 95_000;
  }

  // Sign-in: a TLS 1.3 connection whose key the capture does not hold.
  const signIn = buildTlsSession({
    version: '1.3',
    cipherSuite: 0x1302,
    seed: 14,
    sni: 'login.microsoftonline.com',
    clientData: [
      text('POST /common/oauth2/v2.0/token HTTP/1.1\r\nHost: login.microsoftonline.com\r\nContent-Length: 0\r\n\r\n'),
    ],
    serverData: [text('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')],
  });
  dnsLookup(sink, START + 180_000_000, 'login.microsoftonline.com', ['login.mso.msidentity.com'], '40.126.32.134');
  tcpSession(sink, START + 180_020_000, '40.126.32.134', signIn, 9);

  frames.sort((a, b) => a[1] - b[1]);
  const writer = new PcapngWriter().section();
  writer.interface({ linkType: 1, name: 'Ethernet' });
  writer.dsb(SECRETS_TLS_KEY_LOG, text(keyLogs.join('')));
  for (const [data, ts] of frames) writer.epb(data, ts);
  return { bytes: writer.toBuffer(), packets: frames.length };
}
