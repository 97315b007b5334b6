import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/enrich/catalog/types.js';
import { buildImport, type ImportInputs } from '../../../src/tools/catalog-import/build.js';
import { parseHageziList } from '../../../src/tools/catalog-import/hagezi.js';
import { onSharedTenantDomain } from '../../../src/tools/catalog-import/hosts.js';
import { parseMispList } from '../../../src/tools/catalog-import/misp.js';

const NAME = /^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/;

describe('parseHageziList', () => {
  it('reads the header and one domain a line; counts bad lines; keeps each name once', () => {
    const parsed = parseHageziList(
      [
        '# Title: Test list',
        '# Version: 1.2',
        '# Title: a comment must not rewrite the title',
        'Metrics.Example.com.',
        'metrics.example.com',
        'not a name',
        'localhost',
        '',
      ].join('\r\n'),
    );
    expect(parsed.header).toEqual({ Title: 'Test list', Version: '1.2' });
    expect(parsed.domains).toEqual(['metrics.example.com']);
    expect(parsed.badLines).toBe(2);
  });

  it('never throws on hostile text and returns only valid names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const d of parseHageziList(text).domains) expect(d).toMatch(NAME);
      }),
    );
  });
});

describe('parseMispList', () => {
  it('reads host-name lists: exact names and .suffix entries; counts bad entries', () => {
    const parsed = parseMispList(
      JSON.stringify({
        name: 'CRL',
        description: 'd',
        version: 20260811,
        type: 'string',
        list: ['crl.example.com', '.ocsp.example.net', 'crl.example.com', 3, 'bad name', ''],
      }),
    );
    expect(parsed.error).toBeNull();
    expect(parsed.version).toBe('20260811');
    expect(parsed.hosts).toEqual([
      { kind: 'name', value: 'crl.example.com' },
      { kind: 'suffix', value: 'ocsp.example.net' },
    ]);
    expect(parsed.badEntries).toBe(3);
  });

  it('refuses non-host lists and unreadable files with a reason', () => {
    expect(parseMispList('{').error).toBe('not JSON');
    expect(parseMispList('[]').error).toBe('not a JSON object');
    expect(parseMispList('{"type":"cidr","list":["10.0.0.0/8"]}').error).toMatch(/not a host-name list/);
    expect(parseMispList('{"type":"string"}').error).toBe('no list array');
  });

  it('never throws on hostile JSON and returns only valid names', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .record({ type: fc.constantFrom('string', 'hostname', 'cidr'), list: fc.array(fc.jsonValue()) })
            .map((v) => JSON.stringify(v)),
        ),
        (text) => {
          for (const h of parseMispList(text).hosts) expect(h.value).toMatch(NAME);
        },
      ),
    );
  });
});

describe('onSharedTenantDomain', () => {
  it('is true only for tenants of a cloud shared domain', () => {
    expect(onSharedTenantDomain('citrixanalyticseh.servicebus.windows.net')).toBe(true);
    expect(onSharedTenantDomain('h4g3z1-native.apple.web.app')).toBe(true);
    // Akamai edge names are tenants too: at run time the host they embed (xp.apple.com) is looked up instead.
    expect(onSharedTenantDomain('xp.apple.com.akadns.net')).toBe(true);
    expect(onSharedTenantDomain('metrics.apple.com')).toBe(false);
  });
});

const curated: CatalogFile = {
  catalogVersion: 't',
  updated: '2026-12-07',
  rules: [
    {
      id: 'x.curated',
      match: { suffixes: ['*.telemetry.microsoft.com'], names: ['crl.curated.com'] },
      vendor: 'Microsoft',
      product: 'p',
      category: 'crash-reporting',
      personalData: { rating: 'likely', kinds: [] },
      source: 'https://example.com',
      verified: '2026-12-07',
    },
  ],
};

const hageziApple = [
  '# Syntax: Domains (including possible subdomains)',
  'metrics.apple.com',
  'eu.metrics.apple.com',
  'xp.apple.com.akadns.net',
  'tracker.demdex.net',
  'h4g3z1-native.apple.web.app',
].join('\n');
const hageziWin = ['watson.telemetry.microsoft.com', 'vortex.data.microsoft.com'].join('\n');
const misp = (list: string[]) => JSON.stringify({ name: 'n', type: 'string', version: 1, list });

