import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHostPattern } from '../../../src/tools/catalog-import/hosts.js';
import { parseM365Markdown } from '../../../src/tools/catalog-import/m365.js';
import { parseMarkdownTables, splitTableRow } from '../../../src/tools/catalog-import/markdown-table.js';
import { parseWindowsEndpoints } from '../../../src/tools/catalog-import/windows-endpoints.js';

describe('markdown tables', () => {
  it('splits rows, keeping pipes inside backticks and escaped pipes', () => {
    expect(splitTableRow('| a | `b|c` | d\\|e |')).toEqual(['a', '`b|c`', 'd|e']);
    expect(splitTableRow('a | b')).toEqual(['a', 'b']);
  });

  it('attaches the nearest heading and counts ragged rows', () => {
    const t = parseMarkdownTables('# H1\n\nA | B\n--- | ---\n1 | 2\n3 | 4 | 5\n\n## H2\n|X|\n|-|\n|y|\n');
    expect(t.rows.map((r) => [r.heading, r.cells])).toEqual([
      ['H1', ['1', '2']],
      ['H1', ['3', '4']],
      ['H2', ['y']],
    ]);
    expect(t.ragged).toBe(1);
  });

  it('never throws on hostile text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('|', '---|---', '# h', '`', 'a|b')), { maxLength: 40 }),
        (lines) => {
          const t = parseMarkdownTables(lines.join('\n'));
          for (const r of t.rows) expect(r.cells.length).toBe(r.header.length);
        },
      ),
    );
  });
});

describe('Microsoft 365 endpoint tables', () => {
  const page = [
    '## Exchange Online',
    '',
    'ID | Category | ER | Addresses | Ports',
    '-- | --- | --- | --- | ---',
    '1 | Optimize<BR>Required | Yes | `outlook.office.com, *.outlook.com`<BR>`13.107.6.152/31, 2603:1006::/40` | **TCP:** 443',
    '5 | Allow<BR>Optional<BR>**Notes:** IMAP migration | Yes | `imap.example.com` | **TCP:** 993',
    'x | bad | row | `a.com` | 1',
    '11 | Optimize<BR>Required | Yes | `13.107.64.0/18` | **UDP:** 3478',
  ].join('\n');

  it('reads id, service area, category, notes, hosts and addresses', () => {
    const p = parseM365Markdown(page);
    expect(p.badRows).toBe(1);
    expect(p.endpoints[0]).toMatchObject({
      id: 1,
      serviceArea: 'Exchange Online',
      category: 'Optimize',
      required: true,
      hosts: ['outlook.office.com', '*.outlook.com'],
      ips: ['13.107.6.152/31', '2603:1006::/40'],
    });
    expect(p.endpoints[1]).toMatchObject({ id: 5, required: false, notes: 'IMAP migration' });
    expect(p.endpoints[2]).toMatchObject({ id: 11, hosts: [], ips: ['13.107.64.0/18'] });
  });

  it('never throws on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        parseM365Markdown(
          `## A\nID | Category | ER | Addresses | Ports\n--|--|--|--|--\n${junk}\n1 | ${junk} | x | \`${junk}\` |`,
        );
      }),
    );
  });
});

describe('Windows connection endpoint table', () => {
  const page = [
    '|Area|Description|Protocol|Destination|',
    '|---|---|---|---|',
    '|Licensing|||[Learn how](x.md)|',
    '||Used for activation.|HTTPS|licensing.mp.microsoft.com|',
    '|||HTTP|second.example.com|',
    '||Another block.|HTTPS|third.example.com|',
    '|Diagnostic Data| ||[Learn](y.md)|',
    '|||TLSv1.2|v10.events.data.microsoft.com|',
  ].join('\n');

  it('carries area and description forward and numbers blocks', () => {
    const p = parseWindowsEndpoints(page);
    expect(p.endpoints.map((e) => [e.area, e.block, e.destination, e.description])).toEqual([
      ['Licensing', 0, 'licensing.mp.microsoft.com', 'Used for activation.'],
      ['Licensing', 0, 'second.example.com', 'Used for activation.'],
      ['Licensing', 1, 'third.example.com', 'Another block.'],
      ['Diagnostic Data', 0, 'v10.events.data.microsoft.com', ''],
    ]);
  });

  it('never throws on hostile text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }), (cells) => {
        parseWindowsEndpoints(
          `|Area|Description|Protocol|Destination|\n|-|-|-|-|\n${cells.map((c) => `|${c}|`).join('\n')}`,
        );
      }),
    );
  });
});

describe('normalizeHostPattern', () => {
  it.each([
    ['www.bing.com*', { kind: 'name', value: 'www.bing.com' }],
    ['*.Events.Data.Microsoft.com', { kind: 'suffix', value: '*.events.data.microsoft.com' }],
    ['*cdn.onenote.net', { kind: 'name', value: 'cdn.onenote.net' }],
    ['watson.*.microsoft.com', { kind: 'skip', reason: 'inner-wildcard' }],
    ['autodiscover.<tenant>.onmicrosoft.com', { kind: 'skip', reason: 'placeholder' }],
    ['*.blob.core.windows.net', { kind: 'skip', reason: 'shared-tenant-suffix' }],
    ['*.azureedge.net', { kind: 'skip', reason: 'shared-tenant-suffix' }],
    ['13.107.6.152/31', { kind: 'skip', reason: 'address' }],
    ['com', { kind: 'skip', reason: 'public-suffix' }],
  ])('%s', (raw, expected) => {
    expect(normalizeHostPattern(raw)).toEqual(expected);
  });

  it('emits only names and suffixes the catalog schema accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        const p = normalizeHostPattern(raw);
        if (p.kind === 'name')
          expect(p.value).toMatch(/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/);
        if (p.kind === 'suffix') expect(p.value.startsWith('*.')).toBe(true);
      }),
    );
  });
});
