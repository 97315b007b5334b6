import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { packageRoot } from '../../../src/enrich/catalog/load.js';
import { DomainOwners } from '../../../src/enrich/owners/domain-owners.js';
import { isHeldOut, splitCatalog, splitOwners } from '../../../src/tools/catalog-validate/holdout.js';
import { measure } from '../../../src/tools/catalog-validate/measure.js';
import { rebuiltImports } from '../../../src/tools/catalog-validate/rebuilt.js';
import { parseCsv, referenceItems } from '../../../src/tools/catalog-validate/reference.js';
import { isVendorLabel, sameVendor } from '../../../src/tools/catalog-validate/vendors.js';
import { rule } from '../../fixtures/catalog-rule.js';

describe('holdout', () => {
  it('holds out about the given share, the same names every time', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `host${i}.example.com`);
    const held = names.filter((n) => isHeldOut(n));
    expect(held.length / names.length).toBeGreaterThan(0.17);
    expect(held.length / names.length).toBeLessThan(0.23);
    expect(names.filter((n) => isHeldOut(n))).toEqual(held);
    expect(isHeldOut('HOST1.example.com')).toBe(isHeldOut('host1.example.com'));
  });

  it('splits a catalog file: held-out names leave their rule; a rule left empty is dropped', () => {
    const all = splitCatalog(
      'f.json',
      {
        catalogVersion: '1',
        updated: 'x',
        rules: [
          rule('r', { names: ['a.example.com', 'b.example.com'], suffixes: ['*.c.example.com'], ports: [443] }),
          rule('range', { cidrs: ['192.0.2.0/24'] }),
        ],
      },
      1,
    );
    expect(all.train.rules.map((r) => r.id)).toEqual(['range']);
    expect(all.heldOut.map((h) => [h.name, h.kind])).toEqual([
      ['a.example.com', 'exact'],
      ['b.example.com', 'exact'],
      ['c.example.com', 'suffix-base'],
    ]);
    const none = splitCatalog(
      'f.json',
      { catalogVersion: '1', updated: 'x', rules: [rule('r', { names: ['a.example.com'] })] },
      0,
    );
    expect(none.heldOut).toEqual([]);
    expect(none.train.rules).toHaveLength(1);
    const owners = splitOwners({ updated: 'x', owners: [{ owner: 'O', domains: ['o.example'], source: 's' }] }, 1);
    expect(owners.train.owners[0]?.domains).toEqual([]);
    expect(owners.heldOut[0]).toMatchObject({ name: 'o.example', vendor: 'O', category: null });
  });
});

describe('vendor names', () => {
  it('agree across spellings, brackets and known other names', () => {
    expect(sameVendor('Microsoft Corporation', 'Microsoft')).toBe(true);
    expect(sameVendor('Facebook', 'Meta')).toBe(true);
    expect(sameVendor('Salesforce (Slack)', 'Slack Technologies')).toBe(true);
    expect(sameVendor('Google Trust Services', 'Google LLC')).toBe(true);
    expect(sameVendor('Apple', 'Microsoft')).toBe(false);
    expect(isVendorLabel('third party (listed by Microsoft)')).toBe(false);
    expect(isVendorLabel('Apple')).toBe(true);
  });
});

describe('reference list', () => {
  it('reads quoted CSV and turns patterns into names', () => {
    expect(parseCsv('a,"b,""c""",d\r\n1,2,3\n')).toEqual([
      ['a', 'b,"c"', 'd'],
      ['1', '2', '3'],
    ]);
    const { items, skipped } = referenceItems(
      'hostname_pattern,vendor,product,category,personal_data,source\n*.example.com,Ex,"P, p",telemetry,likely,s\nrouter*.x.com,X,P,other,possible,s\nocsp.x.com,X,P,nonsense,unlikely,s\n',
    );
    expect(items).toEqual([
      { name: 'example.com', vendor: 'Ex', category: 'telemetry', kind: 'suffix-base', from: 'reference' },
      { name: 'ocsp.x.com', vendor: 'X', category: null, kind: 'exact', from: 'reference' },
    ]);
    expect(skipped).toBe(1);
  });
});

describe('measure', () => {
  it('scores vendor and category agreement and counts name patterns', () => {
    const catalog = Catalog.fromCatalogs([
      {
        file: 'c.json',
        catalog: { catalogVersion: '1', updated: 'x', rules: [rule('r', { names: ['a.example.com'] })] },
      },
    ]);
    const owners = new DomainOwners({ updated: 'x', owners: [{ owner: 'Ex', domains: ['example.org'], source: 's' }] });
    const a = measure(
      [
        { name: 'a.example.com', vendor: 'V', category: 'telemetry', kind: 'exact', from: 't' },
        { name: 'ocsp.example.org', vendor: 'Ex Inc.', category: 'certificate', kind: 'exact', from: 't' },
        { name: 'b.example.net', vendor: 'N', category: 'other', kind: 'exact', from: 't' },
      ],
      catalog,
      owners,
      { keepMisses: 5 },
    );
    expect(a).toMatchObject({ names: 3, vendorDecided: 2, vendorRight: 2, categoryRight: 2, categoryDecided: 2 });
    expect(a.byPattern).toEqual({ ocsp: { decided: 1, right: 1 } });
    expect(a.byFile).toEqual({ 'c.json': { decided: 1, right: 1 } });
    expect(a.misses).toHaveLength(1);
  });
});

describe('imports rebuilt without the curated files', () => {
  it('holds what the locked sources say even of names a curated rule has', () => {
    const { catalog, owners } = rebuiltImports(packageRoot());
    // clients2.google.com is in a curated file, so the shipped import leaves it out; Chromium's own source names it.
    const m = catalog.matchFlow([{ name: 'clients2.google.com' }]);
    expect(m?.file).toBe('imported-vendor-code.json');
    expect(m?.rule.category).toBe('update');
    expect(catalog.files.every((f) => f.file.startsWith('imported-'))).toBe(true);
    expect(owners.ownerOf('google.com')?.owner).toBe('Google');
  });
});

describe.skipIf(
  !existsSync(join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'reference', 'telemetry-endpoints.csv')),
)('the shared reference list', () => {
  it('parses every row', () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'reference', 'telemetry-endpoints.csv'),
      'utf8',
    );
    const { items } = referenceItems(text);
    expect(items.length).toBeGreaterThan(400);
  });
});
