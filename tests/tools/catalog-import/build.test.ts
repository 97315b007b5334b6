import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/enrich/catalog/types.js';
import { buildImport, compareIds } from '../../../src/tools/catalog-import/build.js';

const curated: CatalogFile = {
  catalogVersion: 't',
  updated: '2026-11-29',
  rules: [
    {
      id: 'x.curated',
      match: { names: ['licensing.mp.microsoft.com'] },
      vendor: 'Microsoft',
      product: 'p',
      category: 'licensing',
      personalData: { rating: 'possible', kinds: [] },
      source: 'https://example.com',
      verified: '2026-11-29',
    },
  ],
};

const windows = [
  '|Area|Description|Protocol|Destination|',
  '|---|---|---|---|',
  '|Licensing|||[Learn how](x.md)|',
  '||Used for activation.|HTTPS|licensing.mp.microsoft.com|',
  '|||HTTP|activation-v2.sls.microsoft.com|',
  '|Certificates|||[Learn](y.md)|',
  '||CTL.|HTTP|ocsp.digicert.com|',
].join('\n');

function run(lists: Record<string, string>) {
  return buildImport({
    v2fly: { lockId: 'v2', retrieved: '2026-12-07', lists: new Map(Object.entries(lists)) },
    m365: null,
    windows: { lockId: 'win', retrieved: '2026-12-07', text: windows },
    curated: [curated],
  });
}

describe('buildImport', () => {
  const lists = {
    microsoft:
      'microsoft.com\nmicrosoft\nfull:login.microsoft.com\nshared.com\nfull:tracker-intake.example @ads\ngithub.io\nfull:ms.github.io @ads',
    digicert: 'digicert.com\nshared.com',
    google: 'google.com\nazurewebsites.net',
  };

  it('keeps clashing domains out of the owner table and reports them; skips non-registrable entries', () => {
    const { files, report } = run(lists);
    const owners = JSON.parse(files.get('data/owners/domain-owners.json') ?? '') as {
      owners: { owner: string; domains: string[]; source: string }[];
    };
    expect(owners.owners).toEqual([
      { owner: 'DigiCert', domains: ['digicert.com'], source: 'v2:digicert' },
      { owner: 'Google', domains: ['google.com'], source: 'v2:google' },
      { owner: 'Microsoft', domains: ['microsoft.com', 'ms.github.io'], source: 'v2:microsoft' },
    ]);
    expect(report.owners.conflicts).toEqual(['shared.com: DigiCert, Microsoft']);
    // "microsoft" (a TLD), full:login.microsoft.com (a subdomain), github.io and azurewebsites.net (tenant suffixes)
    expect(report.owners.notRegistrable).toBe(4);
    // An exact host tagged @ads outside the list's own domains is a tracker the company uses (OpenAI's list holds
    // Datadog's RUM intake); one under a domain the list names (ms.github.io under github.io) stays its own.
    expect(report.owners.trackersUsed).toBe(1);
  });

  it('leaves out names a curated rule has and gives a third-party host its owner as vendor', () => {
    const { files, report } = run(lists);
    const win = JSON.parse(files.get('data/catalog/imported-windows11.json') ?? '') as CatalogFile;
    expect(report.curatedWins).toBe(1);
    expect(win.rules.map((r) => [r.id, r.vendor, r.category, r.match.names])).toEqual([
      ['win11.certificates.0.digicert', 'DigiCert', 'certificate', ['ocsp.digicert.com']],
      ['win11.licensing.0', 'Microsoft', 'licensing', ['activation-v2.sls.microsoft.com']],
    ]);
    expect(win.rules[0]?.confidence).toBe('documented');
  });

  it('gives the same bytes for the same inputs', () => {
    expect(run(lists).files).toEqual(run(lists).files);
  });

  it('sorts ids numerically within labels', () => {
    expect(['a.b.10', 'a.b.9', 'a.a.1'].sort(compareIds)).toEqual(['a.a.1', 'a.b.9', 'a.b.10']);
  });
});
