import { describe, expect, it } from 'vitest';
import { decideEndpoint } from '../../../src/enrich/catalog/endpoint-decision.js';
import type { CatalogMatch } from '../../../src/enrich/catalog/types.js';
import { ASN_ROWS } from '../../../src/enrich/operators/asn-table.js';
import { COMPANIES } from '../../../src/enrich/operators/companies.js';
import { FIRST_PARTY_NETWORKS, firstPartyNetwork } from '../../../src/enrich/operators/first-party-networks.js';
import { DomainOwners } from '../../../src/enrich/owners/domain-owners.js';
import { recipientCompany, recipientCompanyKeys } from '../../../src/enrich/recipient/recipient-companies.js';
import { type RecipientInput, resolveRecipient } from '../../../src/enrich/recipient/resolve-recipient.js';
import type { Operator } from '../../../src/report/model.js';
import { rule } from '../../fixtures/catalog-rule.js';

const owners = new DomainOwners({
  updated: '2026-12-01',
  owners: [
    { owner: 'Microsoft', domains: ['microsoft.com', 'azurewebsites.net'], source: 'test list' },
    { owner: 'Google', domains: ['google.com'], source: 'test list' },
  ],
});

const host = (name: string, asn: number, extra: Partial<Operator> = {}): Operator => ({
  name,
  hqCountry: 'US',
  dpfCertified: true,
  dpfAsOf: '2023-09-01',
  asn,
  asOrg: null,
  anycast: false,
  ...extra,
});
const GOOGLE_CLOUD = host('Alphabet Inc. (Google LLC)', 396982);

function match(vendor: string, name: string, via?: CatalogMatch['via']): CatalogMatch {
  return {
    rule: rule('r1', { suffixes: [name] }, { vendor }),
    matchedName: name,
    matchKind: 'suffix',
    pattern: `*.${name}`,
    constrained: false,
    file: 'test.json',
    ...(via === undefined ? {} : { via }),
  };
}

function resolve(names: string[], extra: Partial<RecipientInput> = {}, m: CatalogMatch | null = null) {
  return resolveRecipient({
    decision: decideEndpoint(
      m,
      names.map((name) => ({ name })),
      owners,
      { namePatterns: [] },
    ),
    bestName: names[0] ?? null,
    certificate: null,
    host: GOOGLE_CLOUD,
    asOf: '2026-11-29',
    ...extra,
  });
}

