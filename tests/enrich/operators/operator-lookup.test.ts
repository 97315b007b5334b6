import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASN_ROWS } from '../../../src/enrich/operators/asn-table.js';
import { COMPANIES } from '../../../src/enrich/operators/companies.js';
import { lookupOperator, operatorTableSize, toReportOperator } from '../../../src/enrich/operators/operator-lookup.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const operatorsCsv = path.resolve(repoRoot, '../shared/reference/operators.csv');

describe('operator data', () => {
  it('every ASN row names a known company, once', () => {
    const seen = new Set<number>();
    for (const [asn, , key] of ASN_ROWS) {
      expect(COMPANIES.has(key), `${asn} → ${key}`).toBe(true);
      expect(seen.has(asn), `duplicate ASN ${asn}`).toBe(false);
      seen.add(asn);
    }
    expect(operatorTableSize().asns).toBe(ASN_ROWS.length);
  });

  it('every company has an HQ code and a dated DPF fact with a source', () => {
    for (const c of COMPANIES.values()) {
      expect(c.hq).toMatch(/^[A-Z]{2}$/);
      expect(c.dpf.recorded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.dpf.source.length).toBeGreaterThan(0);
      if (c.hq !== 'US') expect(c.dpf.participant).toBeNull();
    }
  });

  describe.skipIf(!existsSync(operatorsCsv))('agrees with the shared reference', () => {
    it('has every reference ASN, unverified where the reference says verify', () => {
      const lines = readFileSync(operatorsCsv, 'utf8').trim().split('\n').slice(1);
      for (const line of lines) {
        const asn = Number(line.slice(0, line.indexOf(',')));
        const row = ASN_ROWS.find((r) => r[0] === asn);
        expect(row, String(asn)).toBeDefined();
        if (/verify/i.test(line)) expect(row?.[4], String(asn)).toBe(false);
      }
    });
  });
});

describe('lookupOperator', () => {
  it('finds operators by ASN with HQ, DPF fact and anycast flag', () => {
    const ms = lookupOperator(8075);
    expect(ms).toMatchObject({ name: 'Microsoft Corporation', hqCountry: 'US', match: 'asn', verified: true });
    expect(ms?.dpf).toMatchObject({ participant: true, verified: true, basis: 'company-statement' });
    expect(ms?.dpf.source).toContain('privacy.microsoft.com');
    expect(lookupOperator(13335)?.anycast).toBe(true);
    expect(lookupOperator(24940)).toMatchObject({ hqCountry: 'DE', anycast: false });
    expect(lookupOperator(8070)?.verified).toBe(false);
    expect(lookupOperator(43515)?.hqCountry).toBe('US');
  });

  it('falls back to the AS organisation name, word-bounded', () => {
    expect(lookupOperator(99999999, 'GOOGLE-CLOUD-PLATFORM')).toMatchObject({
      name: 'Alphabet Inc. (Google LLC)',
      match: 'org-name',
    });
    expect(lookupOperator(null, 'Hetzner Online GmbH')?.hqCountry).toBe('DE');
    // "orange" must not match inside another word.
    expect(lookupOperator(null, 'Orangefield Networks')).toBeNull();
    expect(lookupOperator(null, 'Some Small ISP')).toBeNull();
    expect(lookupOperator(null, null)).toBeNull();
    expect(lookupOperator(undefined, '')).toBeNull();
  });

  it('maps to the report shape, keeping unverified DPF facts unknown', () => {
    const op = lookupOperator(15169);
    expect(op).not.toBeNull();
    if (op === null) return;
    const r = toReportOperator(op);
    expect(r).toMatchObject({ hqCountry: 'US', asn: 15169, anycast: true });
    expect(r.dpfCertified).toBe(op.dpf.verified ? op.dpf.participant : null);
    // A verified fact carries what it rests on into the report; an unknown or not-applicable one carries nothing.
    expect(r.dpfSource === undefined).toBe(!op.dpf.verified);
    if (op.dpf.basis === 'company-statement') expect(r.dpfSource).toMatch(/^company statement \(https:/);
    const hetzner = lookupOperator(24940);
    if (hetzner !== null) {
      expect(toReportOperator(hetzner).dpfCertified).toBeNull();
      expect(toReportOperator(hetzner).dpfSource).toBeUndefined();
    }
    const akamai = lookupOperator(20940);
    expect(akamai?.dpf.verified).toBe(false);
    if (akamai !== null) {
      expect(toReportOperator(akamai)).toMatchObject({ dpfCertified: null, dpfAsOf: null });
      expect(toReportOperator(akamai).dpfSource).toBeUndefined();
    }
  });
});

describe('lookupOperator: the first-word index', () => {
  /** The plain scan the index replaced: every pattern, longest first, word-bounded. */
  function reference(asOrg: string): string | null {
    const patterns: { re: RegExp; length: number; name: string }[] = [];
    for (const company of COMPANIES.values()) {
      for (const p of company.orgPatterns) {
        const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        patterns.push({ re: new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`), length: p.length, name: company.name });
      }
    }
    patterns.sort((a, b) => b.length - a.length);
    const lower = asOrg.toLowerCase().slice(0, 200);
    return patterns.find((p) => p.re.test(lower))?.name ?? null;
  }

  it('names the same company as scanning every pattern, on names built from the patterns', () => {
    const words = [...COMPANIES.values()].flatMap((c) => c.orgPatterns);
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.toUpperCase()),
      fc.constantFrom(' ', '-', ',', '.', '', 'x', '1', 'é', ' inc', ' llc', 'networks'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), (parts) => {
        const org = parts.join('');
        expect(lookupOperator(null, org)?.name ?? null).toBe(reference(org));
      }),
      { numRuns: 5000 },
    );
  });
});
