import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImport, VENDOR_DOCS_FILE } from '../../../src/tools/catalog-import/build.js';
import { extractDocHosts, parseDocSites } from '../../../src/tools/catalog-import/vendor-doc.js';

const sites = parseDocSites(
  ['allowedRegions:', '  - name: US1', '    domain: datadoghq.com', '  - name: EU', '    domain: datadoghq.eu'].join(
    '\n',
  ),
);

const datadogPage = [
  '## Destinations',
  '',
  '[APM][1]',
  ': `trace.agent.`{{< region-param key="dd_site" code="true" >}}',
  '',
  '[Real User Monitoring (RUM)][8]',
  ': `rum-http-intake.logs.`{{< region-param key="dd_site" code="true" >}}',
  '',
  'All other Agent data',
  ': **Agents >= 5.2.0** `<VERSION>-app.agent.`{{< region-param key="dd_site" code="true" >}}<br>',
  'add `*.agent.`{{< region-param key="dd_site" code="true" >}} to your inclusion list.<br>',
  'Found at `https://ip-ranges.`{{< region-param key="dd_site" code="true" >}}.',
  'TCP: `{{< region-param key="tcp_endpoint" code="true" >}}`',
].join('\n');

describe('vendor page hosts', () => {
  it('reads the site list', () => {
    expect(sites).toEqual([
      { name: 'US1', domain: 'datadoghq.com' },
      { name: 'EU', domain: 'datadoghq.eu' },
    ]);
  });

  it('fills dd_site templates per site and keeps the words above each host', () => {
    const r = extractDocHosts(datadogPage, sites);
    const apm = r.hosts.filter((h) => h.raw.startsWith('trace.'));
    expect(apm.map((h) => [h.raw, h.site, h.context])).toEqual([
      ['trace.agent.datadoghq.com', 'US1', 'APM'],
      ['trace.agent.datadoghq.eu', 'EU', 'APM'],
    ]);
    expect(r.hosts.find((h) => h.raw.startsWith('rum-'))?.context).toBe('Real User Monitoring (RUM)');
    expect(r.hosts.map((h) => h.raw)).toContain('<VERSION>-app.agent.datadoghq.com');
    expect(r.hosts.map((h) => h.raw)).toContain('*.agent.datadoghq.eu');
    // A template no site list fills is counted, not guessed.
    expect(r.unfilledTemplates).toBe(1);
  });

  it('does not read front matter, file names or version numbers as hosts', () => {
    const r = extractDocHosts(
      [
        '---',
        'ms.author: lucen',
        'ms.date: 12/07/2020',
        '---',
        '[!INCLUDE [x](~/includes/retirement.md)]',
        'Agent v5.2.0 or 7.18.0/6.18.0 see index.html, e.g. this.',
        'here are the URLs to allow list:',
        '- api.appcenter.ms',
        '- \\*.appcenter.ms',
        'See https://docs.example.com/a/b.md for more.',
      ].join('\n'),
    );
    expect(r.hosts.map((h) => [h.raw, h.context])).toEqual([
      ['api.appcenter.ms', 'here are the URLs to allow list:'],
      ['*.appcenter.ms', 'here are the URLs to allow list:'],
      ['docs.example.com', 'here are the URLs to allow list:'],
    ]);
  });

  it('never throws on hostile text and returns only host-shaped tokens', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '---',
              '```',
              '`a.example.com`{{< region-param key="dd_site" >}}',
              '- x.com',
              '[a][1]',
              '<br>',
            ),
          ),
          { maxLength: 30 },
        ),
        (lines) => {
          const r = extractDocHosts(lines.join('\n'), sites);
          for (const h of r.hosts) expect(h.raw).toMatch(/^[A-Za-z0-9*<>_][A-Za-z0-9*<>_.-]*$/);
        },
      ),
    );
  });
});

describe('vendor pages in the import', () => {
  const { files, report } = buildImport({
    v2fly: {
      lockId: 'v2',
      retrieved: '2026-12-07',
      lists: new Map([['microsoft', 'azure.com\nmicrosoft.com\n']]),
    },
    m365: null,
    windows: null,
    vendorDocs: new Map([
      [
        'datadog-agent-network',
        {
          lockId: 'datadog-agent-network',
          retrieved: '2026-12-07',
          text: datadogPage,
          sites: 'allowedRegions:\n  - name: US1\n    domain: datadoghq.com\n  - name: EU\n    domain: datadoghq.eu\n',
        },
      ],
      [
        'appcenter-allowlist',
        {
          lockId: 'appcenter-allowlist',
          retrieved: '2026-12-07',
          text: 'URLs to allow list for App Center:\n\n- api.appcenter.ms\n- api.mobile.azure.com\n- *.appcenter.ms\n',
        },
      ],
    ]),
    curated: [],
  });
  const catalog = JSON.parse(files.get(VENDOR_DOCS_FILE) ?? '{}') as {
    rules: { id: string; vendor: string; category: string; region?: string; match: { names?: string[] } }[];
  };
  const rule = (id: string) => catalog.rules.find((r) => r.id === id);

  it('takes the category from the words the page puts next to the host, and the region from the site', () => {
    expect(rule('doc.datadog.analytics.eu')?.match.names).toEqual(['rum-http-intake.logs.datadoghq.eu']);
    expect(rule('doc.datadog.telemetry.eu')?.match.names).toEqual(['trace.agent.datadoghq.eu']);
    expect(rule('doc.datadog.telemetry.eu')?.region).toBe('eu');
    expect(rule('doc.datadog.telemetry.us')?.region).toBe('us');
  });

  it('leaves out hosts the page does not count as the product traffic, and placeholders', () => {
    expect(files.get(VENDOR_DOCS_FILE)).not.toContain('ip-ranges.');
    expect(report.skippedHosts['not-vendor-traffic']).toBe(2);
    expect(report.skippedHosts.placeholder).toBe(2);
  });

  it('adds owner facts for domains v2fly does not know, and keeps v2fly owners', () => {
    const owners = JSON.parse(files.get('data/owners/domain-owners.json') ?? '{}') as {
      owners: { owner: string; domains: string[]; source: string }[];
    };
    expect(owners.owners.find((o) => o.owner === 'Datadog')).toEqual({
      owner: 'Datadog',
      domains: ['datadoghq.com', 'datadoghq.eu'],
      source: 'datadog-agent-network',
    });
    const fromDoc = owners.owners.find((o) => o.source === 'appcenter-allowlist');
    expect(fromDoc?.domains).toEqual(['appcenter.ms']);
    expect(report.owners.fromVendorDocs).toBe(3);
    expect(rule('doc.appcenter.other')?.vendor).toBe('Microsoft');
  });
});
