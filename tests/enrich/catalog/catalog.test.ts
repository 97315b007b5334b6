import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { cidrContains, parseCidr, parseIp } from '../../../src/enrich/catalog/cidr.js';
import type { CatalogFile, CatalogRule } from '../../../src/enrich/catalog/types.js';
import { rule } from '../../fixtures/catalog-rule.js';

const file = (rules: CatalogRule[]): CatalogFile => ({ catalogVersion: 't', updated: '2026-11-29', rules });

const shipped = file([
  rule('v.wide', { suffixes: ['*.data.example.com'] }),
  rule('v.narrow', { suffixes: ['.events.data.example.com'] }),
  rule('v.exact', { names: ['eu.events.data.example.com'] }),
  rule('v.port', { suffixes: ['*.data.example.com'], ports: [8443] }),
  rule('v.range', { cidrs: ['192.0.2.0/24'] }),
  rule('v.range-narrow', { cidrs: ['192.0.2.128/25'] }),
  rule('v.cname-target', { names: ['edge.cdn.example.net'] }),
  rule('v.override-me', { names: ['old.example.com'] }),
]);

describe('Catalog.match precedence', () => {
  const catalog = Catalog.fromCatalogs([{ file: 'shipped.json', catalog: shipped }]);

  it('prefers an exact name over any suffix', () => {
    const m = catalog.match(['EU.events.data.example.com.']);
    expect(m).toMatchObject({ matchKind: 'exact', matchedName: 'eu.events.data.example.com' });
    expect(m?.rule.id).toBe('v.exact');
  });

  it('prefers the longer suffix over the shorter', () => {
    expect(catalog.match(['us.events.data.example.com'])?.rule.id).toBe('v.narrow');
    expect(catalog.match(['x.data.example.com'])?.rule.id).toBe('v.wide');
  });

  it('a suffix matches strict subdomains only', () => {
    expect(catalog.match(['data.example.com'])).toBeNull();
  });

  it('among equal suffixes, the port-constrained rule wins when the port holds', () => {
    expect(catalog.match(['x.data.example.com'], undefined, 8443)?.rule.id).toBe('v.port');
    expect(catalog.match(['x.data.example.com'], undefined, 443)?.rule.id).toBe('v.wide');
    expect(catalog.match(['x.data.example.com'], undefined, 8443)?.constrained).toBe(true);
  });

  it('considers every name (CNAME chain) and reports the one that matched', () => {
    const m = catalog.match(['www.customer.example', 'edge.cdn.example.net']);
    expect(m).toMatchObject({ matchedName: 'edge.cdn.example.net', matchKind: 'exact' });
    // The most specific wins across names: exact on the second name beats a suffix on the first.
    expect(catalog.match(['x.data.example.com', 'edge.cdn.example.net'])?.rule.id).toBe('v.cname-target');
  });

  it('falls back to address ranges, longest prefix first, and prefers names over ranges', () => {
    expect(catalog.match([], '192.0.2.200')).toMatchObject({ matchKind: 'cidr', pattern: '192.0.2.128/25' });
    expect(catalog.match([], '192.0.2.1')?.rule.id).toBe('v.range');
    expect(catalog.match(['x.data.example.com'], '192.0.2.1')?.rule.id).toBe('v.wide');
    expect(catalog.match([], '198.51.100.1')).toBeNull();
  });

  it('range rules: the same answers at every boundary, IPv4 and IPv6, with and without port constraints', () => {
    const ranges = Catalog.fromCatalogs([
      {
        file: 'r.json',
        catalog: file([
          rule('r.v4', { cidrs: ['203.0.113.0/26', '198.51.100.7/32'] }),
          rule('r.v4-port', { cidrs: ['203.0.113.0/24'], ports: [443] }),
          rule('r.v6', { cidrs: ['2001:db8:40::/48'] }),
        ]),
      },
    ]);
    const id = (ip: string, port?: number) => ranges.match([], ip, port)?.rule.id ?? null;
    expect(id('203.0.113.0')).toBe('r.v4');
    expect(id('203.0.113.63')).toBe('r.v4');
    expect(id('203.0.113.64')).toBeNull();
    expect(id('203.0.113.64', 443)).toBe('r.v4-port');
    expect(id('203.0.113.5', 443)).toBe('r.v4');
    expect(id('198.51.100.7')).toBe('r.v4');
    expect(id('198.51.100.8')).toBeNull();
    expect(id('2001:db8:40:ffff::1')).toBe('r.v6');
    expect(id('2001:db8:41::1')).toBeNull();
    expect(id('not an address')).toBeNull();
  });

  it('lets later files override rules by id', () => {
    const user = file([rule('v.override-me', { names: ['new.example.com'] }, { vendor: 'User' })]);
    const both = Catalog.fromCatalogs([
      { file: 'shipped.json', catalog: shipped },
      { file: 'user.json', catalog: user },
    ]);
    expect(both.match(['old.example.com'])).toBeNull();
    expect(both.match(['new.example.com'])).toMatchObject({ file: 'user.json' });
    expect(both.size).toBe(shipped.rules.length);
  });

  it('ignores names that are empty or longer than a DNS name can be', () => {
    expect(catalog.match(['', `${'a'.repeat(300)}.data.example.com`])).toBeNull();
  });

  it('looks up many names quickly (hash lookups, not a scan)', () => {
    const many = file(Array.from({ length: 5000 }, (_, i) => rule(`v.r${i}`, { suffixes: [`*.s${i}.example.org`] })));
    const big = Catalog.fromCatalogs([{ file: 'big.json', catalog: many }]);
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) big.match([`a.b.s${i % 5000}.example.org`]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('cidr', () => {
  it('parses IPv4 and IPv6 prefixes and tests membership', () => {
    const v4 = parseCidr('10.0.0.0/8');
    const v6 = parseCidr('2001:db8::/32');
    const a = parseIp('10.1.2.3');
    const b = parseIp('2001:db8:1::1');
    expect(v4 && a && cidrContains(v4, a)).toBe(true);
    expect(v6 && b && cidrContains(v6, b)).toBe(true);
    expect(v4 && b && cidrContains(v4, b)).toBe(false);
    expect(parseIp('::ffff:192.0.2.1')).not.toBeNull();
  });

  it('rejects malformed input without throwing', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '01.2.3.4/8', '1:2:3/64', '1::2::3/64', 'x/1', ''])
      expect(parseCidr(bad), bad).toBeNull();
  });
});
