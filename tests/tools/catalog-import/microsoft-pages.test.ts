/**
 * The Microsoft pages added for purposes (issue #16): the Windows 11 page for non-Enterprise editions (one table per
 * edition, bold headers, several destinations per cell, paths after hosts) and pages whose words sit on the host's
 * own line or table row (Windows diagnostic data, VS Code network hosts, Defender Antivirus).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/enrich/catalog/types.js';
import { buildImport, VENDOR_DOCS_FILE } from '../../../src/tools/catalog-import/build.js';
import { WINDOWS_PAGES } from '../../../src/tools/catalog-import/mappings.js';
import { extractDocHosts } from '../../../src/tools/catalog-import/vendor-doc.js';
import { parseWindowsEndpoints } from '../../../src/tools/catalog-import/windows-endpoints.js';

const editions = [
  '## Windows 11 Family',
  '',
  '| **Area** | **Description** | **Protocol** | **Destination** |',
  '|-----------|--------------- |------------- |-----------------|',
  '|Certificates|The Automatic Root Certificates Update component.|TLSv1.2/HTTPS/HTTP|ctldl.windowsupdate.com/*|',
  '|Diagnostic data|The following endpoints are used by the Connected User Experiences and Telemetry component.|TLSv1.2/HTTP|v10.events.data.microsoft.com|',
  '||The following endpoints are used by Windows Error Reporting.|TLSv1.2/HTTPS/HTTP|watson.telemetry.microsoft.com|',
  '|Microsoft Edge| This network traffic is related to the Microsoft Edge browser.|HTTPS/HTTP|edge.activity.windows.com </br> edge.microsoft.com|',
  '|Microsoft Edge|The following endpoint is used by Microsoft Edge Update service to check for new updates.|HTTPS/HTTP|msedge.api.cdp.microsoft.com|',
  '|Microsoft Store|The following endpoint is used for the Windows Push Notification Services (WNS).|TLSv1.2/HTTPS|*.wns.windows.com|',
  '|Licensing|The following endpoint is used for online activation and some app licensing.|HTTPS/HTTP|*licensing.mp.microsoft.com|',
  '|||HTTPS|licensing.mp.microsoft.com/v7.0/licenses/content|',
  '',
  '## Windows 11 Pro',
  '',
  '| **Area** | **Description** | **Protocol** | **Destination** |',
  '| --- | --- | --- | ---|',
  '|Microsoft Edge|The following endpoint is used by Microsoft Edge Update service to check for new updates.|HTTPS/HTTP|msedge.api.cdp.microsoft.com|',
  '|Diagnostic data|The following endpoints are used by Windows Error Reporting.|TLSv1.2/HTTPS/HTTP|watson.telemetry.microsoft.com|',
].join('\n');

describe('Windows connection endpoints for non-Enterprise editions', () => {
  it('reads bold headers, splits cells holding several destinations and drops paths', () => {
    const r = parseWindowsEndpoints(editions);
    const dest = r.endpoints.map((e) => e.destination);
    expect(dest).toContain('edge.activity.windows.com');
    expect(dest).toContain('edge.microsoft.com');
    expect(dest).toContain('ctldl.windowsupdate.com');
    expect(dest).toContain('licensing.mp.microsoft.com');
    expect(r.badRows).toBe(0);
  });

  it('makes one rule per area and category, whatever the block positions in each edition', () => {
    const page = WINDOWS_PAGES.find((p) => p.idStyle === 'category');
    if (page === undefined) throw new Error('no editions page');
    const { files, report } = buildImport({
      v2fly: { lockId: 'v2', retrieved: '2026-12-07', lists: new Map([['microsoft', 'microsoft.com\nwindows.com\n']]) },
      m365: null,
      windows: null,
      windowsPages: new Map([[page.lockId, { lockId: page.lockId, retrieved: '2026-12-07', text: editions }]]),
      curated: [],
    });
    const catalog = JSON.parse(files.get(page.file) ?? '{}') as CatalogFile;
    const rows = catalog.rules.map((r) => [r.id, r.category, [...(r.match.names ?? []), ...(r.match.suffixes ?? [])]]);
    expect(rows).toEqual([
      ['win11ne.certificates.certificate', 'certificate', ['ctldl.windowsupdate.com']],
      ['win11ne.diagnostic-data.crash-reporting', 'crash-reporting', ['watson.telemetry.microsoft.com']],
      ['win11ne.diagnostic-data.telemetry', 'telemetry', ['v10.events.data.microsoft.com']],
      ['win11ne.licensing.licensing', 'licensing', ['licensing.mp.microsoft.com']],
      ['win11ne.microsoft-edge.other', 'other', ['edge.activity.windows.com', 'edge.microsoft.com']],
      ['win11ne.microsoft-edge.update', 'update', ['msedge.api.cdp.microsoft.com']],
      ['win11ne.microsoft-store.other', 'other', ['*.wns.windows.com']],
    ]);
    // "Diagnostic data" is the Enterprise page's "Diagnostic Data".
    expect(report.unmappedAreas).toEqual([]);
    expect(catalog.rules[0]?.source).toBe(page.url);
  });
});

describe('words on the host line', () => {
  it('takes a table row or list item as the words of its hosts, continuing rows keeping the last words', () => {
    const page = [
      '| Windows service | Endpoint |',
      '| - | - |',
      '|Connected User Experiences and Telemetry | v10.events.data.microsoft.com <br></br> v10c.events.data.microsoft.com |',
      '| [Windows Error Reporting](/windows/win32/wer/windows-error-reporting) | watson.telemetry.microsoft.com |',
      '| | ceuswatcab01.blob.core.windows.net |',
      '',
      '* `rink.hockeyapp.net` - Crash reporting service',
      '* `*.gallery.vsassets.io` - Visual Studio Marketplace',
    ].join('\n');
    const hosts = extractDocHosts(page, [], 'own-line').hosts.map((h) => [h.raw, h.context]);
    expect(hosts).toEqual([
      ['v10.events.data.microsoft.com', 'Connected User Experiences and Telemetry'],
      ['v10c.events.data.microsoft.com', 'Connected User Experiences and Telemetry'],
      ['watson.telemetry.microsoft.com', 'Windows Error Reporting'],
      ['ceuswatcab01.blob.core.windows.net', 'Windows Error Reporting'],
      ['rink.hockeyapp.net', 'Crash reporting service'],
      ['*.gallery.vsassets.io', 'Visual Studio Marketplace'],
    ]);
    // The default reads the line above, as before.
    expect(extractDocHosts(page).hosts[0]?.context).toBe('| Windows service | Endpoint |');
  });

  it('never throws on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        expect(() => extractDocHosts(s, [], 'own-line')).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('gives the Windows diagnostic data, VS Code and Defender pages their categories', () => {
    const text = (lines: string[]) => lines.join('\n');
    const doc = (lockId: string, lines: string[]) =>
      [lockId, { lockId, retrieved: '2026-12-07', text: text(lines) }] as const;
    const { files } = buildImport({
      v2fly: { lockId: 'v2', retrieved: '2026-12-07', lists: new Map([['microsoft', 'microsoft.com\nlive.com\n']]) },
      m365: null,
      windows: null,
      vendorDocs: new Map([
        doc('windows-diagnostic-data-endpoints', [
          '| Windows service | Endpoint |',
          '| - | - |',
          '| [Online Crash Analysis](/x) | oca.microsoft.com |',
          '|Settings | settings-win.data.microsoft.com <br></br> IMPORTANT: This endpoint is required to remotely configure diagnostics-related settings and data collection. |',
          '|Authentication | login.live.com <br></br> IMPORTANT: This endpoint is used for device authentication.|',
        ]),
        doc('vscode-network', [
          '* `update.code.visualstudio.com` - Visual Studio Code download and update server',
          '* `vscode-sync.trafficmanager.net` - Visual Studio Code Settings Sync service',
          '* `*.vscode-cdn.net` - Visual Studio Code CDN',
          '* `default.exp-tas.com` - Visual Studio Code Experiment Service, used to provide experimental user experiences',
        ]),
        doc('defender-antivirus-network', [
          '|Service and description|URL|',
          '|---|---|',
          '|Malware submission storage<br/>This is an upload location for files.|`ussus1eastprod.blob.core.windows.net`|',
          '|Security intelligence updates Alternate Download Location (ADL)|`go.microsoft.com` (Port 80 is required)<br/>`https://definitionupdates.microsoft.com/download/DefinitionUpdates/`|',
          '|Certificate Revocation List (CRL)|`http://www.microsoft.com/pkiops/crl/`<br/>`http://crl.microsoft.com/pki/crl/products`|',
        ]),
      ]),
      curated: [],
    });
    const catalog = JSON.parse(files.get(VENDOR_DOCS_FILE) ?? '{}') as CatalogFile;
    const category = (name: string) =>
      catalog.rules.find((r) => r.match.names?.includes(name) || r.match.suffixes?.includes(name))?.category;
    expect(category('oca.microsoft.com')).toBe('crash-reporting');
    expect(category('settings-win.data.microsoft.com')).toBe('diagnostics');
    expect(category('login.live.com')).toBe('identity');
    expect(category('update.code.visualstudio.com')).toBe('update');
    expect(category('vscode-sync.trafficmanager.net')).toBe('sync-storage');
    expect(category('*.vscode-cdn.net')).toBe('content-delivery');
    expect(category('default.exp-tas.com')).toBe('other');
    expect(category('ussus1eastprod.blob.core.windows.net')).toBe('sync-storage');
    expect(category('definitionupdates.microsoft.com')).toBe('update');
    expect(category('crl.microsoft.com')).toBe('certificate');
    // Paths on Microsoft's web site and its link redirector are not Defender endpoints.
    expect(category('www.microsoft.com')).toBeUndefined();
    expect(category('go.microsoft.com')).toBeUndefined();
  });
});
