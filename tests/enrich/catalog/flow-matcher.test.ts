import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../src/core/ip-format.js';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { FlowCatalogMatcher, type FlowName } from '../../../src/enrich/catalog/flow-matcher.js';
import type { CatalogRule } from '../../../src/enrich/catalog/types.js';
import { rule } from '../../fixtures/catalog-rule.js';

/** Every kind of rule: names, suffixes, port- and range-constrained names, range-only rules (with a port). */
const RULES: CatalogRule[] = [
  rule('exact', { names: ['a.example.com'] }),
  rule('suffix', { suffixes: ['*.example.com'] }),
  rule('suffix-port', { suffixes: ['*.example.com'], ports: [8443] }),
  rule('name-range', { names: ['b.example.com'], cidrs: ['192.0.2.0/25', '2001:db8::/48'] }),
  rule('suffix-range', { suffixes: ['*.cdn.example.net'], cidrs: ['198.51.100.0/24'] }),
  rule('cname-target', { names: ['edge.cdn.example.net'] }),
  rule('range', { cidrs: ['192.0.2.0/24', '2001:db8::/32'] }),
  rule('range-port', { cidrs: ['203.0.113.0/24'], ports: [443] }),
  rule('cdn', { suffixes: ['*.akamaiedge.net'] }),
  rule('edge-embedded', { names: ['t.example.org'] }),
];

function candidates(names: readonly FlowName[]): string[] {
  return names.flatMap((n) => [n.name, ...(n.cnameChain ?? [])]);
}

const name = fc.constantFrom(
  'a.example.com',
  'A.Example.COM.',
  'b.example.com',
  'x.example.com',
  'edge.cdn.example.net',
  'www.cdn.example.net',
  'other.example.org',
  'a b',
  'a',
  '',
  '3:abc',
  'e1.dscb.akamaiedge.net',
  't.example.org.edgekey.net',
  't.example.org',
);
const flowName = fc.record(
  { name, cnameChain: fc.array(name, { maxLength: 2 }) },
  { requiredKeys: ['name'] },
) as fc.Arbitrary<FlowName>;
const server = fc.constantFrom(
  '192.0.2.1',
  '192.0.2.200',
  '198.51.100.9',
  '203.0.113.5',
  '8.8.8.8',
  '2001:db8::1',
  '2001:db8:1::1',
  '2a00::1',
  'not-an-address',
);

describe('FlowCatalogMatcher', () => {
  it('answers what Catalog.matchFlow answers for the names (with links), whatever the order of flows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            names: fc.array(flowName, { maxLength: 3 }),
            server,
            port: fc.constantFrom(443, 8443, 80, undefined),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.boolean(),
        (flows, withAddresses) => {
          const catalog = Catalog.fromCatalogs([
            { file: 'c.json', catalog: { catalogVersion: 't', updated: 'x', rules: RULES } },
          ]);
          const matcher = new FlowCatalogMatcher(catalog);
          const addresses = { addressOf: (ip: string) => parseIp(ip) };
          for (const f of flows) {
            const expected = catalog.matchFlow(matcher.namesWithLinks(f.names), f.server, f.port);
            const got = matcher.match(f.names, f.server, f.port, withAddresses ? addresses : undefined);
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers what Catalog.match answers for the candidate list when no chain or edge name is involved', () => {
    const plain = fc.constantFrom('a.example.com', 'b.example.com', 'x.example.com', 'other.example.org', 'a', '');
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: plain }), { maxLength: 3 }),
        server,
        fc.constantFrom(443, 8443, undefined),
        (names, ip, port) => {
          const catalog = Catalog.fromCatalogs([
            { file: 'c.json', catalog: { catalogVersion: 't', updated: 'x', rules: RULES } },
          ]);
          const got = new FlowCatalogMatcher(catalog).match(names, ip, port);
          const expected = catalog.match(candidates(names), ip, port);
          expect(got === null ? null : { ...got, via: undefined, askedName: undefined }).toEqual(
            expected === null ? null : { ...expected, via: undefined, askedName: undefined },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('judges an edge name seen alone by the asked name an earlier chain led to it from', () => {
    const catalog = Catalog.fromCatalogs([
      {
        file: 'c.json',
        catalog: {
          catalogVersion: 't',
          updated: 'x',
          rules: [rule('cdn', { suffixes: ['*.akamaiedge.net'] }), rule('vendor', { names: ['t.example.org'] })],
        },
      },
    ]);
    const matcher = new FlowCatalogMatcher(catalog);
    const edge = 'e1.dscb.akamaiedge.net';
    // Before any chain showed the link: only the generic delivery-network rule.
    expect(matcher.match([{ name: edge }], '8.8.8.8', 443)).toMatchObject({ rule: { id: 'cdn' }, via: 'cdn-edge' });
    matcher.match([{ name: 't.example.org', cnameChain: ['t.example.org', edge] }], '8.8.8.8', 443);
    expect(matcher.linkOf(edge)).toBe('t.example.org');
    expect(matcher.match([{ name: edge }], '8.8.4.4', 443)).toMatchObject({
      rule: { id: 'vendor' },
      via: 'cname-chain',
      askedName: edge,
      matchedName: 't.example.org',
    });
  });

  it('recomputes per address when a matching name rule constrains the range', () => {
    const catalog = Catalog.fromCatalogs([
      { file: 'c.json', catalog: { catalogVersion: 't', updated: 'x', rules: RULES } },
    ]);
    const matcher = new FlowCatalogMatcher(catalog);
    const names = [{ name: 'b.example.com' }];
    expect(matcher.match(names, '192.0.2.1', 443)?.rule.id).toBe('name-range');
    expect(matcher.match(names, '192.0.2.200', 443)?.rule.id).toBe('suffix');
    expect(matcher.match(names, '192.0.2.2', 443)?.rule.id).toBe('name-range');
  });

  it('keeps one name apart from several names that would join to the same text', () => {
    const catalog = Catalog.fromCatalogs([
      {
        file: 'c.json',
        catalog: {
          catalogVersion: 't',
          updated: 'x',
          rules: [rule('ab', { names: ['a b'] }), rule('b', { names: ['b'] })],
        },
      },
    ]);
    const matcher = new FlowCatalogMatcher(catalog);
    expect(matcher.match([{ name: 'a b' }], '8.8.8.8', 443)?.rule.id).toBe('ab');
    expect(matcher.match([{ name: 'a' }, { name: 'b' }], '8.8.8.8', 443)?.rule.id).toBe('b');
    expect(matcher.match([{ name: 'a', cnameChain: ['b'] }], '8.8.8.8', 443)?.rule.id).toBe('b');
  });

  it('tries the range rules for unnamed flows', () => {
    const catalog = Catalog.fromCatalogs([
      { file: 'c.json', catalog: { catalogVersion: 't', updated: 'x', rules: RULES } },
    ]);
    const matcher = new FlowCatalogMatcher(catalog);
    expect(matcher.match([], '203.0.113.5', 443)?.rule.id).toBe('range-port');
    expect(matcher.match([], '203.0.113.5', 80)).toBeNull();
    expect(matcher.match([], '2001:db8:5::1')?.matchKind).toBe('cidr');
    expect(matcher.match([], 'not-an-address', 443)).toBeNull();
  });
});
