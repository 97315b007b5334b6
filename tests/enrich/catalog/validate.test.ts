import { describe, expect, it } from 'vitest';
import { formatCatalogError, validateCatalog } from '../../../src/enrich/catalog/validate.js';

const good = {
  id: 'vendor.product',
  match: { names: ['a.example.com'], suffixes: ['*.b.example.com'], ports: [443], cidrs: ['192.0.2.0/24'] },
  vendor: 'Vendor',
  product: 'Product',
  category: 'telemetry',
  personalData: { rating: 'likely', kinds: ['device-identifiers'] },
  region: 'eu',
  source: 'https://example.org/doc',
  verified: '2026-11-29',
};
const doc = (rules: unknown[]) => ({ catalogVersion: '1', updated: '2026-11-29', rules });
const errorsOf = (data: unknown): string[] => {
  const r = validateCatalog(data);
  return r.ok ? [] : r.errors.map((e) => formatCatalogError(e, 'f.json'));
};

describe('validateCatalog', () => {
  it('accepts a valid file', () => {
    expect(errorsOf(doc([good]))).toEqual([]);
    expect(errorsOf(doc([{ ...good, verified: undefined, confidence: 'unverified' }]))).toEqual([]);
  });

  it('names the rule index, id and key of every error', () => {
    const lines = errorsOf(
      doc([good, { ...good, id: 'vendor.bad', match: { suffixes: ['example.com'] }, category: 'spying', extra: 1 }]),
    );
    expect(lines).toContain('f.json: rule 1 (vendor.bad): match.suffixes[0]: must look like "*.example.com"');
    expect(lines.some((l) => l.startsWith('f.json: rule 1 (vendor.bad): category: must be one of'))).toBe(true);
    expect(lines).toContain('f.json: rule 1 (vendor.bad): extra: unknown key');
  });

  it('requires verified unless the rule is flagged unverified', () => {
    const { verified: _omit, ...noDate } = good;
    expect(errorsOf(doc([noDate]))).toEqual([
      'f.json: rule 0 (vendor.product): verified: required unless confidence is "unverified"',
    ]);
  });

  it('rejects bad dates, URLs, CIDRs, ports, ids, kinds and duplicates', () => {
    const lines = errorsOf(
      doc([
        { ...good, verified: '2026-02-30', source: 'ftp://x', match: { cidrs: ['10.0.0.0/40'], ports: [0] } },
        { ...good, id: 'Bad Id', personalData: { rating: 'maybe', kinds: ['dna', 'dna'] } },
        good,
        good,
      ]),
    );
    for (const part of [
      'verified:',
      'source:',
      'match.cidrs[0]',
      'match.ports[0]',
      'rule 1 (Bad Id): id:',
      'personalData.rating',
      'personalData.kinds[0]',
      'duplicate id (first at rule 0)',
    ])
      expect(
        lines.some((l) => l.includes(part)),
        part,
      ).toBe(true);
  });

  it('reports file-level problems', () => {
    expect(errorsOf(null)).toEqual(['f.json: file: not a JSON object']);
    expect(errorsOf({ catalogVersion: '', updated: 'x', rules: {} }).length).toBe(3);
    expect(errorsOf(doc([{ ...good, match: {} }]))).toContain(
      'f.json: rule 0 (vendor.product): match: needs at least one of names, suffixes, cidrs',
    );
  });
});
