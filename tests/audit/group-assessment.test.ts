/**
 * GroupAssessor remembers each step per distinct answer: a group must get exactly what it would get assessed on
 * its own, whatever groups came before it (the memo keys must hold everything each step reads).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskPolicy } from '../../src/assess/risk.js';
import type { AuditFlow } from '../../src/audit/audit-flow.js';
import type { DestinationFacts, DestinationFactsResolver } from '../../src/audit/destination-facts.js';
import { groupRecipient, type RecipientContext } from '../../src/audit/destination-recipient.js';
import { GroupAssessor } from '../../src/audit/group-assessment.js';
import { FlowGrouper, type GroupAccumulator, groupKey } from '../../src/audit/group-flows.js';
import { locationEvidence } from '../../src/audit/location-evidence.js';
import { parseIp } from '../../src/core/ip-format.js';
import { Catalog } from '../../src/enrich/catalog/catalog.js';
import { shippedCatalogFiles } from '../../src/enrich/catalog/load.js';
import { DomainOwners } from '../../src/enrich/owners/domain-owners.js';
import type { Operator } from '../../src/report/model.js';

function flow(server: string, names: string[], over: Partial<AuditFlow> = {}): AuditFlow {
  return {
    proto: 'tcp',
    client: '192.168.1.10',
    server,
    serverPort: 443,
    firstSeen: '2026-03-02T08:00:00.000000Z',
    lastSeen: '2026-03-02T08:00:01.000000Z',
    packetsOut: 3,
    packetsIn: 2,
    bytesOut: 300,
    bytesIn: 200,
    rttMs: null,
    names: names.map((name) => ({ name, via: 'sni' as const, frame: 1 })),
    source: { file: 'a.pcap', firstFrame: 1 },
    ...over,
  };
}

/** Hosts: one certified US company, one EU one, one not certified, and none. */
const HOSTS: (Operator | null)[] = [
  {
    name: 'Google LLC',
    hqCountry: 'US',
    dpfCertified: true,
    dpfAsOf: '2026-01-01',
    asn: 15169,
    asOrg: 'GOOGLE',
    anycast: true,
  },
  {
    name: 'Hetzner Online GmbH',
    hqCountry: 'DE',
    dpfCertified: null,
    dpfAsOf: null,
    asn: 24940,
    asOrg: 'HETZNER',
    anycast: false,
  },
  {
    name: 'Chinanet',
    hqCountry: 'CN',
    dpfCertified: false,
    dpfAsOf: '2026-01-01',
    asn: 4134,
    asOrg: 'CHINANET',
    anycast: false,
  },
  null,
];
const COUNTRIES = ['US', 'DE', 'CN', 'SG', null];

function publicFacts(country: string | null, operator: Operator | null): DestinationFacts {
  return {
    scope: 'public',
    scopeLabel: 'global unicast',
    unwrapped: null,
    country,
    city: null,
    location: null,
    geoSources: [],
    operator,
    operatorMatch: operator === null ? null : 'asn',
    operatorVerified: false,
    transfer: 'unknown',
    transferReason: '',
    cloud: null,
    locationNotFixed: false,
  };
}

function localFacts(scope: 'local' | 'special', label: string): DestinationFacts {
  return {
    ...publicFacts(null, null),
    scope,
    scopeLabel: label,
    transfer: 'none',
    transferReason: `${label}: on the site`,
  };
}

/**
 * Every host in every country (the same host object: groups differ only by the country), local and special
 * addresses, and the same names behind each, so the memo keys meet groups that share all but one input.
 */
const FACTS = new Map<string, DestinationFacts>();
for (const [h, host] of HOSTS.entries())
  for (const [c, country] of COUNTRIES.entries()) FACTS.set(`203.0.${h}.${c + 1}`, publicFacts(country, host));
FACTS.set('192.168.1.1', localFacts('local', 'private-use'));
FACTS.set('100.64.0.1', localFacts('local', 'shared address space (CGNAT)'));
FACTS.set('224.0.0.251', localFacts('special', 'multicast'));

