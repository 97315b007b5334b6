/** A fast-check arbitrary of small, well-formed reports over tiny value pools (so merges meet the same keys). */
import fc from 'fast-check';
import { sortDestinations, summarise } from '../../src/audit/build-report.js';
import type { DestinationGroup, Evidence, Report, Risk } from '../../src/report/model.js';

const KEYS = [
  { op: 'Example Cloud', name: 'a.example.com', cc: 'US' },
  { op: 'Example Cloud', name: 'b.example.com', cc: 'DE' },
  { op: '-', name: '25.0.0.9', cc: 'SG' },
  { op: 'Other', name: 'c.example.net', cc: 'NL' },
];
const TIMES = ['2026-03-02T08:00:00.000Z', '2026-03-02T09:30:00.000Z', '2026-03-02T11:00:00.000Z'];
const count = fc.option(fc.nat(5000), { nil: null });
const evidenceItem = fc.record({
  kind: fc.constantFrom('name', 'pii', 'geo'),
  summary: fc.constantFrom('DNS answer: a.example.com', 'email in url (high confidence)', '25.0.0.9: SG'),
  file: fc.constantFrom('a.pcap', 'b.pcap'),
  frame: fc.integer({ min: 1, max: 4 }),
});

const group = fc
  .record({
    k: fc.constantFrom(...KEYS),
    extraNames: fc.subarray(['x.example.org', 'y.example.org', 'z.example.org']),
    ips: fc.subarray(['25.0.0.1', '25.0.0.2', '25.0.0.9']),
    ports: fc.subarray([
      { proto: 'tcp', port: 443 },
      { proto: 'tcp', port: 80 },
      { proto: 'udp', port: 443 },
    ]),
    clients: fc.subarray(['10.0.0.1', '10.0.0.2', '10.0.0.3']),
    processes: fc.subarray(['chrome.exe', 'svchost.exe']),
    kinds: fc.subarray(['email', 'device-identifiers']),
    risk: fc.constantFrom<Risk>('high', 'medium', 'low', 'none'),
    personalData: fc.constantFrom('observed', 'likely', 'possible', 'unknown' as const),
    transfer: fc.constantFrom('eea', 'third-country', 'unknown' as const),
    reasons: fc.subarray(['Third country without adequacy', 'Personal data observed', 'Unknown operator']),
    outPackets: count,
    outBytes: count,
    inPackets: count,
    inBytes: count,
    flows: fc.integer({ min: 1, max: 50 }),
    span: fc.tuple(fc.constantFrom(...TIMES), fc.constantFrom(...TIMES)),
    evidence: fc.array(evidenceItem, { maxLength: 3 }),
    ech: fc.boolean(),
    recipient: fc.constantFrom<string | null>(null, 'Example', 'Other'),
  })
  .map((s) => {
    const [first = '', last = ''] = [...s.span].sort();
    const g: DestinationGroup = {
      id: '',
      key: `${s.k.op}|${s.k.name}|${s.k.cc}`,
      names: [s.k.name, ...s.extraNames].map((name) => ({ name, via: 'dns' })),
      ips: [...s.ips].sort(),
      ports: s.ports,
      scope: 'public',
      country: s.k.cc,
      city: null,
      location: null,
      regionHints: [],
      geoConflict: null,
      locationNotFixed: false,
      operator: null,
      recipient: {
        name: s.recipient,
        domain: null,
        basis: s.recipient === null ? 'unknown' : 'catalog',
        strength: s.recipient === null ? 'weak' : 'strong',
        evidence: 'arbitrary',
        hqCountry: null,
        dpfCertified: null,
        dpfAsOf: null,
      },
      transfer: s.transfer,
      category: null,
      vendor: null,
      product: null,
      rule: null,
      endpointRegion: null,
      personalData: s.personalData,
      personalDataKinds: s.kinds,
      risk: s.risk,
      reasons: s.reasons,
      policy: 'n/a',
      out: { packets: s.outPackets, bytes: s.outBytes },
      in: { packets: s.inPackets, bytes: s.inBytes },
      flows: s.flows,
      firstSeen: first,
      lastSeen: last,
      clients: s.clients,
      processes: s.processes,
      evidence: [],
      alpn: [],
      tlsVersions: [],
      ech: s.ech,
    };
    return { g, evidence: s.evidence };
  });

export const reportArbitrary: fc.Arbitrary<Report> = fc
  .record({
    groups: fc.uniqueArray(group, { selector: (x) => x.g.key, maxLength: 4 }),
    file: fc.constantFrom('a.pcap', 'b.pcap', 'c.log'),
    vantage: fc.constantFrom(null, { country: 'NL' }),
    options: fc.constantFrom({ failOn: 'high' }, { failOn: 'medium' }, { failOn: 'high', timezone: null }),
    skipped: fc.subarray(['truncated-frame', 'bad-checksum']),
    skipCount: fc.integer({ min: 1, max: 9 }),
    limitations: fc.subarray(['No payloads in logs', 'Encrypted DNS not read']),
  })
  .map((s): Report => {
    const evidence: Evidence[] = [];
    const destinations = s.groups.map(({ g, evidence: items }) => {
      for (const e of items) {
        const id = `e${evidence.length + 1}`;
        evidence.push({ id, ...e });
        g.evidence.push(id);
      }
      return g;
    });
    sortDestinations(destinations);
    const flows = destinations.reduce((n, d) => n + d.flows, 0);
    const clients = new Set(destinations.flatMap((d) => d.clients)).size;
    return {
      schemaVersion: '1.0.0',
      metadata: {
        tool: { name: 'outflow', version: '0.1.0' },
        generatedAt: '2026-03-03T00:00:00.000Z',
        inputs: [
          {
            file: s.file,
            format: 'pcap',
            gzip: false,
            compression: null,
            size: 100,
            sha256: null,
            packets: 10,
            flows,
            first: null,
            last: null,
          },
        ],
        vantage: s.vantage,
        databases: [],
        catalog: { version: '2026.1', updated: '2026-01-01', rules: 10, files: ['data/catalog/a.json'] },
        options: s.options,
        timeSpan: destinations.length === 0 ? null : { first: TIMES[0] ?? '', last: TIMES[2] ?? '' },
        timeAssumptions: [],
        pseudonymized: false,
      },
      summary: summarise(destinations, flows, clients),
      destinations,
      evidence,
      skipped: s.skipped.map((reason) => ({ reason, count: s.skipCount, examples: [{ file: s.file, frame: 1 }] })),
      limitations: s.limitations,
    };
  });
