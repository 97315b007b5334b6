import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCountryGeometry } from '../../../src/tools/geoip/build-country-geometry.js';
import { versionEpoch } from '../../../src/tools/geoip/build-defaults.js';
import { parseCsvLine } from '../../../src/tools/geoip/csv-line.js';
import { ISO_NUMERIC_TO_ALPHA2 } from '../../../src/tools/geoip/iso-numeric.js';
import { decodeTopology, simplifyRing } from '../../../src/tools/geoip/topojson.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('csv line', () => {
  it('splits plain and quoted fields', () => {
    expect(parseCsvLine('1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."')).toEqual([
      '1.0.0.0',
      '1.0.0.255',
      '13335',
      'Cloudflare, Inc.',
    ]);
    expect(parseCsvLine('a,"say ""hi""",')).toEqual(['a', 'say "hi"', '']);
    expect(parseCsvLine('"unterminated')).toEqual(['unterminated']);
    expect(parseCsvLine('')).toEqual(['']);
  });
});

describe('versionEpoch', () => {
  it('reads the data date from ip-location-db versions', () => {
    expect(new Date(versionEpoch('2.3.2026061719') * 1000).toISOString()).toBe('2026-06-17T19:00:00.000Z');
  });
});

describe('ISO numeric table', () => {
  it('maps well-known codes', () => {
    expect(ISO_NUMERIC_TO_ALPHA2.get('276')).toBe('DE');
    expect(ISO_NUMERIC_TO_ALPHA2.get('840')).toBe('US');
    expect(ISO_NUMERIC_TO_ALPHA2.get('826')).toBe('GB');
    expect(ISO_NUMERIC_TO_ALPHA2.get('832')).toBe('JE');
    const values = [...ISO_NUMERIC_TO_ALPHA2.values()];
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('TopoJSON decoding and geometry', () => {
  // Two unit squares sharing an edge, quantized with a transform (TopoJSON spec §2.1.4 example shape).
  const topo = {
    type: 'Topology',
    transform: { scale: [1, 1], translate: [0, 0] },
    arcs: [
      [
        [1, 0],
        [0, 1],
      ], // shared edge x=1
      [
        [1, 1],
        [-1, 0],
        [0, -1],
        [1, 0],
      ], // rest of square A (delta-encoded)
      [
        [1, 0],
        [1, 0],
        [0, 1],
        [-1, 0],
      ], // rest of square B
    ],
    objects: {
      countries: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', id: '276', properties: { name: 'Germany' }, arcs: [[0, 1]] },
          { type: 'MultiPolygon', id: '250', properties: { name: 'France' }, arcs: [[[2, ~0]]] },
          { type: 'Polygon', properties: { name: 'Kosovo' }, arcs: [[0, 1]] },
          { type: 'Polygon', properties: { name: 'Nowhere' }, arcs: [[0, 1]] },
        ],
      },
    },
  };

  it('decodes delta-encoded arcs and reversed arc indexes', () => {
    const f = decodeTopology(topo, 'countries');
    expect(f[0]?.polygons[0]?.[0]).toEqual([
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
      [1, 0],
    ]);
    expect(f[1]?.polygons[0]?.[0]).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
    expect(decodeTopology({}, 'countries')).toEqual([]);
  });

  it('builds countries keyed by alpha-2 with centroids', () => {
    const c = buildCountryGeometry(topo);
    expect(Object.keys(c).sort()).toEqual(['DE', 'FR', 'XK']);
    expect(c.DE?.centroid).toEqual([0.5, 0.5]);
    expect(c.FR?.centroid).toEqual([1.5, 0.5]);
  });

  it('simplifies rings but keeps their shape', () => {
    const ring: [number, number][] = [];
    for (let i = 0; i <= 100; i++) ring.push([i / 10, i % 2 === 0 ? 0 : 0.001]);
    ring.push([10, 5], [0, 5], [0, 0]);
    const s = simplifyRing(ring, 0.01);
    expect(s.length).toBeLessThan(10);
    expect(s[0]).toEqual([0, 0]);
    expect(s[s.length - 1]).toEqual([0, 0]);
  });
});

describe.skipIf(!existsSync(path.join(repoRoot, 'data/geo/countries.json')))('shipped country geometry', () => {
  it('has EU members, small territories and centroids inside plausible ranges', () => {
    const doc = JSON.parse(readFileSync(path.join(repoRoot, 'data/geo/countries.json'), 'utf8'));
    for (const iso of ['DE', 'FR', 'MT', 'LU', 'CY', 'JE', 'GG', 'IM', 'LI', 'US', 'CN', 'SG']) {
      expect(doc.countries[iso], iso).toBeDefined();
    }
    expect(doc.countries.DE.centroid[0]).toBeCloseTo(10.4, 0);
    expect(doc.countries.FR.centroid[1]).toBeCloseTo(46.6, 0);
    expect(doc.countries.CY.name).toBe('Cyprus');
  });
});

describe.skipIf(!existsSync(path.join(repoRoot, 'geoip-data/manifest.json')))('shipped manifest', () => {
  it('lists each file with version, date, hash, licence and attribution', () => {
    const m = JSON.parse(readFileSync(path.join(repoRoot, 'geoip-data/manifest.json'), 'utf8'));
    for (const f of m.files) {
      expect(f.source).toMatch(/^@ip-location-db\/.+@\d/);
      expect(f.buildDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.licence).toContain('CC BY 4.0');
      expect(f.attribution.length).toBeGreaterThan(10);
    }
  });
});
