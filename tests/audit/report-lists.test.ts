/**
 * The audit's report lists (report-lists.ts): destinations and evidence built item by item each time they are
 * walked must be exactly what the report built whole gave, in the same orders, with the same ids.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildReport, ReportBuilder, sortDestinations, summarise } from '../../src/audit/build-report.js';
import { compareKeyParts, type FlowGrouper } from '../../src/audit/group-flows.js';
import { locationEvidence } from '../../src/audit/location-evidence.js';
import { compareDecimalText } from '../../src/audit/report-lists.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { sortGroups } from '../../src/report/format.js';
import type { ReportMetadata, ReportView } from '../../src/report/model.js';
import { hasRendererOrder, isReportList, listArray } from '../../src/report/report-list.js';
import { grouperFactory } from './grouper-factory.js';

function flow(server: string, i: number, over: Partial<FlowRecord> = {}): FlowRecord {
  return {
    proto: i % 3 === 0 ? 'udp' : 'tcp',
    ipProto: 6,
    client: `192.168.1.${i % 7}`,
    clientPort: 50000,
    server,
    serverPort: [443, 80, 53][i % 3] ?? 443,
    firstSeen: `2026-03-02T08:00:${String(i % 60).padStart(2, '0')}.000000Z`,
    lastSeen: `2026-03-02T08:01:${String(i % 60).padStart(2, '0')}.000000Z`,
    packetsOut: 1,
    packetsIn: null,
    bytesOut: i % 4 === 0 ? null : 100,
    bytesIn: null,
    rttMs: null,
    tcpFlags: 'S',
    endReason: 'fin',
    tunnelDepth: 0,
    names: [],
    source: { file: 'a.log', line: i + 1 },
    ...over,
  };
}

const metadata = { generatedAt: '2026-03-02T09:00:00.000Z' } as ReportMetadata;
let report: ReportView;
let groupCount = 0;

async function auditReport(): Promise<ReportView> {
  const grouper = (await grouperFactory())();
  // Addresses that are prefixes of each other ("1.2.3.4", "1.2.3.45"), equal volumes (ids d9 and d10 tie), names
  // with the key separator in them, local and public, with and without names.
  let i = 0;
  for (const server of [
    '8.8.8.8',
    '8.8.8.88',
    '1.2.3.4',
    '1.2.3.45',
    '1.2.3.4',
    '10.0.0.1',
    '10.0.0.10',
    '192.168.7.7',
  ])
    grouper.add(flow(server, i++));
  for (let n = 0; n < 30; n++) grouper.add(flow(`9.9.${n}.9`, i++));
  grouper.add(flow('8.8.4.4', i++, { names: [{ name: 'a|b.example', via: 'sni', frame: 3 }] }));
  grouper.add(flow('8.8.4.4', i++, { names: [{ name: 'a', via: 'dns', frame: 4 }] }));
  grouper.add(flow('8.8.4.4', i++, { firstSeen: '1999-not-iso', names: [{ name: 'a', via: 'dns', frame: 5 }] }));
  const groups = grouper.drain();
  groupCount = groups.length;
  return reportOf(grouper, groups);
}

/** The report of the grouper's groups. */
function reportOf(grouper: FlowGrouper, groups = grouper.drain()): ReportView {
  return buildReport({
    groups,
    metadata,
    policy: {},
    skipped: [],
    limitations: [],
    totalFlows: grouper.flows,
    flowsWithoutBytes: grouper.withoutBytes,
    clients: grouper.clients.size,
    location: locationEvidence(null),
  });
}

beforeAll(async () => {
  report = await auditReport();
});

describe("a destination's ALPN and TLS versions", () => {
  it('are sorted without repeats, whether the group kept one list or a set', async () => {
    const grouper = (await grouperFactory())();
    const a = { name: 'one.example', via: 'sni' as const, frame: 1 };
    const b = { name: 'two.example', via: 'sni' as const, frame: 2 };
    grouper.add(flow('8.8.8.8', 0, { names: [a], alpn: ['http/1.1', 'h2', 'h2'], tlsVersions: ['1.3', '1.2'] }));
    grouper.add(flow('8.8.4.4', 1, { names: [b], alpn: ['h2'], tlsVersions: ['1.3'] }));
    grouper.add(flow('8.8.4.4', 2, { names: [b], alpn: ['h3', 'h2'], tlsVersions: ['1.2'] }));
    const view = reportOf(grouper);
    const byName = new Map(listArray(view.destinations).map((d) => [d.names[0]?.name, d]));
    expect(byName.get('one.example')?.alpn).toEqual(['h2', 'http/1.1']);
    expect(byName.get('one.example')?.tlsVersions).toEqual(['1.2', '1.3']);
    expect(byName.get('two.example')?.alpn).toEqual(['h2', 'h3']);
    expect(byName.get('two.example')?.tlsVersions).toEqual(['1.2', '1.3']);
  });
});

