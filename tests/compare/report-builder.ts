/** Small hand-made reports for the compare tests: a group per seed, summary fields set directly (no clock). */
import type { DestinationGroup, Report, Risk } from '../../src/report/model.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';

type Seed = Partial<DestinationGroup> & { name: string };

const zero = { flows: 0, bytes: 0, destinations: 0 };

/** A group keyed operator|name|country as the audit builds it. */
export function group(seed: Seed, i = 0): DestinationGroup {
  const { name, ...rest } = seed;
  const operator = rest.operator === undefined ? null : rest.operator;
  const country = rest.country === undefined ? 'US' : rest.country;
  return {
    id: `d${i + 1}`,
    key: `${operator?.name ?? ''}|${name}|${country ?? ''}`,
    names: [{ name, via: 'tls-sni' }],
    ips: ['203.0.113.7'],
    ports: [{ proto: 'tcp', port: 443 }],
    scope: 'public',
    country,
    city: null,
    location: null,
    regionHints: [],
    geoConflict: null,
    locationNotFixed: false,
    operator,
    recipient: {
      name: null,
      domain: null,
      basis: 'unknown',
      strength: 'weak',
      evidence: 'test group',
      hqCountry: null,
      dpfCertified: null,
      dpfAsOf: null,
    },
    transfer: 'third-country',
    category: null,
    vendor: null,
    product: null,
    rule: null,
    endpointRegion: null,
    personalData: 'possible',
    personalDataKinds: [],
    risk: 'medium',
    reasons: [],
    policy: 'n/a',
    out: { packets: 10, bytes: 1000 },
    in: { packets: 10, bytes: 500 },
    flows: 1,
    firstSeen: '2026-03-02T08:00:00.000Z',
    lastSeen: '2026-03-02T09:00:00.000Z',
    clients: ['10.0.0.2'],
    processes: [],
    evidence: [],
    alpn: [],
    tlsVersions: [],
    ech: false,
    ...rest,
  };
}

export function operator(name: string, hqCountry = 'US'): NonNullable<DestinationGroup['operator']> {
  return { name, hqCountry, dpfCertified: null, dpfAsOf: null, asn: null, asOrg: null, anycast: false };
}

export function report(
  seeds: Seed[],
  extra: { generatedAt?: string; share?: number; highestRisk?: Risk; pseudonymized?: boolean } = {},
): Report {
  const destinations = seeds.map((s, i) => group(s, i));
  const bytes = destinations.reduce((n, g) => n + (g.out.bytes ?? 0) + (g.in.bytes ?? 0), 0);
  const flows = destinations.reduce((n, g) => n + g.flows, 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: {
      tool: { name: 'outflow', version: '0.0.0-test' },
      generatedAt: extra.generatedAt ?? '2026-03-02T08:15:09.000Z',
      inputs: [],
      vantage: null,
      databases: [],
      catalog: { version: 'test', updated: '2026-01-01', rules: 0, files: [] },
      options: {},
      timeSpan: null,
      timeAssumptions: [],
      pseudonymized: extra.pseudonymized ?? false,
    },
    summary: {
      verdict: 'test',
      flows,
      bytes,
      packets: 0,
      destinations: destinations.length,
      clients: 1,
      bytesLeavingEeaShare: extra.share ?? 0,
      destinationsLeavingEea: 0,
      destinationsLeavingEeaShare: 0,
      flowsLeavingEea: 0,
      flowsLeavingEeaShare: 0,
      flowsWithoutBytes: 0,
      flowsWithoutBytesShare: 0,
      byRisk: { high: zero, medium: zero, low: zero, none: zero },
      byTransfer: {
        none: zero,
        eea: zero,
        adequate: zero,
        'adequate-if-certified': zero,
        'third-country': zero,
        unknown: zero,
      },
      byCountry: [],
      byOperator: [],
      byCategory: [],
      highestRisk: extra.highestRisk ?? 'medium',
    },
    destinations,
    evidence: [],
    skipped: [],
    limitations: [],
  };
}
