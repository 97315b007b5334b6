/**
 * A Windows Firewall log records no size for allowed connections: an audit of one must not open with "0.0% of
 * bytes leave the EEA" or rank countries by the few dropped broadcasts it did size. Every format says what
 * leaves by destinations and flows and for how many flows bytes are unknown; merging per-file audits of such
 * logs gives the same summary as one audit of all of them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { mergeReports } from '../../src/estate/merge.js';
import type { Report } from '../../src/report/model.js';
import { RENDERERS } from '../../src/report/registry.js';
import { wholeReport } from '../../src/report/whole-report.js';
import { tempDir, writeTinyGeoip } from '../e2e/helpers.js';

const HEADER =
  '#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n' +
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\n\n';

/** An allowed outbound connection: size 0, as Windows writes it. */
const allow = (sec: number, dst: string, port: number) =>
  `2026-03-02 08:00:${String(sec).padStart(2, '0')} ALLOW TCP 192.168.1.10 ${dst} ${50000 + sec} ${port} 0 - 0 0 0 - - - SEND\n`;
/** A dropped NetBIOS broadcast: dropped packets are the lines that carry a size. */
const drop = (sec: number) =>
  `2026-03-02 08:00:${String(sec).padStart(2, '0')} DROP UDP 192.168.1.7 192.168.1.255 137 137 128 - - - - - - - RECEIVE\n`;

// 25.0.0.30 is in the US, .20 in Singapore, .10 in Germany (the tiny GeoIP databases of the e2e helpers).
const FIRST = [0, 1, 2, 3, 4, 5].map((s) => allow(s, '25.0.0.30', 443)).join('') + allow(6, '25.0.0.10', 443) + drop(7);
const SECOND =
  [10, 11].map((s) => allow(s, '25.0.0.20', 443)).join('') +
  [12, 13].map((s) => allow(s, '25.0.0.10', 443)).join('') +
  [14, 15, 16].map(drop).join('') +
  // A dropped SYN to the US server: its group then mixes flows with and without bytes.
  '2026-03-02 08:00:17 DROP TCP 192.168.1.10 25.0.0.30 50017 443 52 S 0 0 0 - - - SEND\n';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const geoDir = writeTinyGeoip(dir);
const a = join(dir, 'a-pfirewall.log');
const b = join(dir, 'b-pfirewall.log');
const allowOnly = join(dir, 'allow-only-pfirewall.log');
writeFileSync(a, HEADER + FIRST);
writeFileSync(b, HEADER + SECOND);
writeFileSync(allowOnly, HEADER + [0, 1, 2].map((s) => allow(s, '25.0.0.30', 443)).join(''));

async function audit(inputs: string[]): Promise<Report> {
  const { report } = await runAudit({
    inputs,
    geoipDirs: [geoDir],
    rules: [],
    internalCidrs: [],
    internalSuffixes: [],
    vantage: null,
    timezone: 'UTC',
    policy: {},
    showValues: false,
    asOf: '2026-11-29',
    generatedAt: '2026-11-29T00:00:00.000Z',
    dnsGraceSeconds: 3600,
    toolVersion: 'test',
    recordedOptions: {},
  });
  return wholeReport(report);
}

const CTX = { color: false, columns: 160 };