describe('the audit report lists', () => {
  it('are lists built as walked, the same each time', () => {
    expect(Array.isArray(report.destinations)).toBe(false);
    expect(isReportList(report.destinations)).toBe(true);
    const once = listArray(report.destinations);
    expect(listArray(report.destinations)).toEqual(once);
    expect(once).toHaveLength(report.destinations.length);
    expect(listArray(report.evidence)).toEqual(listArray(report.evidence));
  });

  it('list destinations in report order with ids d1…, as sortDestinations orders the whole list', () => {
    const lazy = listArray(report.destinations);
    expect(lazy.map((d) => d.id)).toEqual(lazy.map((_, i) => `d${i + 1}`));
    const whole = structuredClone(lazy).reverse();
    sortDestinations(whole);
    expect(whole).toEqual(lazy);
  });

  it('order any names and addresses as sortDestinations does, prefixes and separators included', async () => {
    const factory = await grouperFactory();
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '.', '|', '-', '1'), minLength: 1, maxLength: 4 });
    const server = fc.constantFrom('1.2.3.4', '1.2.3.45', '8.8.8.8', '10.0.0.1', '10.0.0.10', '9.9.9.9');
    const flows = fc.array(fc.tuple(server, fc.option(name, { nil: undefined }), fc.nat(3)), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(flows, async (spec) => {
        const grouper = factory();
        for (const [i, [s, n, b]] of spec.entries()) {
          grouper.add(
            flow(s, i, {
              bytesOut: b === 0 ? null : b * 100,
              names: n === undefined ? [] : [{ name: n, via: 'dns', frame: i + 1 }],
            }),
          );
        }
        const lazy = listArray(reportOf(grouper).destinations);
        const whole = structuredClone(lazy).reverse();
        sortDestinations(whole);
        expect(whole).toEqual(lazy);
      }),
      { numRuns: 200 },
    );
  });

  it('number evidence e1… with every destination pointing at its own items', () => {
    const evidence = listArray(report.evidence);
    expect(evidence.map((e) => e.id)).toEqual(evidence.map((_, i) => `e${i + 1}`));
    const ids = new Set(evidence.map((e) => e.id));
    const referenced = listArray(report.destinations).flatMap((d) => d.evidence);
    expect(referenced.every((id) => ids.has(id))).toBe(true);
    expect(new Set(referenced).size).toBe(evidence.length);
  });

  it("give the renderers' order (sortGroups) without sorting a copy", () => {
    expect(hasRendererOrder(report.destinations)).toBe(true);
    if (!hasRendererOrder(report.destinations)) return;
    const ordered = [...report.destinations.inRendererOrder()];
    expect(ordered).toEqual(sortGroups(listArray(report.destinations)));
    // The tie of equal groups is by id as text: d10 comes before d9.
    const ids = ordered.map((d) => d.id);
    expect(ids.indexOf('d10')).toBeLessThan(ids.indexOf('d9'));
  });

  it('summarise as the whole list does (one definition of the totals)', () => {
    const whole = summarise(listArray(report.destinations), report.summary.flows, report.summary.clients, 0);
    expect(report.summary).toEqual({
      ...whole,
      flowsWithoutBytes: report.summary.flowsWithoutBytes,
      flowsWithoutBytesShare: report.summary.flowsWithoutBytesShare,
    });
  });

  it('assess each group once, however often its destination and evidence are walked', async () => {
    // Regression: the summary walk, each destination and each evidence list assessed the group anew (three
    // assessments a group for one JSON report, about a second per walk at 400,000 groups).
    const parts = vi.spyOn(ReportBuilder.prototype, 'parts');
    try {
      const fresh = await auditReport();
      for (let walk = 0; walk < 2; walk++) {
        listArray(fresh.destinations);
        listArray(fresh.evidence);
      }
      expect(groupCount).toBeGreaterThan(30);
      expect(parts).toHaveBeenCalledTimes(groupCount);
    } finally {
      parts.mockRestore();
    }
  });

  it('keep a time that is not an ISO text as given, compared as text', () => {
    const named = listArray(report.destinations).find((d) => d.names[0]?.name === 'a');
    expect(named?.firstSeen).toBe('1999-not-iso');
    expect(named?.lastSeen).toBe('2026-03-02T08:01:40.000000Z');
  });
});

describe('compareDecimalText', () => {
  it('orders numbers as their decimal texts', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const text = Math.sign(String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
        expect(Math.sign(compareDecimalText(a, b))).toBe(text);
      }),
      { numRuns: 5000 },
    );
    expect(compareDecimalText(10, 9)).toBeLessThan(0);
    expect(compareDecimalText(1, 10)).toBeLessThan(0);
  });
});

describe('compareKeyParts', () => {
  it('orders three parts as the key text they spell', () => {
    const part = fc.string({ unit: fc.constantFrom('1', '2', '.', '|', 'a', '-', '\u0000', '~'), maxLength: 5 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), ([h1, n1, p1], [h2, n2, p2]) => {
        const a = `${h1}|${n1}|${p1}`;
        const b = `${h2}|${n2}|${p2}`;
        const text = a < b ? -1 : a > b ? 1 : 0;
        expect(Math.sign(compareKeyParts(h1, n1, p1, h2, n2, p2))).toBe(text);
      }),
      { numRuns: 20_000 },
    );
  });
});