const NAMES = [
  [],
  ['www.google.com'],
  ['login.microsoftonline.com'],
  ['telemetry.example.net'],
  ['www.example.net'],
  ['api7.telemetry3.example.net'],
  ['host1.service1.example.com', 'cdn.example.org'],
  ['s3.eu-west-1.amazonaws.com'],
];

let groups: GroupAccumulator[];
let ctx: RecipientContext;

beforeAll(() => {
  const catalog = Catalog.load(shippedCatalogFiles());
  const resolver = {
    facts: (ip: string) => FACTS.get(ip) ?? publicFacts(null, null),
    addressOf: (ip: string) => parseIp(ip),
  } as unknown as DestinationFactsResolver;
  const grouper = new FlowGrouper(resolver, catalog);
  for (const server of FACTS.keys()) {
    for (const names of NAMES) {
      grouper.add(flow(server, names));
      // Groups that differ from the one above only by a certificate organisation or a finding.
      const [first] = names;
      grouper.add(
        flow(server, first === undefined ? [] : [`cert.${first}`], {
          serverCertificate: { subjectOrg: 'Example Org B.V.', frame: 7 },
        }),
      );
      grouper.add(
        flow(server, first === undefined ? [] : [`pii.${first}`], {
          pii: [
            { kind: 'email', detector: 'email', field: 'http.query q', excerpt: 'j***@e***.nl', confidence: 'high' },
          ],
        }),
      );
    }
  }
  groups = [...grouper.groups.values()];
  ctx = { owners: DomainOwners.loadShipped(), catalog, asOf: '2026-11-29', dpf: 'rely' };
});

describe('GroupAssessor', () => {
  const policies: [string, RiskPolicy][] = [
    ['no policy', {}],
    [
      'allow lists and ignored categories',
      { allowedCountries: ['DE'], allowedOperators: ['Google LLC'], ignored: ['telemetry'] },
    ],
  ];
  it.each(policies)('gives every group what a fresh assessor gives it alone, in any order (%s)', (_, policy) => {
    expect(groups.length).toBeGreaterThan(100);
    const shared = new GroupAssessor(ctx, policy, locationEvidence(null));
    const reversed = new GroupAssessor(ctx, policy, locationEvidence(null));
    const alone = (g: GroupAccumulator) => {
      const a = new GroupAssessor(ctx, policy, locationEvidence(null));
      const names = a.names(g);
      return { names, verdict: a.assess(g, names) };
    };
    const forward = groups.map((g) => {
      const names = shared.names(g);
      return { names, verdict: shared.assess(g, names) };
    });
    const backward = [...groups]
      .reverse()
      .map((g) => {
        const names = reversed.names(g);
        return { names, verdict: reversed.assess(g, names) };
      })
      .reverse();
    for (const [i, g] of groups.entries()) {
      const expected = alone(g);
      expect(forward[i], groupKey(g)).toEqual(expected);
      expect(backward[i], groupKey(g)).toEqual(expected);
    }
  });

  it('decides and judges the recipient as groupRecipient does', () => {
    const a = new GroupAssessor(ctx, {}, locationEvidence(null));
    for (const g of groups) {
      const names = a.names(g);
      const direct = groupRecipient(g, ctx);
      expect(names.decision).toEqual(direct.decision);
      const verdict = a.assess(g, names);
      expect(verdict.recipient).toEqual(direct.recipient);
      expect(verdict.transfer).toBe(direct.transfer);
    }
  });

  it('shares one recipient object between groups whose recipients are equal', () => {
    const a = new GroupAssessor(ctx, {}, locationEvidence(null));
    const recipients = groups.map((g) => a.assess(g, a.names(g)).recipient);
    const distinctValues = new Set(recipients.map((r) => JSON.stringify(r)));
    expect(new Set(recipients).size).toBe(distinctValues.size);
  });
});
