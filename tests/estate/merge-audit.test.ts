/**
 * Merging per-capture audits must tell the same story as one audit over all captures: the same destination
 * keys, flows, bytes and risk. Captures are built with the project's writers, GeoIP answers by tiny databases.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { mergeReports } from '../../src/estate/merge.js';
import type { Report } from '../../src/report/model.js';
import { wholeReport } from '../../src/report/whole-report.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';
import { PC, scenarioFrames, T0, tempDir, writeScenario, writeTinyGeoip } from '../e2e/helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** The e2e scenario an hour later, plus a TLS flow to a server only this capture sees. */
function secondCapture(path: string): void {
  const frames: [Uint8Array, number][] = scenarioFrames().map(([f, ts]) => [f, ts + 3_600_000_000]);
  const tls = new TcpConversation((f, ts) => void frames.push([f, ts]), {
    client: { ip: PC, port: 50100 },
    server: { ip: '25.0.0.50', port: 443 },
    startMicros: T0 + 3_700_000_000,
    rttMicros: 40_000,
  });
  tls
    .handshake()
    .clientSends(toRecords(buildClientHello({ sni: 'only-b.example.com', alpn: ['h2'] })))
    .serverSends(new Uint8Array(1200))
    .close();
  frames.sort((a, b) => a[1] - b[1]);
  writeFileSync(
    path,
    writePcap(
      { linkType: 1 },
      frames.map(([data, tsMicros]) => ({ data, tsMicros })),
    ),
  );
}

const geoDir = writeTinyGeoip(dir);
const a = join(dir, 'a.pcap');
const b = join(dir, 'b.pcap');
writeScenario(a);
secondCapture(b);

async function audit(inputs: string[]): Promise<Report> {
  const { report } = await runAudit({
    inputs,
    geoipDirs: [geoDir],
    rules: [],
    internalCidrs: [],
    internalSuffixes: [],
    vantage: null,
    timezone: null,
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

const view = (r: Report) =>
  r.destinations.map((d) => ({ key: d.key, flows: d.flows, out: d.out.bytes, in: d.in.bytes, risk: d.risk }));

describe('merge of per-capture audits = one audit over both', async () => {
  const [ra, rb, both] = [await audit([a]), await audit([b]), await audit([a, b])];
  const merged = mergeReports([ra, rb], { generatedAt: '2026-11-29T00:00:00.000Z', toolVersion: 'test' });

  it('has the same destinations in the same order, with the same flows, bytes and risk', () => {
    expect(both.destinations.length).toBeGreaterThanOrEqual(5);
    expect(view(merged)).toEqual(view(both));
    expect(merged.destinations.some((d) => d.names[0]?.name === 'only-b.example.com')).toBe(true);
  });

  it('has the same summary totals and inputs', () => {
    const pick = (r: Report) => ({
      flows: r.summary.flows,
      bytes: r.summary.bytes,
      packets: r.summary.packets,
      clients: r.summary.clients,
      destinations: r.summary.destinations,
      highestRisk: r.summary.highestRisk,
      byRisk: r.summary.byRisk,
      verdict: r.summary.verdict,
    });
    expect(pick(merged)).toEqual(pick(both));
    expect(merged.metadata.inputs.map((i) => i.file).sort()).toEqual([a, b].sort());
    expect(merged.metadata.timeSpan).toEqual(both.metadata.timeSpan);
  });

  it('keeps evidence for every group, pointing into both captures', () => {
    const files = new Set(merged.evidence.map((e) => e.file));
    expect(files).toEqual(new Set([a, b]));
    const kinds = (r: Report, key: string) => {
      const d = r.destinations.find((x) => x.key === key);
      return [...new Set(r.evidence.filter((e) => d?.evidence.includes(e.id)).map((e) => e.kind))].sort();
    };
    for (const d of both.destinations) expect(kinds(merged, d.key)).toEqual(kinds(both, d.key));
  });
});
