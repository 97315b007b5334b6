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
      ['microsoft', 'company-statement', '2023-08-23'],
      ['alphabet', 'company-statement', '2023-09-01'],
      ['amazon', 'company-statement', '2023-08-11'],
      ['cloudflare', 'company-statement', '2023-08-31'],
      ['fastly', 'company-statement', '2023-08-08'],
      ['meta', 'company-statement', '2023-09-07'],
      ['zoom', 'company-statement', '2023-12-01'],
    ]);
    expect(COMPANIES.get('alphabet')?.dpf.source).toContain('https://policies.google.com/privacy/frameworks');
    expect(COMPANIES.get('meta')?.dpf.source).toContain('https://about.fb.com/news/2023/05/');
    expect(COMPANIES.get('microsoft')?.dpf.source).toContain('https://privacy.microsoft.com/');
    expect(COMPANIES.get('amazon')?.dpf.source).toContain('https://aws.amazon.com/privacy/');
    expect(COMPANIES.get('cloudflare')?.dpf.source).toContain('https://www.cloudflare.com/privacypolicy/');
    expect(COMPANIES.get('fastly')?.dpf.source).toContain('https://www.fastly.com/data-privacy-framework');
    expect(COMPANIES.get('zoom')?.dpf.source).toContain('https://zoom.us/privacy');
    // Statements that cover only some services or name no date are leads, not facts.
    for (const key of ['apple', 'oracle', 'ibm', 'cisco', 'akamai', 'salesforce', 'adobe', 'dropbox']) {
      expect(COMPANIES.get(key)?.dpf.verified, key).toBe(false);
    }
  });

  it('reports a verified fact with its source date, and an unverified one as unknown', () => {
    const google = lookupOperator(15169);
    const akamai = lookupOperator(20940);
    if (google === null || akamai === null) throw new Error('ASN table lost Google or Akamai');
    expect(toReportOperator(google)).toMatchObject({ dpfCertified: true, dpfAsOf: '2023-09-01' });
    expect(toReportOperator(akamai)).toMatchObject({ dpfCertified: null, dpfAsOf: null });
    // GitHub's AS is Microsoft's: Microsoft Corporation's own statement covers its controlled US subsidiaries.
    expect(lookupOperator(36459)?.dpf).toBe(COMPANIES.get('microsoft')?.dpf);
  });

  it('counts a fact only from its date: an audit judged on an earlier day sees it as unknown', () => {
    const microsoft = lookupOperator(8075);
    if (microsoft === null) throw new Error('ASN table lost Microsoft');
    expect(toReportOperator(microsoft, '2023-08-22')).toMatchObject({ dpfCertified: null, dpfAsOf: null });
    expect(toReportOperator(microsoft, '2023-08-22').dpfSource).toBeUndefined();
    expect(toReportOperator(microsoft, '2023-08-23')).toMatchObject({ dpfCertified: true, dpfAsOf: '2023-08-23' });
    expect(toReportOperator(microsoft, '2026-12-06').dpfSource).toMatch(/^company statement \(https:/);
    // Without a day the fact counts as recorded (the table's own view).
    expect(toReportOperator(microsoft).dpfCertified).toBe(true);
  });

  it('dates every statement on or after the DPF adequacy decision (10 July 2023)', () => {
    for (const c of us.filter((u) => u.dpf.basis === 'company-statement')) {
      expect(c.dpf.recorded >= '2023-07-10', c.key).toBe(true);
    }
  });
});
