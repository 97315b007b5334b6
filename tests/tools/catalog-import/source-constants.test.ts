import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/enrich/catalog/types.js';
import { buildImport, VENDOR_CODE_FILE } from '../../../src/tools/catalog-import/build.js';
import { MULTI_PURPOSE_ORDER, VENDOR_CODE } from '../../../src/tools/catalog-import/mappings.js';
import { parseSourceConstants } from '../../../src/tools/catalog-import/source-constants.js';

describe('source constants', () => {
  it('reads C++, TypeScript, Objective-C, Swift, object keys and Android resources', () => {
    const text = [
      '// Default server of Variations seed info.',
      'const char kDefaultServerUrl[] =',
      '    "https://clientservices.googleapis.com/chrome-variations/seed";',
      'const char kOldMetricsServerUrl[] = "https://clients4.google.com/uma/v2";',
      "export const SEGMENT_API_HOST = 'api.segment.io/v1'",
      "  TOKEN_API_HOST = 'securetoken.googleapis.com',",
      'NSString* const FIRCLSReportsEndpoint = @"https://reports.crashlytics.com";',
      'static NSString *const kServerURLDomain =',
      '    @"https://firebaseremoteconfig.googleapis.com";',
      '    case firebaseProxyProd = "https://firebasevertexai.googleapis.com"',
      "    'api_host':                          'https://api-js.mixpanel.com',",
      "const LOG: string = 'https://play.google.com/log?format=json_proto3';",
      '<string name="captive_portal_http_url" translatable="false">http://connectivitycheck.gstatic.com/generate_204</string>',
    ].join('\n');
    const r = parseSourceConstants(text);
    expect(r.constants.map((c) => [c.key, c.host, c.line])).toEqual([
      ['kDefaultServerUrl', 'clientservices.googleapis.com', 3],
      ['kOldMetricsServerUrl', 'clients4.google.com', 4],
      ['SEGMENT_API_HOST', 'api.segment.io', 5],
      ['TOKEN_API_HOST', 'securetoken.googleapis.com', 6],
      ['FIRCLSReportsEndpoint', 'reports.crashlytics.com', 7],
      ['kServerURLDomain', 'firebaseremoteconfig.googleapis.com', 9],
      ['firebaseProxyProd', 'firebasevertexai.googleapis.com', 10],
      ['api_host', 'api-js.mixpanel.com', 11],
      ['LOG', 'play.google.com', 12],
      ['captive_portal_http_url', 'connectivitycheck.gstatic.com', 13],
    ]);
  });

  it('skips comments, placeholders, unnamed URLs and strings that are not hosts', () => {
    const text = [
      '// const char kX[] = "https://commented.example.com";',
      ' * see https://docs.example.com/page',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text whose placeholders are under test
      '  dbUrl = `${app.options.projectId}-default-rtdb.firebaseio.com`;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text whose placeholders are under test
      '  const url = `https://${region}.example.com/v1`;',
      '  return `https://cdn.segment.com`',
      'const char kUkmMimeType[] = "application/vnd.chrome.ukm";',
      "const FILE = 'logs.json';",
      '#include "components/metrics/url_constants.h"',
    ].join('\n');
    const r = parseSourceConstants(text);
    expect(r.constants).toEqual([]);
    expect(r.placeholders).toBe(1);
    expect(r.unnamed).toBe(1);
  });

  it('never throws and returns only lower-case host names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (s) => {
        const r = parseSourceConstants(s);
        for (const c of r.constants) {
          expect(c.host).toBe(c.host.toLowerCase());
          expect(c.host).toMatch(/^[a-z0-9_.-]+$/);
          expect(c.key.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('const char k', 'X[] =', ' "https://', 'a.example.com', '/p";', '\n', "'", '@', '`'), {
          maxLength: 60,
        }),
        (parts) => {
          expect(() => parseSourceConstants(parts.join(''))).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts over-long lines instead of reading them', () => {
    const r = parseSourceConstants(`const char kA[] = "https://a.example.com/${'x'.repeat(30_000)}";\n`);
    expect(r.constants).toEqual([]);
    expect(r.badLines).toBe(1);
  });
});

describe('vendor code table', () => {
  it('names every file once per source, with a vendor and a source URL at a commit', () => {
    const ids = new Set<string>();
    for (const code of VENDOR_CODE) {
      expect(ids.has(code.idPrefix)).toBe(false);
      ids.add(code.idPrefix);
      expect(code.vendor.length).toBeGreaterThan(0);
      const files = code.files.map((f) => f.file);
      expect(new Set(files).size).toBe(files.length);
      for (const f of code.files) {
        expect(f.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
        expect(f.url.endsWith(f.file)).toBe(true);
        for (const k of f.keys) if (k.category !== null) expect(MULTI_PURPOSE_ORDER).toContain(k.category);
      }
    }
  });
});

describe('vendor code in the import', () => {
  const curated: CatalogFile = {
    catalogVersion: 't',
    updated: '2026-11-29',
    rules: [
      {
        id: 'x.curated',
        match: { names: ['update.googleapis.com'] },
        vendor: 'Google',
        product: 'p',
        category: 'update',
        personalData: { rating: 'possible', kinds: [] },
        source: 'https://example.com',
        verified: '2026-11-29',
      },
    ],
  };
  const chromium = new Map([
    [
      'components/metrics/url_constants.cc',
      [
        'const char kNewMetricsServerUrl[] =',
        '    "https://clientservices.googleapis.com/uma/v2";',
        'const char kDefaultUkmServerUrl[] = "https://clients4.google.com/ukm";',
        'const char kDefaultMetricsMimeType[] = "application/vnd.chrome.uma";',
      ].join('\n'),
    ],
    [
      'components/variations/variations_url_constants.cc',
      'const char kDefaultServerUrl[] =\n    "https://clientservices.googleapis.com/chrome-variations/seed";\n',
    ],
    [
      'components/sync/base/sync_util.cc',
      'const char* const kSyncServerUrl = "https://clients4.google.com/chrome-sync";\n',
    ],
    [
      'components/component_updater/component_updater_url_constants.cc',
      'const char kUpdaterJSONDefaultUrl[] =\n    "https://update.googleapis.com/service/update2/json";\n',
    ],
    [
      'google_apis/gaia/gaia_urls.cc',
      'const char kDefaultGoogleUrl[] = "http://google.com";\nconst char kDefaultGaiaUrl[] = "https://accounts.google.com";\nconst char kSomethingElse[] = "https://other.google.com";\n',
    ],
  ]);
  const firebase = new Map([
    [
      'FirebaseRemoteConfig/Sources/RCNConfigFetch.m',
      [
        '#ifdef RCN_STAGING_SERVER',
        'static NSString *const kServerURLDomain =',
        '    @"https://staging-firebaseremoteconfig.sandbox.googleapis.com";',
        '#else',
        'static NSString *const kServerURLDomain = @"https://firebaseremoteconfig.googleapis.com";',
        '#endif',
      ].join('\n'),
    ],
  ]);
  const mixpanel = new Map([
    [
      'src/mixpanel-core.js',
      "var DEFAULT_CONFIG = {\n    'api_host': 'https://api-js.mixpanel.com',\n    'app_host': 'https://mixpanel.com',\n    'cdn': 'https://cdn.mxpnl.com',\n",
    ],
  ]);
  const { files, report } = buildImport({
    v2fly: { lockId: 'v2', retrieved: '2026-12-07', lists: new Map([['google', 'google.com\n']]) },
    m365: null,
    windows: null,
    vendorCode: new Map([
      ['chromium-url-constants', { lockId: 'chromium-url-constants', retrieved: '2026-12-07', files: chromium }],
      ['firebase-ios-sdk', { lockId: 'firebase-ios-sdk', retrieved: '2026-12-07', files: firebase }],
      ['mixpanel-js', { lockId: 'mixpanel-js', retrieved: '2026-12-07', files: mixpanel }],
    ]),
    curated: [curated],
  });
  const catalog = JSON.parse(files.get(VENDOR_CODE_FILE) ?? '{}') as CatalogFile;
  const byId = new Map(catalog.rules.map((r) => [r.id, r]));

  it('reads the purpose from the constant name, the host from the file', () => {
    expect(byId.get('code.chromium.identity')?.match.names).toEqual(['accounts.google.com']);
    expect(byId.get('code.mixpanel.analytics')?.match.names).toEqual(['api-js.mixpanel.com']);
    expect(byId.get('code.mixpanel.content-delivery')?.match.names).toEqual(['cdn.mxpnl.com']);
    expect(byId.get('code.mixpanel.analytics')?.vendor).toBe('Mixpanel');
    expect(byId.get('code.chromium.identity')?.source).toContain('/google_apis/gaia/gaia_urls.cc');
    expect(byId.get('code.chromium.identity')?.confidence).toBe('documented');
  });

  it('states the most personal purpose of a host named for several, and says so', () => {
    // clientservices.googleapis.com: UMA uploads (telemetry) and the Variations seed (other);
    // clients4.google.com: UKM (telemetry) and Chrome Sync (sync-storage).
    const telemetry = byId.get('code.chromium.telemetry');
    expect(telemetry?.match.names).toEqual(['clients4.google.com', 'clientservices.googleapis.com']);
    expect(telemetry?.notes).toContain('clients4.google.com is named for telemetry and sync-storage');
    expect(byId.has('code.chromium.other')).toBe(false);
    expect(byId.has('code.chromium.sync-storage')).toBe(false);
  });

  it('leaves out unmapped constants, non-services, staging servers and names curated rules have', () => {
    const all = catalog.rules.flatMap((r) => r.match.names ?? []);
    expect(all).not.toContain('other.google.com');
    expect(all).not.toContain('google.com');
    expect(all).not.toContain('mixpanel.com');
    expect(all).not.toContain('staging-firebaseremoteconfig.sandbox.googleapis.com');
    expect(all).toContain('firebaseremoteconfig.googleapis.com');
    expect(all).not.toContain('update.googleapis.com');
    expect(report.skippedHosts['unmapped-constant']).toBe(1);
    expect(report.skippedHosts['constant-not-a-service']).toBe(2);
    expect(report.skippedHosts['not-vendor-traffic']).toBe(1);
    expect(report.curatedWins).toBe(1);
  });

  it("adds the vendor's domains v2fly does not know to the owner table", () => {
    const owners = JSON.parse(files.get('data/owners/domain-owners.json') ?? '{}') as {
      owners: { owner: string; domains: string[]; source: string }[];
    };
    expect(owners.owners.find((o) => o.source === 'mixpanel-js')).toEqual({
      owner: 'Mixpanel',
      domains: ['mixpanel.com', 'mxpnl.com'],
      source: 'mixpanel-js',
    });
    // google.com is v2fly's already; a *.googleapis.com host is its own registrable domain (a private suffix).
    expect(owners.owners.find((o) => o.owner === 'Google' && o.source === 'chromium-url-constants')?.domains).toEqual([
      'clientservices.googleapis.com',
      'update.googleapis.com',
    ]);
    expect(report.owners.fromVendorCode).toBe(5);
  });
});
