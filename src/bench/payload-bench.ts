/**
 * `npm run bench:payload`: what reading content costs. Generates a deterministic capture of TLS 1.3 and TLS 1.2
 * connections carrying HTTP/1.1 and HTTP/2 requests with bodies (the project's session builder, seeded) and its key
 * log, then times `flows` and `audit` without keys, with `--keylog`, and `requests --keylog`, on the same file in
 * the same run. Without keys the payload tap is never created: those runs are the baseline the main benchmark
 * (`npm run bench`) already guards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TcpConversation } from '../writer/conversation.js';
import { buildHttp2Connection } from '../writer/http2-frames-builder.js';
import { buildTlsSession } from '../writer/tls-session-builder.js';
import { measureBest } from './measure.js';
import { PcapWriterStream } from './payload-pcap-stream.js';

const CONNECTIONS = Number(process.env.OUTFLOW_PAYLOAD_BENCH_CONNECTIONS ?? 3000);
const REQUESTS_PER_CONNECTION = 8;
const BODY_BYTES = 6_000;
const RESPONSE_BYTES = 12_000;

function body(n: number, seed: number): Uint8Array {
  const events = [];
  for (let i = 0; events.join('\n').length < n; i++) {
    events.push(
      JSON.stringify({
        ver: '4.0',
        name: `Office.Event.${i}`,
        iKey: 'o:7c7b2f1e8e0a4c5d9b3a6f2e1d0c9b8a',
        ext: {
          device: { localId: `s:${(seed * 7919 + i).toString(16).padStart(8, '0')}-7B3D-4E8A-9F21-6C5D0B7A3E19` },
        },
        data: { n: i },
      }),
    );
  }
  return new Uint8Array(Buffer.from(events.join('\n').slice(0, n)));
}

function http1(seed: number): { out: Uint8Array[]; in: Uint8Array[] } {
  const out: Uint8Array[] = [];
  const inn: Uint8Array[] = [];
  for (let r = 0; r < REQUESTS_PER_CONNECTION; r++) {
    const b = body(BODY_BYTES, seed + r);
    out.push(
      Buffer.concat([
        Buffer.from(
          `POST /OneCollector/1.0/?r=${r} HTTP/1.1\r\nHost: self.events.data.microsoft.com\r\nContent-Type: application/x-json-stream\r\nContent-Length: ${b.length}\r\n\r\n`,
        ),
        b,
      ]),
    );
    inn.push(
      Buffer.concat([
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ${RESPONSE_BYTES}\r\n\r\n`,
        ),
        Buffer.alloc(RESPONSE_BYTES, 0x61),
      ]),
    );
  }
  return { out, in: inn };
}

function http2(seed: number): { out: Uint8Array[]; in: Uint8Array[] } {
  const streams = Array.from({ length: REQUESTS_PER_CONNECTION }, (_, r) => ({
    streamId: 1 + 2 * r,
    request: {
      headers: [
        [':method', 'POST'],
        [':scheme', 'https'],
        [':authority', 'region1.google-analytics.com'],
        [':path', `/g/collect?v=2&cid=${seed}.1761984000&r=${r}`],
      ] as [string, string][],
      body: body(BODY_BYTES, seed + r),
    },
    response: { headers: [[':status', '200']] as [string, string][], body: Buffer.alloc(RESPONSE_BYTES, 0x62) },
  }));
  const c = buildHttp2Connection(streams);
  return { out: [c.out], in: [c.in] };
}

async function main(): Promise<void> {
  // OUTFLOW_PAYLOAD_BENCH_DIR keeps the capture and key log there (for profiling), instead of a temporary folder.
  const keep = process.env.OUTFLOW_PAYLOAD_BENCH_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'outflow-payload-bench-'));
  const capture = join(dir, 'payload.pcap');
  const keys = join(dir, 'payload.keys');
  const writer = new PcapWriterStream(capture);
  const keyLog: string[] = [];
  const start = Date.UTC(2026, 10, 2, 8, 0, 0) * 1000;
  for (let i = 0; i < CONNECTIONS; i++) {
    const h2 = i % 2 === 1;
    const data = h2 ? http2(i) : http1(i);
    const session = buildTlsSession({
      version: i % 3 === 2 ? '1.2' : '1.3',
      cipherSuite: i % 3 === 2 ? 0xc02f : i % 3 === 1 ? 0x1303 : 0x1301,
      seed: i + 1,
      sni: h2 ? 'region1.google-analytics.com' : 'self.events.data.microsoft.com',
      alpn: [h2 ? 'h2' : 'http/1.1'],
      clientData: data.out,
      serverData: data.in,
    });
    keyLog.push(session.keyLog);
    const tcp = new TcpConversation((frame, ts) => writer.write(frame, ts), {
      client: { ip: `10.1.${(i >> 8) & 0xff}.${i & 0xff}`, port: 40_000 + (i % 20_000) },
      server: { ip: h2 ? '216.239.32.36' : '20.42.65.92', port: 443 },
      startMicros: start + i * 50_000,
      rttMicros: 20_000,
    });
    tcp.handshake();
    for (const f of session.flights) {
      if (f.from === 'client') tcp.clientSends(f.bytes);
      else tcp.serverSends(f.bytes);
    }
    tcp.close();
  }
  const size = await writer.close();
  writeFileSync(keys, keyLog.join(''));
  const cli = fileURLToPath(new URL('../../bin/outflow.js', import.meta.url));
  const mb = size / 1e6;
  process.stdout.write(
    `payload bench capture: ${mb.toFixed(0)} MB, ${CONNECTIONS} TLS connections, ${CONNECTIONS * REQUESTS_PER_CONNECTION} HTTP requests; fastest of 2 runs\n\n`,
  );
  if (process.env.OUTFLOW_PAYLOAD_BENCH_GENERATE_ONLY === '1') return;
  const runs: [string, string[]][] = [
    ['flows (no keys)', ['flows', capture, '-f', 'ndjson']],
    ['flows --keylog', ['flows', capture, '--keylog', keys, '-f', 'ndjson']],
    ['audit (no keys)', ['audit', capture, '-f', 'json', '--fail-on', 'never', '-q']],
    ['audit --keylog', ['audit', capture, '--keylog', keys, '-f', 'json', '--fail-on', 'never', '-q']],
    ['requests --keylog', ['requests', capture, '--keylog', keys, '-f', 'ndjson', '-q']],
  ];
  for (const [label, args] of runs) {
    const m = await measureBest(process.execPath, [cli, ...args], 2);
    const rate = m.seconds > 0 ? mb / m.seconds : 0;
    process.stdout.write(
      `${label.padEnd(22)} ${m.seconds.toFixed(2).padStart(7)} s ${rate.toFixed(0).padStart(6)} MB/s ${String(Math.round(m.peakRssMb ?? 0)).padStart(6)} MB${m.exitCode === 0 ? '' : `  exit ${m.exitCode}: ${m.stderrTail.split('\n')[0]}`}\n`,
    );
  }
  if (keep === undefined) rmSync(dir, { recursive: true, force: true });
}

await main();