describe('audit of a log that records no bytes for allowed connections', async () => {
  const [ra, rb, both, none] = [await audit([a]), await audit([b]), await audit([a, b]), await audit([allowOnly])];

  it('counts what leaves the EEA by destinations and flows, and the flows without bytes', () => {
    expect(both.summary).toMatchObject({
      flows: 16,
      destinations: 4,
      destinationsLeavingEea: 2,
      destinationsLeavingEeaShare: 0.5,
      flowsLeavingEea: 9,
      flowsLeavingEeaShare: 9 / 16,
      // Exact, though the US group has bytes (the dropped SYN) and six flows without.
      flowsWithoutBytes: 11,
      flowsWithoutBytesShare: 11 / 16,
      bytes: 4 * 128 + 52,
    });
    expect(both.summary.byCountry[0]).toMatchObject({ country: 'US', flows: 7, bytes: 52, destinations: 1 });
    expect(none.summary).toMatchObject({ flows: 3, flowsWithoutBytes: 3, bytes: 0, flowsLeavingEea: 3 });
  });

  it('terminal: no byte share in the headline, top countries by flows', () => {
    const out = RENDERERS.table.render(both, CTX);
    expect(out).not.toContain('of bytes leave the EEA');
    expect(out).toContain('16 flows · 4 destinations · 2 clients · bytes: 564 B in 5 of 16 flows');
    expect(out).toContain(
      'Leaving the EEA: 2 of 4 destinations (50.0%), 9 of 16 flows (56.3%); bytes unknown for 11 of 16 flows (68.8%; the input does not record them)',
    );
    expect(out).toContain(
      'Top countries: US United States 7 flows, 1 destination · local / unknown 4 flows, 1 destination · DE Germany 3 flows, 1 destination',
    );
    // The verdict names the destination most talked to, not the first key (no group has bytes to rank by).
    expect(both.summary.verdict).toContain('25.0.0.30 (the United States');
    expect(out).toMatch(/By risk: .*\(\d+ flows?\)/);
    const allUnknown = RENDERERS.table.render(none, CTX);
    expect(allUnknown).toContain('bytes: not recorded');
    expect(allUnknown).toContain('bytes unknown for all 3 flows (the input does not record them)');
  });

  it('Markdown and HTML say the same facts', () => {
    const md = RENDERERS.md.render(both, CTX);
    expect(md).toContain('**Leaving the EEA:** 2 of 4 destinations (50.0%), 9 of 16 flows (56.3%).');
    expect(md).toContain('**Bytes:** bytes unknown for 11 of 16 flows (68.8%; the input does not record them)');
    expect(md).toContain('| Risk | Destinations | Flows | Bytes (recorded) |');
    expect(RENDERERS.md.render(none, CTX)).toContain('unknown (no bytes recorded)');
    const html = RENDERERS.html.render(both, CTX);
    expect(html).toContain('Leaving the EEA: 2 of 4 destinations (50.0%), 9 of 16 flows (56.3%).');
    expect(html).toContain('Bytes unknown for 11 of 16 flows (68.8%; the input does not record them)');
    expect(html).toContain('of flows, to 2 of 4 destinations');
    expect(html).toContain('Flows by server country');
    expect(html).toContain('Circle area is proportional to flows');
    expect(html).not.toContain('of bytes, to');
  });

  it('JSON carries the new summary fields', () => {
    const json = JSON.parse(RENDERERS.json.render(both, CTX)) as Report;
    expect(json.summary.flowsWithoutBytes).toBe(11);
    expect(json.summary.flowsLeavingEea).toBe(9);
  });

  it('merging the per-file audits gives the summary of one audit over both files', () => {
    const merged = mergeReports([ra, rb], { generatedAt: '2026-11-29T00:00:00.000Z', toolVersion: 'test' });
    const { verdict: _v1, ...mergedSummary } = merged.summary;
    const { verdict: _v2, ...oneSummary } = both.summary;
    expect(mergedSummary).toEqual({ ...oneSummary, clients: mergedSummary.clients });
    expect(merged.summary.verdict).toBe(both.summary.verdict);
    // The per-file counts add up: a group mixing sized and unsized flows would hide some from the groups alone.
    expect(merged.summary.flowsWithoutBytes).toBe(ra.summary.flowsWithoutBytes + rb.summary.flowsWithoutBytes);
  });

  it('merges a report made before the count existed by its groups without bytes', () => {
    const old = structuredClone(ra);
    delete (old.summary as Partial<Report['summary']>).flowsWithoutBytes;
    const merged = mergeReports([old, rb], { generatedAt: '2026-11-29T00:00:00.000Z', toolVersion: 'test' });
    // File a's groups: the US one (6 allowed) and the German one (1 allowed) have no bytes at all.
    expect(merged.summary.flowsWithoutBytes).toBe(7 + rb.summary.flowsWithoutBytes);
  });
});