function run(extra: Partial<ImportInputs> = {}) {
  return buildImport({
    v2fly: {
      lockId: 'v2',
      retrieved: '2026-12-07',
      lists: new Map([
        ['apple', 'apple.com'],
        ['microsoft', 'microsoft.com'],
        ['adobe', 'demdex.net'],
        ['digicert', 'digicert.com\ncurated.com'],
      ]),
    },
    m365: null,
    windows: null,
    curated: [curated],
    misp: {
      lockId: 'misp',
      retrieved: '2026-12-07',
      files: new Map([
        [
          'lists/crl-hostname/list.json',
          misp(['crl3.digicert.com', 'www.digicert.com', 'crl.unknown-ca.example', 'crl.curated.com']),
        ],
      ]),
    },
    hagezi: {
      lockId: 'hagezi',
      retrieved: '2026-12-07',
      files: new Map([
        ['domains/native.apple.txt', hageziApple],
        ['domains/native.winoffice.txt', hageziWin],
      ]),
    },
    ...extra,
  });
}

function rules(files: Map<string, string>, path: string): CatalogFile['rules'] {
  return (JSON.parse(files.get(path) ?? '{"rules":[]}') as CatalogFile).rules;
}

describe('buildImport with MISP and hagezi lists', () => {
  it('MISP: vendor from the owner table only; www. hosts and unknown owners left out; curated names win', () => {
    const { files, report } = run();
    const misp = rules(files, 'data/catalog/imported-misp.json');
    expect(misp.map((r) => [r.id, r.vendor, r.category, r.match.names])).toEqual([
      ['misp.crl-hostname.digicert', 'DigiCert', 'certificate', ['crl3.digicert.com']],
    ]);
    expect(misp[0]?.confidence).toBe('third-party-list');
    expect(report.skippedHosts['not-list-purpose']).toBe(1);
    expect(report.skippedHosts['unknown-owner']).toBeGreaterThanOrEqual(1);
  });

  it('hagezi: telemetry, the list vendor unless the owner table names another; names and subdomains', () => {
    const { files, report } = run();
    const hagezi = rules(files, 'data/catalog/imported-hagezi.json');
    expect(hagezi.map((r) => [r.id, r.vendor, r.category])).toEqual([
      ['hagezi.apple', 'Apple', 'telemetry'],
      ['hagezi.apple.adobe', 'Adobe', 'telemetry'],
      ['hagezi.winoffice', 'Microsoft', 'telemetry'],
    ]);
    const apple = hagezi[0];
    // eu.metrics.apple.com is under the listed metrics.apple.com, so the parent's suffix covers it.
    expect(apple?.match.names).toEqual(['metrics.apple.com']);
    expect(apple?.match.suffixes).toEqual(['*.metrics.apple.com']);
    expect(apple?.personalData.rating).toBe('likely');
    // The watermark entry on a cloud tenant domain and the Akamai edge name are left out (name and suffix each).
    expect(report.skippedHosts['shared-tenant-host']).toBe(4);
  });

  it('leaves out list entries a more specific suffix already covers (it would outrank it at run time)', () => {
    const { files, report } = run();
    const win = rules(files, 'data/catalog/imported-hagezi.json').find((r) => r.id === 'hagezi.winoffice');
    expect(win?.match.names).toEqual(['vortex.data.microsoft.com']);
    expect(report.coveredBySuffix).toBe(2);
  });

  it('an earlier list wins over a later one for the same name', () => {
    const { files } = run({
      misp: {
        lockId: 'misp',
        retrieved: '2026-12-07',
        files: new Map([['lists/captive-portals/list.json', misp(['probe.apple.com'])]]),
      },
      hagezi: {
        lockId: 'hagezi',
        retrieved: '2026-12-07',
        files: new Map([['domains/native.apple.txt', 'probe.apple.com']]),
      },
    });
    expect(rules(files, 'data/catalog/imported-misp.json').map((r) => r.category)).toEqual(['connectivity-check']);
    const apple = rules(files, 'data/catalog/imported-hagezi.json');
    expect(apple.map((r) => [r.match.names, r.match.suffixes])).toEqual([[undefined, ['*.probe.apple.com']]]);
  });

  it('reports list files the locked source lacks, and is deterministic', () => {
    const { report } = run();
    expect(report.missingFiles).toContain('lists/captive-portals/list.json');
    expect(report.missingFiles).toContain('domains/native.samsung.txt');
    expect(run().files).toEqual(run().files);
  });
});
