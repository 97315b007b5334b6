/** Shared helpers for end-to-end tests: build captures with the project's writers, run the real CLI. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FrameSink, TcpConversation, udpFrame } from '../../src/writer/conversation.js';
import { dnsQuery, dnsResponse, TYPE_A, TYPE_CNAME } from '../../src/writer/dns-message-builder.js';
import { writeMmdb } from '../../src/writer/mmdb-writer.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { initialFlight } from '../../src/writer/quic-initial-builder.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = join(repoRoot, 'bin', 'outflow.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { input?: Buffer; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    maxBuffer: 1 << 28,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PC = '192.168.10.23';
export const RESOLVER = '192.168.10.1';
export const T0 = Date.UTC(2026, 10, 2, 8, 0, 0) * 1000;

/** A small scenario with every naming path: DNS + CNAME, split TLS ClientHello, HTTP, QUIC, a hostile SNI. */
export function scenarioFrames(): [Uint8Array, number][] {
  const frames: [Uint8Array, number][] = [];
  const sink: FrameSink = (f, ts) => {
    frames.push([f, ts]);
  };
  const resolver = { ip: RESOLVER, port: 53 };
  const dnsClient = { ip: PC, port: 53001 };
  sink(udpFrame(dnsClient, resolver, dnsQuery(7, 'telemetry.example.com')), T0);
  sink(
    udpFrame(
      resolver,
      dnsClient,
      dnsResponse(7, 'telemetry.example.com', TYPE_A, [
        { name: 'telemetry.example.com', type: TYPE_CNAME, ttl: 300, data: 'edge.westeurope.example.net' },
        { name: 'edge.westeurope.example.net', type: TYPE_A, ttl: 60, data: '25.0.0.10' },
      ]),
    ),
    T0 + 2000,
  );
  // 25.0.0.0/8 is public space; the tests geolocate it with tiny databases of their own (no real data).
  const tls = new TcpConversation(sink, {
    client: { ip: PC, port: 50001 },
    server: { ip: '25.0.0.10', port: 443 },
    startMicros: T0 + 10_000,
    rttMicros: 20_000,
  });
  const hello = toRecords(
    buildClientHello({ sni: 'telemetry.example.com', alpn: ['h2'], versions: [0x0304], pqKeyShare: true }),
  );
  tls
    .handshake()
    .clientSends(hello, [700, hello.length - 700])
    .serverSends(new Uint8Array(3000))
    .close();
  const http = new TcpConversation(sink, {
    client: { ip: PC, port: 50002 },
    server: { ip: '25.0.0.20', port: 80 },
    startMicros: T0 + 500_000,
    rttMicros: 150_000,
  });
  http
    .handshake()
    .clientSends(
      new TextEncoder().encode(
        'GET /collect?email=j.jansen%40example.nl&dir=C%3A%5CUsers%5Cjjansen%5CDesktop HTTP/1.1\r\nHost: stats.example.org\r\n\r\n',
      ),
    )
    .serverSends(new TextEncoder().encode('HTTP/1.1 204 No Content\r\n\r\n'))
    .close();
  let t = T0 + 1_000_000;
  for (const p of initialFlight(
    buildClientHello({ sni: 'quic.example.net', alpn: ['h3'], versions: [0x0304] }),
    Buffer.from('0102030405060708', 'hex'),
    { parts: 2, reverse: true },
  )) {
    t += 100;
    sink(udpFrame({ ip: PC, port: 50003 }, { ip: '25.0.0.30', port: 443 }, p), t);
  }
  const hostile = new TcpConversation(sink, {
    client: { ip: PC, port: 50004 },
    server: { ip: '25.0.0.40', port: 443 },
    startMicros: T0 + 2_000_000,
    rttMicros: 30_000,
  });
  hostile
    .handshake()
    .clientSends(toRecords(buildClientHello({ sni: '\x1b[2J<script>alert(1)</script>=HYPERLINK("http://x")' })))
    .close();
  frames.sort((a, b) => a[1] - b[1]);
  return frames;
}

export function writeScenario(path: string): void {
  writeFileSync(
    path,
    writePcap(
      { linkType: 1 },
      scenarioFrames().map(([data, tsMicros]) => ({ data, tsMicros })),
    ),
  );
}

/**
 * Tiny GeoIP databases with known answers (no real data): the scenario's servers 25.0.0.10/20/30/40/50 in DE, SG,
 * US, NL and US, all in a made-up AS 64500. Returns the directory to pass as --geoip-dir.
 */
export function writeTinyGeoip(dir: string): string {
  const geoDir = join(dir, 'geo');
  mkdirSync(geoDir, { recursive: true });
  const meta = { ipVersion: 6 as const, buildEpoch: 1_780_000_000 };
  const country = (iso: string) => ({ country: { iso_code: iso }, registered_country: { iso_code: iso } });
  const countries: [string, string][] = [
    ['25.0.0.10/32', 'DE'],
    ['25.0.0.20/32', 'SG'],
    ['25.0.0.30/32', 'US'],
    ['25.0.0.40/32', 'NL'],
    ['25.0.0.50/32', 'US'],
  ];
  writeFileSync(
    join(geoDir, 'test-country.mmdb'),
    writeMmdb(
      countries.map(([network, iso]) => ({ network, data: country(iso) })),
      { ...meta, databaseType: 'GeoLite2-Country' },
    ),
  );
  writeFileSync(
    join(geoDir, 'test-asn.mmdb'),
    writeMmdb(
      [
        {
          network: '25.0.0.0/24',
          data: { autonomous_system_number: 64500, autonomous_system_organization: 'Example Transit' },
        },
      ],
      { ...meta, databaseType: 'GeoLite2-ASN' },
    ),
  );
  return geoDir;
}
