import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PREF_LINES, parseFirefoxPrefs } from '../../../src/tools/catalog-import/firefox-prefs.js';
import { FIREFOX_PREF_CATEGORIES, firefoxPrefCategory } from '../../../src/tools/catalog-import/mappings.js';

describe('parseFirefoxPrefs', () => {
  it('yields (pref, host) for http(s) and wss URLs in string values, any pref function', () => {
    const text = [
      'pref("toolkit.telemetry.server", "https://incoming.telemetry.mozilla.org");',
      '  sticky_pref("dom.push.serverURL", "wss://push.services.mozilla.com/");',
      'lockPref("captivedetect.canonicalURL", "http://detectportal.firefox.com:80/canonical.html");',
      'pref("app.update.enabled", true);',
      'pref("x.y", \'https://user@single.example.org/p\');',
    ].join('\n');
    const r = parseFirefoxPrefs(text);
    expect(r.prefLines).toBe(5);
    expect(r.hosts.map((h) => `${h.pref} ${h.host}`)).toEqual([
      'toolkit.telemetry.server incoming.telemetry.mozilla.org',
      'dom.push.serverURL push.services.mozilla.com',
      'captivedetect.canonicalURL detectportal.firefox.com',
      'x.y single.example.org',
    ]);
  });

  it('ignores placeholders in the path but skips a URL whose host is a placeholder', () => {
    const r = parseFirefoxPrefs(
      [
        'pref("media.gmp-manager.url", "https://aus5.mozilla.org/update/3/GMP/%VERSION%/%BUILD_ID%/update.xml");',
        'pref("browser.safebrowsing.reportPhishURL", "https://%LOCALE%.phish-report.mozilla.com/?url=");',
      ].join('\n'),
    );
    expect(r.hosts.map((h) => h.host)).toEqual(['aus5.mozilla.org']);
    expect(r.placeholderHosts).toBe(1);
  });

  it('takes every value of a pref set under different #ifdefs, and skips non-web schemes', () => {
    const r = parseFirefoxPrefs(
      [
        '#ifdef NIGHTLY_BUILD',
        '  pref("browser.safebrowsing.provider.mozilla.updateURL", "moz-sbrs:://antitracking");',
        '#else',
        '  pref("browser.safebrowsing.provider.mozilla.updateURL", "https://shavar.services.mozilla.com/downloads");',
        '  pref("browser.safebrowsing.provider.mozilla.updateURL", "https://shavar2.services.mozilla.com/downloads");',
        '#endif',
      ].join('\n'),
    );
    expect(r.hosts.map((h) => h.host)).toEqual(['shavar.services.mozilla.com', 'shavar2.services.mozilla.com']);
  });

  it('never throws on hostile text and stays bounded', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const r = parseFirefoxPrefs(`pref("a.b", "${s}");\n${s}`);
        expect(r.hosts.length).toBeLessThanOrEqual(2000);
        for (const h of r.hosts) expect(h.host).toMatch(/^[a-z0-9_.-]+$/);
      }),
    );
    const long = 'pref("a", "https://x.example.org/");\n'.repeat(MAX_PREF_LINES + 5);
    const r = parseFirefoxPrefs(long);
    expect(r.hosts).toHaveLength(1);
    expect(r.badLines).toBeGreaterThanOrEqual(5);
    const start = Date.now();
    parseFirefoxPrefs(`pref("${'\\'.repeat(5000)}", "${'"'.repeat(5000)}`);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('FIREFOX_PREF_CATEGORIES', () => {
  it('maps by the longest prefix; a value-only pref with a URL inside does not borrow its sibling', () => {
    expect(firefoxPrefCategory('captivedetect.canonicalURL')?.category).toBe('connectivity-check');
    expect(firefoxPrefCategory('captivedetect.canonicalContent')).toBeNull();
    expect(firefoxPrefCategory('browser.safebrowsing.provider.google4.updateURL')?.category).toBe('other');
    expect(firefoxPrefCategory('browser.safebrowsing.provider.google4.advisoryURL')?.category).toBeNull();
    expect(firefoxPrefCategory('geo.provider.network.url')?.location).toBe(true);
    expect(firefoxPrefCategory('toolkit.telemetry.server')?.category).toBe('telemetry');
    expect(firefoxPrefCategory('browser.startup.homepage')).toBeNull();
  });

  it('gives every mapped prefix a reason, each prefix once', () => {
    const prefixes = FIREFOX_PREF_CATEGORIES.map((e) => e.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const e of FIREFOX_PREF_CATEGORIES) expect(e.why.length).toBeGreaterThan(10);
  });
});
