/**
 * Country geometry for the HTML map, read from data/geo/countries.json (simplified polygons and centroids keyed
 * by ISO 3166-1 alpha-2) that ships with the package. The reader is tolerant of the file's exact layout — it
 * looks for a centroid and for coordinate rings under each country — and returns null when the file is absent
 * or unreadable, in which case the map is drawn from destination coordinates on a graticule only.
 */
import { readFileSync } from 'node:fs';

export type LonLat = [number, number];

export interface CountryShape {
  rings: LonLat[][];
  centroid: LonLat | null;
}

export interface WorldGeometry {
  countries: Map<string, CountryShape>;
}

/** Upper bound on points read, so a corrupt or huge file cannot make rendering slow. */
const MAX_POINTS = 2_000_000;

/** The geometry file, resolved from this module: src/report/html and dist/report/html both sit 3 levels down. */
export const WORLD_GEOMETRY_URL = new URL('../../../data/geo/countries.json', import.meta.url);

let cached: { value: WorldGeometry | null } | undefined;

export function loadWorldGeometry(): WorldGeometry | null {
  if (cached === undefined) {
    try {
      cached = { value: parseWorldGeometry(JSON.parse(readFileSync(WORLD_GEOMETRY_URL, 'utf8'))) };
    } catch {
      cached = { value: null };
    }
  }
  return cached.value;
}

const isPoint = (v: unknown): v is number[] =>
  Array.isArray(v) &&
  v.length >= 2 &&
  typeof v[0] === 'number' &&
  typeof v[1] === 'number' &&
  Number.isFinite(v[0]) &&
  Number.isFinite(v[1]) &&
  Math.abs(v[0]) <= 180 &&
  Math.abs(v[1]) <= 90;

function toLonLat(v: unknown): LonLat | null {
  if (isPoint(v)) return [v[0] as number, v[1] as number];
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const lon = o.lon ?? o.lng ?? o.longitude;
    const lat = o.lat ?? o.latitude;
    if (typeof lon === 'number' && typeof lat === 'number') return isPoint([lon, lat]) ? [lon, lat] : null;
  }
  return null;
}

/** Collects every array of points (a ring) found below `v`, depth-bounded. */
function collectRings(v: unknown, out: LonLat[][], budget: { points: number }, depth = 0): void {
  if (depth > 8 || budget.points <= 0) return;
  if (Array.isArray(v)) {
    if (v.length >= 3 && v.every(isPoint)) {
      out.push(v.map((p) => [p[0] as number, p[1] as number]));
      budget.points -= v.length;
      return;
    }
    for (const x of v) collectRings(x, out, budget, depth + 1);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k !== 'centroid' && k !== 'bbox' && k !== 'center') collectRings(x, out, budget, depth + 1);
    }
  }
}

export function parseWorldGeometry(json: unknown): WorldGeometry | null {
  if (json === null || typeof json !== 'object') return null;
  const root = json as Record<string, unknown>;
  const table = root.countries !== undefined && typeof root.countries === 'object' ? root.countries : root;
  const entries: [string, unknown][] = Array.isArray(table)
    ? table.map((c: unknown) => {
        const o = (c ?? {}) as Record<string, unknown>;
        return [String(o.iso ?? o.iso2 ?? o.code ?? o.id ?? ''), c] as [string, unknown];
      })
    : Object.entries(table as Record<string, unknown>);
  const countries = new Map<string, CountryShape>();
  const budget = { points: MAX_POINTS };
  for (const [code, entry] of entries) {
    if (!/^[A-Za-z]{2}$/.test(code) || entry === null || typeof entry !== 'object') continue;
    const o = entry as Record<string, unknown>;
    const rings: LonLat[][] = [];
    collectRings(entry, rings, budget);
    countries.set(code.toUpperCase(), { rings, centroid: toLonLat(o.centroid ?? o.center) });
  }
  return countries.size === 0 ? null : { countries };
}
