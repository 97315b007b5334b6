import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/enrich/catalog/load.js';
import type { Report } from '../../src/report/model.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writeMmdb } from '../../src/writer/mmdb-writer.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';
import { runCli, tempDir, writeScenario, writeTinyGeoip } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcap = join(dir, 'scenario.pcap');
writeScenario(pcap);

const geoDir = writeTinyGeoip(dir);

const base = ['audit', pcap, '--geoip-dir', geoDir, '--as-of', '2026-11-29'];
const env = { SOURCE_DATE_EPOCH: '1795910400' };

describe('outflow audit (end to end)', () => {
  const out = (ext: string) => join(dir, `report.${ext}`);
  const run = runCli(
    [...base, ...['json', 'csv', 'md', 'html', 'ndjson', 'txt'].flatMap((e) => ['-o', out(e)]), '--fail-on', 'never'],
    { env },
  );
  const report = JSON.parse(readFileSync(out('json'), 'utf8')) as Report;
  const group = (name: string) => report.destinations.find((d) => d.names.some((n) => n.name === name));

  it('writes every format in one run and exits 0 with --fail-on never', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/wrote .*report\.html \(html\)/);
    expect(report.schemaVersion).toBe('1.3.0');
    expect(report.metadata.generatedAt).toBe('2026-11-29T00:00:00.000Z');
  });

  it('judges the plaintext e-mail to Singapore high, with masked evidence', () => {
    const g = group('stats.example.org');
    expect(g?.country).toBe('SG');
    expect(g?.transfer).toBe('third-country');
    expect(g?.personalData).toBe('observed');
    expect(g?.risk).toBe('high');
    expect(g?.personalDataKinds).toEqual(expect.arrayContaining(['email', 'windows-profile-path']));
    const pii = report.evidence.filter((e) => g?.evidence.includes(e.id) && e.kind === 'pii');
    expect(pii.length).toBeGreaterThan(0);
    expect(JSON.stringify(pii)).not.toContain('j.jansen@example.nl');
    expect(report.summary.highestRisk).toBe('high');
  });

  it('records where each conclusion came from', () => {
    const g = group('telemetry.example.com');
    expect(g?.country).toBe('DE');
    expect(g?.transfer).toBe('eea');
    expect(g?.regionHints.join(' ')).toMatch(/westeurope/);
    const ev = report.evidence.filter((e) => g?.evidence.includes(e.id));
    expect(ev.map((e) => e.kind)).toEqual(expect.arrayContaining(['name', 'geo']));
    expect(ev.find((e) => e.kind === 'name')?.frame).toBeGreaterThan(0);
    expect(report.metadata.inputs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.metadata.databases.map((d) => d.file)).toEqual(
      expect.arrayContaining(['test-country.mmdb', 'test-asn.mmdb']),
    );
  });

  it('never lets a hostile name through raw', () => {
    const html = readFileSync(out('html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(readFileSync(out('txt'), 'utf8')).not.toContain('\x1b');
    for (const line of readFileSync(out('csv'), 'utf8').split('\r\n')) expect(line).not.toMatch(/(^|,)=HYPERLINK/);
  });

  it('exits 1 when a destination is at or above --fail-on, 0 below it', () => {
    expect(runCli([...base, '-f', 'json', '--fail-on', 'high', '-q'], { env }).status).toBe(1);
    const none = runCli(
      ['audit', join(dir, 'scenario.pcap'), '--geoip-dir', geoDir, '--internal', '25.0.0.0/8', '-q'],
      { env },
    );
    expect(none.status).toBe(0);
  });

  it('pseudonymizes clients with a keyed hash, and refuses without a key', () => {
    const key = { ...env, OUTFLOW_PSEUDONYM_KEY: 'correct horse battery staple' };
    const p = JSON.parse(
      runCli([...base, '-f', 'json', '--pseudonymize', '--fail-on', 'never', '-q'], { env: key }).stdout,
    ) as Report;
    expect(JSON.stringify(p)).not.toContain('192.168.10.23');
    expect(p.metadata.pseudonymized).toBe(true);
    const again = JSON.parse(
      runCli([...base, '-f', 'json', '--pseudonymize', '--fail-on', 'never', '-q'], { env: key }).stdout,
    ) as Report;
    expect(again.destinations[0]?.clients).toEqual(p.destinations[0]?.clients);
    expect(runCli([...base, '--pseudonymize'], { env }).status).toBe(2);
  });

  it('--timings splits the run into reading, enrichment, grouping, assessment and rendering', () => {
    const r = runCli([...base, '-q', '--timings', '--fail-on', 'never', '-o', join(dir, 'timed.json')], { env });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^outflow: timings: read \d+\.\d\d s, enrich \d+\.\d\d s, group \d+\.\d\d s, assess \d+\.\d\d s, render \d+\.\d\d s\n$/,
    );
  });

  it('a log that sums both directions (Cisco ASA teardown) leaves out/in unknown and says so', () => {
    const asa = join(dir, 'asa.log');
    writeFileSync(
      asa,
      [
        'Nov 02 2026 09:00:00: %ASA-6-302013: Built outbound TCP connection 7 for outside:25.0.0.30/443 (25.0.0.30/443) to inside:10.0.0.5/50200 (10.0.0.5/50200)',
        'Nov 02 2026 09:01:00: %ASA-6-302014: Teardown TCP connection 7 for outside:25.0.0.30/443 to inside:10.0.0.5/50200 duration 0:01:00 bytes 5000 TCP FINs',
      ].join('\n'),
    );
    const r = runCli(
      ['audit', asa, '--geoip-dir', geoDir, '--as-of', '2026-11-29', '-q', '-f', 'json', '--fail-on', 'never'],
      {
        env,
      },
    );
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    const g = rep.destinations.find((d) => d.ips.includes('25.0.0.30'));
    expect(g?.out.bytes).toBeNull();
    expect(g?.in.bytes).toBeNull();
    expect(rep.limitations.join('\n')).toContain(
      '1 flow(s) come from a log that counts only both directions together (Cisco ASA teardown: 5000 bytes in all)',
    );
  });

  it('exits 2 naming the key for a bad config', () => {
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ policy: { allowedCountries: ['NL', 'Germany'] } }));
    const r = runCli([...base, '--config', cfg]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('policy.allowedCountries[1]');
  });
});

