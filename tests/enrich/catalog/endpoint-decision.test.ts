import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { decideEndpoint, type EndpointName } from '../../../src/enrich/catalog/endpoint-decision.js';
import { DomainOwners } from '../../../src/enrich/owners/domain-owners.js';
import { rule } from '../../fixtures/catalog-rule.js';

const catalog = Catalog.fromCatalogs([
  {
    file: 'c.json',
    catalog: {
      catalogVersion: 't',
      updated: 'x',
      rules: [
        rule('akamai.cdn', { suffixes: ['*.akamaiedge.net'] }, { vendor: 'Akamai', category: 'content-delivery' }),
        rule('ms.events', { suffixes: ['*.events.data.microsoft.com'] }, { vendor: 'Microsoft' }),
        rule('ms.edge-exact', { names: ['e1.dscb.akamaiedge.net'] }, { vendor: 'Microsoft', category: 'update' }),
        rule('vendor.api', { names: ['api.vendor.example'] }, { vendor: 'Vendor', category: 'analytics' }),
        rule('exact.chain', { names: ['ingest.vendor.example'] }, { vendor: 'Vendor', category: 'telemetry' }),
      ],
    },
  },
]);
const owners = new DomainOwners({
  updated: 'x',
  owners: [
    { owner: 'Microsoft', domains: ['microsoft.com'], source: 'v2fly:microsoft' },
    { owner: 'Contoso', domains: ['contoso.example'], source: 'v2fly:contoso' },
  ],
});
const decide = (names: EndpointName[]) => decideEndpoint(catalog.matchFlow(names, '192.0.2.1', 443), names, owners);

describe('decideEndpoint', () => {
  it('prefers the asked name rule over an exact rule on a chain name', () => {
    const d = decide([
      {
        name: 'v10.events.data.microsoft.com',
        cnameChain: ['v10.events.data.microsoft.com', 'e1.dscb.akamaiedge.net'],
      },
    ]);
    expect(d).toMatchObject({ vendor: 'Microsoft', vendorBasis: 'rule', category: 'telemetry', categoryBasis: 'rule' });
    expect(d.match?.rule.id).toBe('ms.events');
    expect(d.match?.via).toBe('name');
  });

  it('never lets a generic delivery-network rule on the chain speak over the asked name owner', () => {
    const d = decide([{ name: 'www.microsoft.com', cnameChain: ['www.microsoft.com', 'e9.dscb.akamaiedge.net'] }]);
    expect(d).toMatchObject({ vendor: 'Microsoft', vendorBasis: 'domain-owner', ownerBasis: 'name', match: null });
    expect(d.setAside?.rule.id).toBe('akamai.cdn');
    expect(d.explanation).toContain('set aside');
  });

  it('uses a rule on the chain when the asked name has none, and says so', () => {
    const d = decide([
      { name: 'metrics.contoso.example', cnameChain: ['metrics.contoso.example', 'ingest.vendor.example'] },
    ]);
    expect(d).toMatchObject({ vendor: 'Vendor', vendorBasis: 'cname-chain', category: 'telemetry' });
    expect(d.match).toMatchObject({ via: 'cname-chain', askedName: 'metrics.contoso.example' });
    expect(d.explanation).toContain('via the CNAME chain of metrics.contoso.example');
    // The owner of the asked name is still reported.
    expect(d.owner?.owner).toBe('Contoso');
  });

  it('judges an edge name seen alone by the host it embeds (rule, then owner)', () => {
    const rule = decide([{ name: 'v10.vortex-win.events.data.microsoft.com.akadns.net' }]);
    expect(rule).toMatchObject({ vendor: 'Microsoft', vendorBasis: 'edge-name' });
    expect(rule.match?.matchedName).toBe('v10.vortex-win.events.data.microsoft.com');
    const owner = decide([{ name: 'www.microsoft.com-c-3.edgekey.net' }]);
    expect(owner).toMatchObject({ vendor: 'Microsoft', vendorBasis: 'domain-owner', ownerBasis: 'edge-name' });
  });

  it('looks the owner up on the chain last', () => {
    const d = decide([{ name: 'x.unknown.example', cnameChain: ['x.unknown.example', 'svc.contoso.example'] }]);
    expect(d).toMatchObject({ vendor: 'Contoso', ownerBasis: 'cname-chain', ownerName: 'svc.contoso.example' });
  });

  it('falls back to the generic delivery-network rule when nothing else is known', () => {
    const d = decide([{ name: 'e7.dscb.akamaiedge.net' }]);
    expect(d).toMatchObject({ vendor: 'Akamai', vendorBasis: 'rule', category: 'content-delivery' });
    expect(d.match?.via).toBe('cdn-edge');
  });

  it('gives a category by name pattern only when no rule decided, with the pattern as evidence', () => {
    const d = decide([{ name: 'ocsp.contoso.example' }]);
    expect(d).toMatchObject({
      vendor: 'Contoso',
      category: 'certificate',
      categoryBasis: 'name-pattern',
      namePattern: { pattern: 'ocsp', name: 'ocsp.contoso.example' },
    });
    expect(d.explanation).toContain('name pattern "ocsp"');
    const off = decideEndpoint(null, [{ name: 'ocsp.contoso.example' }], owners, { namePatterns: [] });
    expect(off).toMatchObject({ category: null, categoryBasis: null });
    const ruled = decide([{ name: 'api.vendor.example' }]);
    expect(ruled).toMatchObject({ category: 'analytics', categoryBasis: 'rule', namePattern: null });
  });

  it('takes the category all catalogued siblings share, below a registrable domain only', () => {
    const siblings = Catalog.fromCatalogs([
      {
        file: 's.json',
        catalog: {
          catalogVersion: 't',
          updated: 'x',
          rules: [
            rule('upd', { names: ['p01.upd.contoso.example', 'p02.upd.contoso.example'] }, { category: 'update' }),
            rule('top1', { names: ['a.contoso.example'] }, { category: 'update' }),
            rule('top2', { names: ['b.contoso.example'] }, { category: 'update' }),
            rule('mixed1', { names: ['x.mix.contoso.example'] }, { category: 'update' }),
            rule('mixed2', { names: ['y.mix.contoso.example'] }, { category: 'telemetry' }),
          ],
        },
      },
    ]);
    const names = [{ name: 'p17.upd.contoso.example' }];
    const d = decideEndpoint(siblings.matchFlow(names), names, owners, { catalog: siblings });
    expect(d).toMatchObject({ vendor: 'Contoso', category: 'update', categoryBasis: 'sibling-rules' });
    expect(d.explanation).toContain('shared by all 2 catalogued names under upd.contoso.example');
    expect(siblings.siblingCategory('c.contoso.example')).toBeNull();
    expect(siblings.siblingCategory('z.mix.contoso.example')).toBeNull();
  });

  it('says unknown when nothing is known', () => {
    const d = decide([{ name: 'www.nowhere.example' }]);
    expect(d).toMatchObject({ vendor: null, vendorBasis: null, category: null, owner: null });
  });
});
