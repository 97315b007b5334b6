/**
 * Issue #16: who receives the data is the recipient, not the landlord. A plain-HTTP request carrying an e-mail
 * address and a user's file path to telemetry.vendor-x.example, served from a Google Cloud address in the US:
 * Google (the host) is DPF-certified, vendor-x (the recipient, who rents the machine) is not known to be. Before
 * the fix the report said "adequate", risk medium, because it judged the host.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writeMmdb } from '../../src/writer/mmdb-writer.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PC, runCli, T0, tempDir } from './helpers.js';

/** A Google Cloud us-central1 address (cloud.json): the cloud-region lookup agrees with the test database. */
const SERVER = '23.236.48.7';
const { dir, cleanup } = tempDir();
afterAll(cleanup);

function writeCapture(path: string): void {
  const frames: { data: Uint8Array; tsMicros: number }[] = [];
  const http = new TcpConversation((data, tsMicros) => frames.push({ data, tsMicros }), {
    client: { ip: PC, port: 51000 },
    server: { ip: SERVER, port: 80 },
    startMicros: T0,
    rttMicros: 110_000,
  });
  http
    .handshake()
    .clientSends(
      new TextEncoder().encode(
        'GET /v1/collect?uid=jan.jansen%40gemeente-voorbeeld.nl&doc=C%3A%5CUsers%5Cjjansen%5CDocuments%5Cbrief.docx HTTP/1.1\r\nHost: telemetry.vendor-x.example\r\n\r\n',
      ),
    )
    .serverSends(new TextEncoder().encode('HTTP/1.1 204 No Content\r\n\r\n'))
    .close();
  writeFileSync(path, writePcap({ linkType: 1 }, frames));
}

/** A Google Cloud address (AS396982) in the US: made-up answers from the project's own MMDB writer. */
function writeGeo(): string {
  const geoDir = join(dir, 'geo');
  mkdirSync(geoDir, { recursive: true });
  const meta = { ipVersion: 6 as const, buildEpoch: 1_780_000_000 };
  writeFileSync(
    join(geoDir, 'test-country.mmdb'),
    writeMmdb(
      [{ network: `${SERVER}/32`, data: { country: { iso_code: 'US' }, registered_country: { iso_code: 'US' } } }],
      { ...meta, databaseType: 'GeoLite2-Country' },
    ),
  );
  writeFileSync(
    join(geoDir, 'test-asn.mmdb'),
    writeMmdb(
      [
        {
          network: `${SERVER}/32`,
          data: { autonomous_system_number: 396982, autonomous_system_organization: 'GOOGLE-CLOUD-PLATFORM' },
        },
      ],
      { ...meta, databaseType: 'GeoLite2-ASN' },
    ),
  );
  return geoDir;
}

const pcap = join(dir, 'vendor-x.pcap');
writeCapture(pcap);
const geoDir = writeGeo();
const base = ['audit', pcap, '--geoip-dir', geoDir, '--as-of', '2026-11-29', '--fail-on', 'never'];
const env = { SOURCE_DATE_EPOCH: '1795910400' };

function audit(extra: string[], name: string): { report: Report; text: Record<string, string> } {
  const out = (ext: string) => join(dir, `${name}.${ext}`);
  const exts = ['json', 'csv', 'md', 'html', 'ndjson', 'txt'];
  const run = runCli([...base, ...extra, ...exts.flatMap((e) => ['-o', out(e)])], { env });
  expect(run.status, run.stderr).toBe(0);
  const text = Object.fromEntries(exts.map((e) => [e, readFileSync(out(e), 'utf8')]));
  return { report: JSON.parse(text.json ?? '') as Report, text };
}

describe('recipient, not landlord (issue #16)', () => {
  const { report, text } = audit([], 'rely');
  const g = report.destinations.find((d) => d.names.some((n) => n.name === 'telemetry.vendor-x.example'));

  it('names the unknown recipient beside the certified host, and judges the transfer on the recipient', () => {
    expect(g?.country).toBe('US');
    expect(g?.operator).toMatchObject({ name: 'Alphabet Inc. (Google LLC)', asn: 396982, dpfCertified: true });
    expect(g?.recipient).toMatchObject({
      name: null,
      domain: 'vendor-x.example',
      basis: 'unknown',
      strength: 'weak',
      dpfCertified: null,
    });
    expect(g?.transfer).toBe('adequate-if-certified');
    expect(g?.reasons).toContain(
      "The host Alphabet Inc. (Google LLC) is certified under the EU-US Data Privacy Framework, which covers its own processing, not its tenants': it does not make the transfer to vendor-x.example (owner unknown) adequate",
    );
    const ev = report.evidence.filter((e) => g?.evidence.includes(e.id) && e.kind === 'recipient');
    expect(ev).toHaveLength(1);
    expect(ev[0]?.summary).toContain('hosted by Alphabet Inc. (Google LLC) (AS396982), server in US');
  });

  it('rates personal data sent in plaintext high', () => {
    expect(g?.personalData).toBe('observed');
    expect(g?.personalDataKinds).toEqual(expect.arrayContaining(['email', 'windows-profile-path']));
    expect(g?.risk).toBe('high');
    expect(g?.reasons.join('\n')).toMatch(/sent in plaintext \(no TLS\)/);
  });

  it('shows recipient and host side by side in every format', () => {
    const both = /vendor-x\.example \(owner unknown\)[\s\S]{0,80}Alphabet Inc\. \(Google LLC\)/;
    expect(text.md).toContain(
      'Recipient: vendor-x.example \\(owner unknown\\) · hosted by Alphabet Inc. \\(Google LLC\\) \\(US\\)',
    );
    expect(text.html).toContain(
      'Recipient: vendor-x.example (owner unknown) · hosted by Alphabet Inc. (Google LLC) (US)',
    );
    // The terminal table wraps cells over lines: the row holds the domain, "(owner unknown)" and the host, whose
    // lines read in order down one column.
    expect(text.txt).toContain('(owner unknown)');
    const rows = (text.txt ?? '').split('\n').filter((l) => l.startsWith('│'));
    const columns = (rows[0]?.split('│') ?? []).map((_, i) => rows.map((r) => r.split('│')[i]?.trim()).join(' '));
    expect(columns.some((c) => /host: Alphabet Inc\. \(Google LLC\)/.test(c))).toBe(true);
    expect(text.csv).toMatch(/Alphabet Inc\. \(Google LLC\)[^\n]*vendor-x\.example,unknown,weak/);
    expect(text.ndjson).toMatch(both);
    expect(text.json).toMatch(both);
  });

  it('--dpf ignore judges US recipients as third country and says so', () => {
    const ignored = audit(['--dpf', 'ignore'], 'ignore').report;
    const h = ignored.destinations.find((d) => d.names.some((n) => n.name === 'telemetry.vendor-x.example'));
    expect(h?.transfer).toBe('third-country');
    expect(h?.risk).toBe('high');
    expect(h?.reasons[0]).toMatch(/--dpf ignore/);
    expect(ignored.metadata.options.dpf).toBe('ignore');
    expect(ignored.limitations.join('\n')).toMatch(/--dpf ignore.*C-703\/25 P/);
    expect(report.metadata.options.dpf).toBe('rely');
  });
});