describe('outflow audit: one flow to a Microsoft telemetry endpoint', () => {
  // One TLS flow to a name the shipped catalog knows (Windows diagnostic data), geolocated by a tiny database to
  // the US in Microsoft's AS 8075.
  const frames: { data: Uint8Array; tsMicros: number }[] = [];
  new TcpConversation((data, tsMicros) => frames.push({ data, tsMicros }), {
    client: { ip: '192.168.1.20', port: 50001 },
    server: { ip: '25.0.0.10', port: 443 },
    startMicros: 1_795_000_000_000_000,
    rttMicros: 20_000,
  })
    .handshake()
    .clientSends(toRecords(buildClientHello({ sni: 'v10.events.data.microsoft.com' })))
    .close();
  const file = join(dir, 'catalog-hit.pcap');
  writeFileSync(file, writePcap({ linkType: 1 }, frames));
  const usGeo = join(dir, 'us-geoip');
  mkdirSync(usGeo);
  const network = '25.0.0.0/24';
  const opts = { ipVersion: 6 as const, buildEpoch: 1_780_000_000 };
  writeFileSync(
    join(usGeo, 'country.mmdb'),
    writeMmdb([{ network, data: { country_code: 'US' } }], { ...opts, databaseType: 'test-country' }),
  );
  writeFileSync(
    join(usGeo, 'asn.mmdb'),
    writeMmdb(
      [{ network, data: { autonomous_system_number: 8075, autonomous_system_organization: 'MICROSOFT-CORP' } }],
      { ...opts, databaseType: 'test-asn' },
    ),
  );
  const audit = (asOf: string, name: string): Report => {
    const json = join(dir, `${name}.json`);
    const md = join(dir, `${name}.md`);
    const run = runCli(
      ['audit', file, '--geoip-dir', usGeo, '--as-of', asOf, '-o', json, '-o', md, '--fail-on', 'never'],
      {
        env,
      },
    );
    expect(run.status).toBe(0);
    for (const f of [json, md]) expect(readFileSync(f, 'utf8').includes(packageRoot()), f).toBe(false);
    return JSON.parse(readFileSync(json, 'utf8')) as Report;
  };

  it('names shipped catalog files relative to the package: a report holds no path of the machine it ran on', () => {
    const hit = audit('2026-11-29', 'catalog-hit');
    const rules = hit.evidence.filter((e) => e.kind === 'rule');
    expect(rules.length).toBe(1);
    expect(rules[0]?.file).toBe('data/catalog/microsoft.json');
    expect(hit.metadata.catalog.files.every((f) => f.startsWith('data/catalog/'))).toBe(true);
  });

  it("counts Microsoft's DPF statement from its date only", () => {
    const now = audit('2026-11-29', 'dpf-now').destinations[0];
    expect(now?.operator).toMatchObject({ name: 'Microsoft Corporation', dpfCertified: true, dpfAsOf: '2023-08-23' });
    expect(now?.transfer).toBe('adequate');
    expect(now?.reasons.join(' ')).toMatch(/certified under the EU-US Data Privacy Framework.*company statement/);
    const before = audit('2023-08-01', 'dpf-before').destinations[0];
    expect(before?.operator).toMatchObject({ dpfCertified: null, dpfAsOf: null });
    expect(before?.transfer).toBe('adequate-if-certified');
  });

  it('exits 2 for an --as-of day that does not exist', () => {
    const r = runCli(['audit', file, '--geoip-dir', usGeo, '--as-of', '2026-02-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--as-of must be a date/);
  });
});
