import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeJsonForScript } from '../../src/report/escape.js';
import { contentSecurityPolicy, renderHtml } from '../../src/report/html/html-renderer.js';
import { naturalEarthProjection } from '../../src/report/html/projection.js';
import { parseWorldGeometry } from '../../src/report/html/world-geometry.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

const inlineBlocks = (html: string, tag: string): string[] =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
const sha = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

const SQUARE = {
  NL: {
    centroid: [5.3, 52.1],
    polygons: [
      [
        [
          [3, 51],
          [7, 51],
          [7, 53.5],
          [3, 53.5],
          [3, 51],
        ],
      ],
    ],
  },
};

describe('HTML report', () => {
  const html = renderHtml(reportFixture(), { world: null });

  it('allows exactly its own inline style and script by hash, and nothing else', () => {
    const csp = contentSecurityPolicy();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).not.toContain('unsafe');
    const styles = inlineBlocks(html, 'style');
    const scripts = inlineBlocks(html, 'script');
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`style-src ${sha(styles[0] ?? '')}`);
    expect(csp).toContain(`script-src ${sha(scripts[0] ?? '')}`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('makes no request of any kind: no src, no external href, no url(), no @import', () => {
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/href="(?!#)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/style="/i);
  });

  it('has the verdict, summary, map, charts, timeline, table, evidence, method and sources', () => {
    expect(html).toContain('1 high-risk transfer: an e-mail address sent in clear text');
    expect(html.match(/<tr data-row=/g)).toHaveLength(7);
    expect(html.match(/<circle class="dot/g)?.length).toBeGreaterThan(2);
    expect(html).toContain('data/geo/countries.json is missing');
    expect(html).toContain('Bytes by operator (headquarters)');
    expect(html).toContain('aria-label="Flows over time by risk"');
    expect(html).toContain('id="ev-1"');
    expect(html).toContain('C-582/14 Breyer');
    expect(html).toContain('IP Geolocation by DB-IP (https://db-ip.com) (CC BY 4.0)');
    expect(html).toContain('@media print');
  });

  it('embeds sort and filter data that parses back', () => {
    const m = html.match(/<script type="application\/json" id="destination-data">([\s\S]*?)<\/script>/);
    const rows = JSON.parse(m?.[1] ?? 'null') as { row: number; name: string }[];
    expect(rows).toHaveLength(7);
    expect(rows[0]?.name).toBe('telemetry.pdfsuite-update.com');
  });

  it('never lets hostile values out of their text or attribute', () => {
    const bad = renderHtml(hostileReportFixture(), { world: null });
    expect(bad).not.toContain('<script>alert');
    expect(bad).not.toContain('<img');
    expect(bad).not.toContain('onerror=alert(1)>');
    expect(bad).not.toContain('<!--');
    expect(bad).not.toContain('<b>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
    expect(bad).not.toMatch(/[\x1b\x07\u2028\u2029\u202e]/);
    // Exactly one executable script element and one data block survive.
    expect(bad.match(/<script/g)).toHaveLength(2);
    expect(bad.match(/<\/script>/g)).toHaveLength(2);
    expect(bad).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('escapeJsonForScript', () => {
  it('cannot close a script element or open a comment, and parses back unchanged', () => {
    const value = { a: '</script><!-- & \u2028\u2029 >' };
    const out = escapeJsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('world map geometry', () => {
  it('reads polygons and centroids by ISO code, tolerating layouts', () => {
    const world = parseWorldGeometry({ countries: SQUARE });
    expect(world?.countries.get('NL')?.centroid).toEqual([5.3, 52.1]);
    expect(world?.countries.get('NL')?.rings).toHaveLength(1);
    const flat = parseWorldGeometry({
      de: {
        center: { lat: 51, lon: 10 },
        geometry: {
          coordinates: [
            [
              [6, 48],
              [14, 48],
              [14, 54],
            ],
          ],
        },
      },
    });
    expect(flat?.countries.get('DE')?.centroid).toEqual([10, 51]);
    expect(flat?.countries.get('DE')?.rings).toHaveLength(1);
  });

  it('returns null for unusable input instead of throwing', () => {
    for (const bad of [null, 1, 'x', [], {}, { countries: { XYZ: {} } }, { NL: [[1e9, 1e9]] }]) {
      expect(() => parseWorldGeometry(bad)).not.toThrow();
    }
    expect(parseWorldGeometry(null)).toBeNull();
    expect(parseWorldGeometry({})).toBeNull();
  });

  it('draws country outlines when geometry is given', () => {
    const world = parseWorldGeometry({ countries: SQUARE });
    const html = renderHtml(reportFixture(), { world });
    expect(html).toContain('<path class="land tint-adequate-if-certified"');
    expect(html).not.toContain('countries.json is missing');
  });

  it('projects into the view box', () => {
    const p = naturalEarthProjection(960);
    for (const [lon, lat] of [
      [-180, 84],
      [180, -58],
      [0, 0],
      [4.9, 52.4],
    ] as const) {
      const [x, y] = p.project(lon, lat);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(960);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(p.height);
    }
  });
});
