import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { runCli, tempDir, writeScenario } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcap = join(dir, 'scenario.pcap');
writeScenario(pcap);

const parse = (out: string): FlowRecord[] =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FlowRecord);

describe('outflow flows (end to end)', () => {
  const r = runCli(['flows', pcap, '--format', 'ndjson']);
  const flows = parse(r.stdout);
  const byPort = (p: number) => flows.find((f) => f.clientPort === p);

  it('exits 0 and summarises on stderr', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 input\(s\), \d+ packets, [\d.]+ MB, 5 flows/);
  });

  it('names a TLS flow from a ClientHello split over two segments, plus its DNS name and CNAME chain', () => {
    const f = byPort(50001);
    expect(f?.names.map((n) => `${n.via}:${n.name}`)).toEqual([
      'sni:telemetry.example.com',
      'dns:telemetry.example.com',
    ]);
    expect(f?.names[1]?.cnameChain).toEqual(['telemetry.example.com', 'edge.westeurope.example.net']);
    expect(f?.alpn).toEqual(['h2']);
    expect(f?.tlsVersions).toEqual(['1.3']);
    expect(f?.rttMs).toBeCloseTo(20.03, 1);
    expect(f?.endReason).toBe('fin');
  });

  it('names HTTP and QUIC flows', () => {
    expect(byPort(50002)?.names[0]).toMatchObject({ name: 'stats.example.org', via: 'http-host' });
    expect(byPort(50002)?.http).toEqual({ method: 'GET', path: '/collect' });
    expect(byPort(50003)?.names[0]).toMatchObject({ name: 'quic.example.net', via: 'quic-sni' });
  });

  it('escapes and flags a hostile SNI instead of passing it on', () => {
    const n = byPort(50004)?.names[0];
    expect(n?.suspicious).toBeDefined();
    expect([...(n?.name ?? '')].some((c) => c.charCodeAt(0) < 0x20 || '<>"'.includes(c))).toBe(false);
    expect(r.stdout).not.toContain('\x1b');
  });

  it('reads the same flows from gzip and from stdin', () => {
    const gz = join(dir, 'scenario.bin');
    writeFileSync(gz, gzipSync(readFileSync(pcap)));
    const fromGzip = parse(runCli(['flows', gz, '-f', 'ndjson', '-q']).stdout);
    const fromStdin = parse(runCli(['flows', '-', '-f', 'ndjson', '-q'], { input: readFileSync(pcap) }).stdout);
    const strip = (fs: FlowRecord[]) => fs.map(({ source, ...rest }) => rest);
    expect(strip(fromGzip)).toEqual(strip(flows));
    expect(strip(fromStdin)).toEqual(strip(flows));
  });

  it('writes CSV with a header and one row per flow', () => {
    const csv = runCli(['flows', pcap, '-f', 'csv', '-q']).stdout.trim().split('\r\n');
    expect(csv[0]).toMatch(/^proto,client,clientPort,server/);
    expect(csv).toHaveLength(flows.length + 1);
    expect(csv.join('\n')).not.toMatch(/,=HYPERLINK/);
  });

  it('exits 2 with one line for unusable input', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a capture\n');
    const bad = runCli(['flows', text]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^outflow: /);
    const missing = runCli(['flows', join(dir, 'nope.pcap')]);
    expect(missing.status).toBe(2);
    expect(runCli(['flows', pcap, '--format', 'xml']).status).toBe(2);
  });

  it('keeps what it read from a truncated capture and reports the damage', () => {
    const cut = join(dir, 'cut.pcap');
    const whole = readFileSync(pcap);
    writeFileSync(cut, whole.subarray(0, whole.length - 37));
    const stats = join(dir, 'stats.json');
    const t = runCli(['flows', cut, '-f', 'ndjson', '--stats', stats]);
    expect(t.status).toBe(0);
    expect(parse(t.stdout).length).toBeGreaterThan(0);
    expect(t.stderr).toMatch(/truncated-record: 1/);
    const s = JSON.parse(readFileSync(stats, 'utf8')) as { skipped: { reason: string; count: number }[] };
    expect(s.skipped.find((e) => e.reason === 'truncated-record')?.count).toBe(1);
  });
});