describe('resolveRecipient', () => {
  it('takes the catalog vendor first, strong, with its company facts', () => {
    const r = resolve(['self.events.data.microsoft.com'], {}, match('Microsoft', 'events.data.microsoft.com'));
    expect(r).toMatchObject({ name: 'Microsoft', basis: 'catalog', strength: 'strong', hqCountry: 'US' });
    expect(r.dpfCertified).toBe(true);
    expect(r.dpfSource).toMatch(/^company statement/);
    expect(r.domain).toBe('microsoft.com');
  });

  it('never names a catalog label that names no organisation: the domain owner, else unknown', () => {
    const label = 'third party (listed by Microsoft)';
    const owned = resolve(['ads.google.com'], {}, match(label, 'google.com'));
    expect(owned).toMatchObject({ name: 'Google', basis: 'domain-owner', strength: 'medium' });
    expect(owned.evidence).toContain('the catalog rule names no organisation');
    const unowned = resolve(['cdn.creative.example'], {}, match(label, 'creative.example'));
    expect(unowned).toMatchObject({ name: null, basis: 'unknown', domain: 'creative.example' });
  });

  it('then the owner of the registrable domain', () => {
    const r = resolve(['maps.google.com']);
    expect(r).toMatchObject({ name: 'Google', basis: 'domain-owner', strength: 'medium', hqCountry: 'US' });
  });

  it("never takes a tenant on a cloud's shared domain for the cloud", () => {
    const r = resolve(['vendorx.azurewebsites.net'], { host: host('Microsoft Corporation', 8075) });
    expect(r).toMatchObject({ name: null, basis: 'unknown', strength: 'weak', domain: 'vendorx.azurewebsites.net' });
    expect(r.hqCountry).toBeNull();
    expect(r.dpfCertified).toBeNull();
    expect(r.evidence).toMatch(/not a first-party network/);
  });

  it('does not take a generic delivery-network rule (the CDN, a host) for the recipient', () => {
    const r = resolve(['a1.vendorx.example.akamaiedge.net'], {}, match('Akamai', 'akamaiedge.net', 'cdn-edge'));
    expect(r.basis).toBe('unknown');
  });

  it('then the certificate organisation: medium, weak when it names the CDN host itself', () => {
    const cert = { subjectOrg: 'Google LLC', file: 'c.pcap', frame: 7 };
    const r = resolve(['x.vendor-y.example'], { certificate: cert });
    expect(r).toMatchObject({ name: 'Google LLC', basis: 'certificate', strength: 'medium', hqCountry: 'US' });
    expect(r.evidence).toContain('frame 7');
    const cdn = resolve(['x.vendor-y.example'], {
      certificate: { subjectOrg: 'Akamai Technologies, Inc.', file: 'c.pcap', frame: 9 },
      host: host('Akamai Technologies, Inc.', 20940, { anycast: true }),
    });
    expect(cdn.strength).toBe('weak');
    const unknownOrg = resolve(['x.vendor-y.example'], {
      certificate: { subjectOrg: 'Vendor Y B.V.', file: 'c.pcap', frame: 3 },
    });
    expect(unknownOrg).toMatchObject({ name: 'Vendor Y B.V.', hqCountry: null, dpfCertified: null });
  });

  it('then the holder of a first-party network; else unknown, naming the host', () => {
    expect(resolve(['gs.apple.example'], { host: host('Apple Inc.', 714) })).toMatchObject({
      name: 'Apple',
      basis: 'first-party-network',
    });
    const r = resolve(['telemetry.vendor-x.example']);
    expect(r).toMatchObject({ name: null, domain: 'vendor-x.example', basis: 'unknown' });
    expect(r.evidence).toContain('AS396982 is not a first-party network');
    expect(resolve([], { bestName: '34.1.2.3' }).domain).toBeNull();
  });

  it('counts DPF facts only as of the audit date', () => {
    const early = resolve(['maps.google.com'], { asOf: '2023-01-01' });
    expect(early.dpfCertified).toBeNull();
    expect(early.dpfAsOf).toBeNull();
  });
});

describe('first-party networks', () => {
  it('leaves out networks that carry tenants (Google, Microsoft, clouds, CDNs)', () => {
    for (const asn of [15169, 396982, 8075, 16509, 13335, 20940, 54113]) expect(firstPartyNetwork(asn)).toBeNull();
  });

  it('marks only verified ASN rows, each with a source and a recipient the company table knows', () => {
    for (const n of FIRST_PARTY_NETWORKS) {
      const row = ASN_ROWS.find((r) => r[0] === n.asn);
      expect(row?.[4], `AS${n.asn}`).toBe(true);
      expect(n.source.length).toBeGreaterThan(20);
      const company = recipientCompany(n.recipient);
      expect(company, n.recipient).not.toBeNull();
      expect(company?.key).toBe(row?.[2]);
    }
  });
});

describe('recipient companies', () => {
  it('names only companies that exist', () => {
    for (const key of recipientCompanyKeys()) expect(COMPANIES.has(key), key).toBe(true);
  });

  it('maps catalog vendors and certificate organisations onto one company, unknown names onto none', () => {
    expect(recipientCompany('Microsoft (LinkedIn)')?.key).toBe('microsoft');
    expect(recipientCompany('microsoft corporation')?.key).toBe('microsoft');
    expect(recipientCompany('Google')?.hq).toBe('US');
    expect(recipientCompany('Microsec (e-Szigno)')?.hq).toBe('HU');
    expect(recipientCompany('Orange County Bank')).toBeNull();
    expect(recipientCompany('vendor-x')).toBeNull();
  });
});
