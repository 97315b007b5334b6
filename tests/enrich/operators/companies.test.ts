import { describe, expect, it } from 'vitest';
import { COMPANIES } from '../../../src/enrich/operators/companies.js';
import { lookupOperator, toReportOperator } from '../../../src/enrich/operators/operator-lookup.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const us = [...COMPANIES.values()].filter((c) => c.hq === 'US');

describe('DPF facts', () => {
  it('every verified US fact names its basis, a source URL and the dates it rests on', () => {
    for (const c of us.filter((u) => u.dpf.verified)) {
      expect(['dpf-list', 'company-statement'], c.key).toContain(c.dpf.basis);
      expect(c.dpf.source, c.key).toMatch(/https:\/\/[^\s)]+/);
      expect(c.dpf.recorded, c.key).toMatch(DATE);
      expect(c.dpf.read, c.key).toMatch(DATE);
      // The source's own date cannot be later than the day it was read.
      expect(c.dpf.recorded <= (c.dpf.read ?? ''), c.key).toBe(true);
      expect(c.dpf.participant, c.key).not.toBeNull();
    }
  });

  it('says when a fact rests on the company, not on the DPF list', () => {
    for (const c of us.filter((u) => u.dpf.basis === 'company-statement')) {
      expect(c.dpf.source, c.key).toMatch(/^company statement \(https:\/\/.+\), not the DPF list: .{20,}/);
    }
  });

  it('keeps every other US fact unverified, pointing at the DPF list', () => {
    for (const c of us.filter((u) => !u.dpf.verified)) {
      expect(c.dpf.basis, c.key).toBe('none');
      expect(c.dpf.source, c.key).toBe('https://www.dataprivacyframework.gov/list');
      expect(c.dpf.read, c.key).toBeUndefined();
    }
  });

  it('marks non-US companies as not applicable', () => {
    for (const c of COMPANIES.values()) {
      if (c.hq === 'US') continue;
      expect(c.dpf).toMatchObject({ participant: null, basis: 'not-applicable', source: 'not a US organisation' });
    }
  });

  it('verifies exactly the companies whose statements were read (a change here must be deliberate)', () => {
    const verified = us.filter((c) => c.dpf.verified).map((c) => [c.key, c.dpf.basis, c.dpf.recorded]);
    expect(verified).toEqual([
      ['alphabet', 'company-statement', '2023-09-01'],
      ['meta', 'company-statement', '2023-09-07'],
    ]);
    expect(COMPANIES.get('alphabet')?.dpf.source).toContain('https://policies.google.com/privacy/frameworks');
    expect(COMPANIES.get('meta')?.dpf.source).toContain('https://about.fb.com/news/2023/05/');
  });

  it('reports a verified fact with its source date, and an unverified one as unknown', () => {
    const google = lookupOperator(15169);
    const microsoft = lookupOperator(8075);
    if (google === null || microsoft === null) throw new Error('ASN table lost Google or Microsoft');
    expect(toReportOperator(google)).toMatchObject({ dpfCertified: true, dpfAsOf: '2023-09-01' });
    expect(toReportOperator(microsoft)).toMatchObject({ dpfCertified: null, dpfAsOf: null });
    // GitHub's own DPF statement is GitHub, Inc.'s: it does not make Microsoft Corporation verified.
    expect(lookupOperator(36459)?.dpf.verified).toBe(false);
  });
});
