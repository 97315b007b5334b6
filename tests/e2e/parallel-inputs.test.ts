/**
 * Worker threads change nothing but speed: `--jobs 3` must print the same bytes as `--jobs 1` for flows,
 * statistics and the audit report, over a mix of captures (pcap, gzip'd, cut short) and a log between them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateWindowsFirewallLog,
  WINDOWS_FIREWALL_HEADER,
} from '../../src/ingest/logs/testing/generate-windows-firewall.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { runCli, scenarioFrames, tempDir, writeTinyGeoip } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** The scenario shifted by `seconds` and with the client's ports moved, so each file has its own flows. */
function scenarioPcap(seconds: number): Buffer {
  return writePcap(
    { linkType: 1 },
    scenarioFrames().map(([data, tsMicros]) => ({ data, tsMicros: tsMicros + seconds * 1_000_000 })),
  );
}

const whole = scenarioPcap(0);
const files = {
  a: join(dir, 'a.pcap'),
  b: join(dir, 'b.pcap.gz'),
  log: join(dir, 'pfirewall.log'),
  cut: join(dir, 'cut.pcap'),
  c: join(dir, 'c.pcap'),
};
writeFileSync(files.a, whole);
writeFileSync(files.b, gzipSync(scenarioPcap(60)));
writeFileSync(files.log, generateWindowsFirewallLog(300, 7));
// Cut in the middle of a packet record: the reader counts the damage, the flows before it stay.
writeFileSync(files.cut, scenarioPcap(120).subarray(0, Math.floor(whole.length * 0.6)));
writeFileSync(files.c, scenarioPcap(180));
// Logs read in workers too; their records are joined on the main thread: a DNS log names another log's flows,
// a Cisco ASA log without a year needs the run's "now", and one line is garbage.
const fw = join(dir, 'fw-small.log');
writeFileSync(
  fw,
  `${WINDOWS_FIREWALL_HEADER}2026-11-02 09:00:05 ALLOW TCP 192.168.1.20 192.0.2.10 50100 443 0 - - - - - - - SEND 4242\r\n` +
    'this is not a firewall line\r\n',
);
const dnsLog = join(dir, 'dnsmasq.log');
writeFileSync(dnsLog, 'Nov  2 09:00:01 pi dnsmasq[1]: reply telemetry.example.com is 192.0.2.10\n');
const asa = join(dir, 'asa.log');
writeFileSync(
  asa,
  'Nov 02 09:00:00: %ASA-6-302013: Built outbound TCP connection 7 for outside:192.0.2.20/443 (192.0.2.20/443) to inside:10.0.0.5/50200 (10.0.0.5/50200)\n',
);
const inputs = [files.a, fw, files.b, files.log, dnsLog, files.cut, asa, files.c];
const geo = writeTinyGeoip(dir);
const env = { SOURCE_DATE_EPOCH: '1795910400' };

function flows(jobs: number): { stdout: string; stats: unknown; status: number | null } {
  const statsFile = join(dir, `stats-${jobs}.json`);
  const r = runCli([
    'flows',
    '-q',
    '-f',
    'ndjson',
    '--timezone',
    'UTC',
    '--jobs',
    String(jobs),
    '--stats',
    statsFile,
    ...inputs,
  ]);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Record<string, unknown>;
  delete stats.seconds;
  return { stdout: r.stdout, stats, status: r.status };
}

/** `audit -f json` of `paths` with `jobs` workers (fixed report time, tiny GeoIP databases). */
function audit(jobs: number, paths: string[]): { stdout: string; status: number | null } {
  const args = ['audit', '-q', '-f', 'json', '--fail-on', 'never', '--timezone', 'UTC', '--geoip-dir', geo];
  return runCli([...args, '--as-of', '2026-11-29', '--jobs', String(jobs), ...paths], { env });
}

describe('worker threads (--jobs) give the same results as one thread', () => {
  it('flows: the same NDJSON bytes and the same statistics (inputs, skipped with their examples)', () => {
    const one = flows(1);
    const three = flows(3);
    expect(one.status).toBe(0);
    expect(three.status).toBe(0);
    expect(one.stdout.split('\n').length).toBeGreaterThan(300);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stats).toEqual(one.stats);
    // The cut capture's damage is counted, with where it was found; so is the garbage log line.
    expect(JSON.stringify(one.stats)).toContain('cut.pcap');
    expect(JSON.stringify(one.stats)).toContain('fw-small.log');
    // The firewall flow is named from the other log (joined on the main thread after the workers parsed both).
    const named = one.stdout.split('\n').find((l) => l.includes('"clientPort":50100'));
    expect(named).toContain('telemetry.example.com');
    expect(one.stdout).toContain('"clientPort":50200');
  });

  it('audit: the same JSON report', () => {
    const one = audit(1, inputs);
    expect(one.status).toBe(0);
    expect(audit(3, inputs).stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).metadata.inputs).toHaveLength(inputs.length);
  });

  it('audit of one capture read in a worker (enrichment overlapping the reading): the same report', () => {
    const one = audit(1, [files.b]);
    expect(one.status).toBe(0);
    expect(audit(2, [files.b]).stdout).toBe(one.stdout);
  });

  it('an unusable input stops the run at the same place with the same one-line error (exit 2)', () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'nothing outflow can read\n');
    const run = (jobs: number) =>
      runCli(['flows', '-q', '-f', 'ndjson', '--jobs', String(jobs), files.a, junk, files.c]);
    const one = run(1);
    const three = run(3);
    expect(one.status).toBe(2);
    expect(three.status).toBe(2);
    expect(three.stderr).toBe(one.stderr);
    expect(one.stderr).toMatch(/notes\.txt: not a capture or log format/);
    expect(three.stdout).toBe(one.stdout);
  });

  it('rejects a --jobs that is not a whole number ≥ 1 (exit 2)', () => {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = runCli(['flows', '--jobs', bad, files.a]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--jobs must be a whole number/);
    }
  });
});
