/**
 * Generates data/geo/countries.json from world-atlas's countries-50m.json (Natural Earth 1:50m, public domain,
 * TopoJSON): per ISO alpha-2 country its name, a centroid (of its largest polygon, so overseas territories do
 * not pull it into the sea) and its polygons, simplified (Douglas-Peucker) and rounded to 0.01° (about 1 km).
 * Used by the speed-of-light check (distance to a country's nearest point) and the HTML report's world map.
 *
 *   node dist/tools/geoip/build-country-geometry.js [out.json]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISO_NUMERIC_TO_ALPHA2, NAMED_FEATURES } from './iso-numeric.js';
import { decodeTopology, simplifyRing } from './topojson.js';

/** Douglas-Peucker tolerance in degrees; the speed-of-light check allows for it with a margin. */
export const SIMPLIFY_DEGREES = 0.03;

type Ring = [number, number][];

export interface CountryGeometry {
  name: string;
  centroid: [number, number];
  polygons: Ring[][];
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i] ?? [0, 0];
    const q = ring[j] ?? [0, 0];
    a += q[0] * p[1] - p[0] * q[1];
  }
  return a / 2;
}

function ringCentroid(ring: Ring): [number, number] {
  const a = ringArea(ring);
  if (a === 0) return ring[0] ?? [0, 0];
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i] ?? [0, 0];
    const q = ring[j] ?? [0, 0];
    const f = q[0] * p[1] - p[0] * q[1];
    cx += (q[0] + p[0]) * f;
    cy += (q[1] + p[1]) * f;
  }
  return [round(cx / (6 * a)), round(cy / (6 * a))];
}

const round = (v: number): number => Math.round(v * 100) / 100;

export function buildCountryGeometry(topologyJson: unknown): Record<string, CountryGeometry> {
  const features = decodeTopology(topologyJson, 'countries');
  const out: Record<string, CountryGeometry> = {};
  for (const f of features) {
    const iso = (f.id !== undefined ? ISO_NUMERIC_TO_ALPHA2.get(f.id) : undefined) ?? NAMED_FEATURES[f.name];
    if (iso === undefined) continue;
    const polygons = f.polygons
      .map((poly) =>
        poly.map((ring) =>
          simplifyRing(ring, SIMPLIFY_DEGREES).map(([x, y]): [number, number] => [round(x), round(y)]),
        ),
      )
      .filter((poly) => (poly[0]?.length ?? 0) >= 4);
    // Tiny islands vanish under simplification: keep them as their original outer ring's bounding points.
    if (polygons.length === 0 && f.polygons[0]?.[0] !== undefined) {
      polygons.push([f.polygons[0][0].map(([x, y]): [number, number] => [round(x), round(y)])]);
    }
    const entry = out[iso] ?? { name: f.name, centroid: [0, 0], polygons: [] };
    entry.polygons.push(...polygons);
    // A feature with an ISO id names the country (not a merged Natural Earth unit such as "N. Cyprus").
    if (f.id !== undefined) entry.name = f.name;
    out[iso] = entry;
  }
  for (const c of Object.values(out)) {
    let best: Ring = [];
    for (const poly of c.polygons) {
      const outer = poly[0] ?? [];
      if (Math.abs(ringArea(outer)) > Math.abs(ringArea(best))) best = outer;
    }
    c.centroid = best.length > 0 ? ringCentroid(best) : [0, 0];
  }
  return out;
}

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(here, '../../..');
  const out = process.argv[2] ?? path.join(root, 'data/geo/countries.json');
  const src = path.join(root, 'node_modules/world-atlas/countries-50m.json');
  const countries = buildCountryGeometry(JSON.parse(readFileSync(src, 'utf8')));
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules/world-atlas/package.json'), 'utf8')) as {
    version?: string;
  };
  mkdirSync(path.dirname(out), { recursive: true });
  const doc = {
    source: `world-atlas@${pkg.version ?? '?'} countries-50m.json (Natural Earth, public domain), simplified ${SIMPLIFY_DEGREES}°`,
    simplifyDegrees: SIMPLIFY_DEGREES,
    countries,
  };
  writeFileSync(out, `${JSON.stringify(doc)}\n`);
  process.stdout.write(`${out}: ${Object.keys(countries).length} countries\n`);
}
