/**
 * Natural Earth I projection (Šavrič, Jenny, Patterson & Jenny 2011): a calm, compromise world projection.
 * The polynomial is the published one; x and y are scaled to an SVG view box and rounded to 0.1 px so output
 * is stable and small.
 */
import type { LonLat } from './world-geometry.js';

const RAD = Math.PI / 180;

function naturalEarth(lon: number, lat: number): [number, number] {
  const phi = lat * RAD;
  const p2 = phi * phi;
  const p4 = p2 * p2;
  const x = lon * RAD * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x, y];
}

export interface Projection {
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
  /** SVG path data for rings; a jump of more than 180° longitude starts a new sub-path (antimeridian). */
  path(rings: readonly LonLat[][]): string;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Fits longitudes -180..180 and latitudes `south`..`north` into `width` pixels. */
export function naturalEarthProjection(width: number, north = 84, south = -58): Projection {
  const [xMax] = naturalEarth(180, 0);
  const scale = width / (2 * xMax);
  const top = naturalEarth(0, north)[1];
  const bottom = naturalEarth(0, south)[1];
  const height = Math.ceil((top - bottom) * scale);
  const project = (lon: number, lat: number): [number, number] => {
    const [x, y] = naturalEarth(lon, Math.max(south, Math.min(north, lat)));
    return [round((x + xMax) * scale), round((top - y) * scale)];
  };
  const path = (rings: readonly LonLat[][]): string => {
    let d = '';
    for (const ring of rings) {
      let prevLon: number | null = null;
      for (const [lon, lat] of ring) {
        const [x, y] = project(lon, lat);
        d += `${prevLon === null || Math.abs(lon - prevLon) > 180 ? 'M' : 'L'}${x} ${y}`;
        prevLon = lon;
      }
      if (ring.length > 2) d += 'Z';
    }
    return d;
  };
  return { width, height, project, path };
}
