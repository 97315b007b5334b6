import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGE_SUFFIXES, edgeSuffixOf, embeddedName, isEdgeName } from '../../../src/enrich/catalog/edge-names.js';

describe('embeddedName', () => {
  it.each([
    ['v10.vortex-win.data.microsoft.com.akadns.net', 'v10.vortex-win.data.microsoft.com'],
    ['www.microsoft.com-c-3.edgekey.net', 'www.microsoft.com'],
    ['www.microsoft.com-c.edgekey.net', 'www.microsoft.com'],
    ['settings-win.data.microsoft.com.edgekey.net', 'settings-win.data.microsoft.com'],
    ['www.apple.com.edgesuite.net.globalredir.akadns.net', 'www.apple.com'],
    ['www.example.com.cdn.cloudflare.net', 'www.example.com'],
    ['www.example.com.global.prod.fastly.net', 'www.example.com'],
    ['WWW.Example.COM.edgekey.net.', 'www.example.com'],
  ])('%s embeds %s', (edge, host) => {
    expect(embeddedName(edge)).toBe(host);
  });

  it.each([
    'a1234.dscb.akamai.net',
    'e1234.dscb.akamaiedge.net',
    'd1234abcd.cloudfront.net',
    'atm-settingsfe-prod-geo2.trafficmanager.net',
    'www-bing-com.a-0001.a-msedge.net',
    'microsoft.com',
    'www.microsoft.com',
    'akadns.net',
    '.akadns.net',
    'foo..akadns.net',
    '1.2.3.4.akadns.net',
    '',
    'a b.com.akadns.net',
  ])('%s embeds no host', (name) => {
    expect(embeddedName(name)).toBeNull();
  });

  it('never throws, returns a plausible host that is no edge name, and finds nothing in its own answer', () => {
    const label = fc.oneof(
      fc.constantFrom('www', 'example', 'com', 'net', 'c-3', 'edgekey', 'akadns', 'a1', 'co', 'uk', '-', 'x-c'),
      fc.string({ maxLength: 8 }),
    );
    const suffix = fc.constantFrom(...EDGE_SUFFIXES, 'example.com', '');
    fc.assert(
      fc.property(fc.array(label, { maxLength: 6 }), suffix, fc.boolean(), (labels, s, trailingDot) => {
        const name = [...labels, s].filter((l) => l.length > 0).join('.') + (trailingDot ? '.' : '');
        const out = embeddedName(name);
        if (out === null) return;
        expect(isEdgeName(out)).toBe(false);
        expect(out).toMatch(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/);
        // The answer is a prefix of the name as the catalog normalises it (trimmed, lower case).
        expect(name.trim().toLowerCase().startsWith(out)).toBe(true);
        expect(embeddedName(out)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('copes with arbitrary text and very long names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => embeddedName(s)).not.toThrow();
        expect(() => isEdgeName(s)).not.toThrow();
      }),
    );
    expect(embeddedName(`${'a.'.repeat(130)}com.akadns.net`)).toBeNull();
  });
});

describe('edgeSuffixOf', () => {
  it('returns the longest edge suffix', () => {
    expect(edgeSuffixOf('x.global.ssl.fastly.net')).toBe('global.ssl.fastly.net');
    expect(edgeSuffixOf('x.afd.azureedge.net')).toBe('afd.azureedge.net');
    expect(edgeSuffixOf('x.example.com')).toBeNull();
    // A tenant on a cloud's shared domain is no edge name: the tenant is the recipient.
    expect(isEdgeName('vendor-x.azurewebsites.net')).toBe(false);
  });
});
