/**
 * `outflow requests`, `flows --keylog` and `audit` with keys, end to end on the real CLI: captures the project's
 * writers build (TLS 1.3/1.2 sessions, QUIC with HTTP/3, keys in a key log file or in a pcapng secrets block)
 * and HAR files written here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/payload/request-record.js';
import { telemetryDecryptedPcapng } from '../../src/samples/telemetry-decrypted.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { buildTlsSession } from '../../src/writer/tls-session-builder.js';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const sample = join(tmp.dir, 'telemetry.pcapng');
writeFileSync(sample, telemetryDecryptedPcapng().bytes);

const ndjson = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

/** One TLS 1.3 connection carrying an HTTP/1.1 POST with an e-mail address, as a pcap and a key log file. */
function tlsCapture(): { pcap: string; keys: string } {
  const body = 'user=jan.devries%40gemeente-voorbeeld.nl&event=open';
  const session = buildTlsSession({
    version: '1.3',
    cipherSuite: 0x1303,
    seed: 5,
    sni: 'collector.vendor-x.example',
    clientData: [
      new Uint8Array(
        Buffer.from(
          `POST /v1/collect?uid=42 HTTP/1.1\r\nHost: collector.vendor-x.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        ),
      ),
    ],
    serverData: [new Uint8Array(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'))],
  });
  const frames: { data: Uint8Array; tsMicros: number }[] = [];
  const tcp = new TcpConversation((data, tsMicros) => frames.push({ data, tsMicros }), {
    client: { ip: '192.168.10.23', port: 50123 },
    server: { ip: '34.117.59.81', port: 443 },
    startMicros: Date.UTC(2026, 10, 2, 9, 0, 0) * 1000,
    rttMicros: 90_000,
    mss: 100, // the ClientHello and the request span several segments
  });
  tcp.handshake();
  for (const f of session.flights) {
    if (f.from === 'client') tcp.clientSends(f.bytes);
    else tcp.serverSends(f.bytes);
  }
  tcp.close();
  const pcap = join(tmp.dir, 'tls13.pcap');
  const keys = join(tmp.dir, 'tls13.keys');
  writeFileSync(pcap, writePcap({ linkType: 1 }, frames));
  writeFileSync(keys, `# written by the test\n${session.keyLog}not a key line\n`);
  return { pcap, keys };
}

describe('outflow requests', () => {
  it('reads HTTP/1.1, HTTP/2 and HTTP/3 requests with the keys inside a pcapng, values masked', () => {
    const r = runCli(['requests', sample, '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const requests = ndjson<RequestRecord>(r.stdout);
    expect(requests.map((q) => [q.httpVersion, q.method, q.host])).toEqual([
      ['1.1', 'POST', 'self.events.data.microsoft.com'],
      ['2', 'POST', 'region1.google-analytics.com'],
      ['3', 'POST', 'o450612.ingest.sentry.io'],
    ]);
    const [office, ga, sentry] = requests;
    expect(office?.findings.map((f) => f.field)).toContain('body[0].ext.device.localId');
    expect(office?.findings.some((f) => f.kind === 'windows-profile-path')).toBe(true);
    expect(ga?.path).toContain('uid=j***s');
    expect(ga?.findings.some((f) => f.field === 'query cid' && f.kind === 'identifier')).toBe(true);
    expect(sentry?.findings.some((f) => f.kind === 'email')).toBe(true);
    expect(r.stdout).not.toContain('jan.devries@');
    expect(office?.source).toEqual({ file: sample, frame: expect.any(Number) });
  });

  it('shows values with --show-values', () => {
    const r = runCli(['requests', sample, '-f', 'ndjson', '--show-values']);
    expect(r.stdout).toContain('jan.devries@gemeente-voorbeeld.nl');
    expect(r.stdout).toContain('uid=jdevries');
  });

  it('decrypts with --keylog, reports bad key log lines without failing, and reads nothing without keys', () => {
    const { pcap, keys } = tlsCapture();
    const withKeys = runCli(['requests', pcap, '--keylog', keys, '-f', 'ndjson', '--show-values']);
    expect(withKeys.status, withKeys.stderr).toBe(0);
    expect(withKeys.stderr).toMatch(/1 key log lines? skipped/);
    const [request] = ndjson<RequestRecord>(withKeys.stdout);
    expect(request).toMatchObject({
      transport: 'tls',
      server: '34.117.59.81',
      serverPort: 443,
      method: 'POST',
      host: 'collector.vendor-x.example',
      path: '/v1/collect?uid=42',
      status: 204,
    });
    expect(request?.findings.some((f) => f.kind === 'email' && f.field.includes('user'))).toBe(true);
    const without = runCli(['requests', pcap, '-f', 'ndjson']);
    expect(without.status).toBe(0);
    expect(without.stdout).toBe('');
  });

  it('refuses a key log it cannot read with exit 2', () => {
    const r = runCli(['requests', sample, '--keylog', join(tmp.dir, 'missing.keys')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing\.keys: cannot read the key log/);
  });

  it('reads HAR files by content and refuses a broken one with exit 2', () => {
    const har = join(tmp.dir, 'session.json');
    writeFileSync(
      har,
      `\uFEFF${JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'test', version: '1' },
          entries: [
            {
              startedDateTime: '2026-11-02T09:00:00.000Z',
              serverIPAddress: '142.250.179.206',
              request: {
                method: 'GET',
                url: 'https://www.google-analytics.com/collect?v=1&cid=555.1761984000&dl=https%3A%2F%2Fexample.nl',
                httpVersion: 'HTTP/1.1',
                headers: [],
                cookies: [],
                headersSize: -1,
                bodySize: 0,
              },
              response: { status: 200, headers: [], content: { size: 0, mimeType: 'image/gif' }, bodySize: 0 },
            },
          ],
        },
      })}`,
    );
    const r = runCli(['requests', har, '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const [entry] = ndjson<RequestRecord>(r.stdout);
    expect(entry).toMatchObject({ proto: 'har', server: '142.250.179.206', serverPort: 443, method: 'GET' });
    expect(entry?.source).toEqual({ file: har, entry: 0 });
    const broken = join(tmp.dir, 'broken.har');
    writeFileSync(broken, '{"log": {"entries": [ {"request": ');
    const b = runCli(['requests', broken, '-f', 'ndjson']);
    // Cut after the entries began: it is a HAR file, damaged; what was read is kept (nothing here) and the cut
    // entry is counted. Exit 2 is for an input that is no HAR at all (the file that is not JSON, below).
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe('');
    expect(b.stderr).toMatch(/0 requests from 1 inputs, 1 HAR entries skipped/);
    const notJson = join(tmp.dir, 'not.har');
    writeFileSync(notJson, 'this is not a HAR file\n');
    expect(runCli(['requests', notJson]).status).toBe(2);
  });
});

describe('flows and audit with keys', () => {
  it('flows --keylog adds decrypted bytes per direction, 0 where nothing was decrypted', () => {
    const { pcap, keys } = tlsCapture();
    const r = runCli(['flows', pcap, '--keylog', keys, '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const [flow] = ndjson<{ decrypted: { bytesOut: number; bytesIn: number }; content: { status: string } }>(r.stdout);
    expect(flow?.content.status).toBe('decrypted');
    expect(flow?.decrypted.bytesOut).toBeGreaterThan(100);
    expect(flow?.decrypted.bytesIn).toBe('HTTP/1.1 204 No Content\r\n\r\n'.length);
    const plain = runCli(['flows', pcap, '-f', 'ndjson']);
    expect(plain.stdout).not.toContain('"decrypted"');
  });

  it('the audit says what was read, what was found and what was not readable', () => {
    const out = join(tmp.dir, 'report.json');
    const r = runCli(['audit', sample, '--vantage', 'NL', '--fail-on', 'never', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      schemaVersion: string;
      destinations: {
        names: { name: string }[];
        personalData: string;
        personalDataKinds: string[];
        content?: { outcome: string; decrypted: number; notReadable: { reason: string }[] };
        reasons: string[];
      }[];
    };
    expect(report.schemaVersion).toBe('1.3.0');
    const byName = (n: string) => report.destinations.find((d) => d.names.some((x) => x.name === n));
    const office = byName('self.events.data.microsoft.com');
    expect(office?.content).toMatchObject({ outcome: 'found', decrypted: 1 });
    expect(office?.personalData).toBe('observed');
    expect(office?.personalDataKinds).toContain('identifier');
    expect(office?.reasons.some((x) => x.startsWith('Content read for 1 of 1 flow'))).toBe(true);
    const signIn = byName('login.microsoftonline.com');
    expect(signIn?.content?.outcome).toBe('not-readable');
    expect(signIn?.content?.notReadable[0]?.reason).toBe('no-key');
    expect(signIn?.personalData).not.toBe('observed');
  });

  it('a HAR entry without serverIPAddress is a destination whose country is unknown, not a local one', () => {
    const har = join(tmp.dir, 'no-address.har');
    writeFileSync(
      har,
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'test', version: '1' },
          entries: [
            {
              startedDateTime: '2026-11-02T09:00:00.000Z',
              request: {
                method: 'POST',
                url: 'https://o1.ingest.sentry.io/api/1/store/',
                httpVersion: 'h2',
                headers: [{ name: 'content-type', value: 'application/json' }],
                cookies: [],
                postData: { mimeType: 'application/json', text: '{"user":{"email":"jan@gemeente-voorbeeld.nl"}}' },
                headersSize: -1,
                bodySize: 46,
              },
              response: { status: 200, headers: [], content: { size: 0, mimeType: '' }, bodySize: 0 },
            },
          ],
        },
      }),
    );
    const out = join(tmp.dir, 'har-report.json');
    const r = runCli(['audit', har, '--fail-on', 'never', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const [d] = (JSON.parse(readFileSync(out, 'utf8')) as { destinations: Record<string, unknown>[] }).destinations;
    expect(d).toMatchObject({ scope: 'public', country: null, transfer: 'unknown', personalData: 'observed' });
    expect(d?.ips).toEqual([]);
    const reasons = (d?.reasons ?? []) as string[];
    expect(reasons.some((x) => x.includes('did not record the server address'))).toBe(true);
  });
});
