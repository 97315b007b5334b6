/**
 * Minimal TopoJSON decoding (TopoJSON specification §2.1.4 transforms, §2.2.4 arc indexes) and ring
 * simplification for the country geometry build. Input is trusted build-time data (world-atlas), but reads are
 * still guarded so a bad file gives empty geometry rather than an exception.
 */

type Point = [number, number];

export interface DecodedFeature {
  id?: string;
  name: string;
  /** Polygons, each a list of rings (outer first), each ring a list of [lon, lat]. */
  polygons: Point[][][];
}

interface Topology {
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, { geometries?: Geometry[] }>;
}

interface Geometry {
  type: string;
  id?: string;
  properties?: { name?: string };
  arcs?: number[][] | number[][][];
}

/** Decodes the arcs: quantized positions are delta-encoded (§2.1.4), then scaled and translated. */
function decodeArcs(topo: Topology): Point[][] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p): Point => {
      if (t === undefined) return [p[0] ?? 0, p[1] ?? 0];
      x += p[0] ?? 0;
      y += p[1] ?? 0;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

/** A ring from arc indexes; a negative index ~i is arc i reversed (§2.2.4); shared end points are dropped. */
function ringFromArcs(indexes: number[], arcs: Point[][]): Point[] {
  const ring: Point[] = [];
  for (const index of indexes) {
    const arc = index >= 0 ? arcs[index] : arcs[~index]?.slice().reverse();
    if (arc === undefined) continue;
    ring.push(...(ring.length > 0 ? arc.slice(1) : arc));
  }
  return ring;
}

export function decodeTopology(json: unknown, objectName: string): DecodedFeature[] {
  const topo = json as Topology;
  const geometries = topo?.objects?.[objectName]?.geometries;
  if (!Array.isArray(geometries) || !Array.isArray(topo.arcs)) return [];
  const arcs = decodeArcs(topo);
  return geometries.map((g) => {
    const polys: number[][][] =
      g.type === 'Polygon'
        ? [(g.arcs ?? []) as number[][]]
        : g.type === 'MultiPolygon'
          ? ((g.arcs ?? []) as number[][][])
          : [];
    const feature: DecodedFeature = {
      name: g.properties?.name ?? '',
      polygons: polys.map((poly) => poly.map((ring) => ringFromArcs(ring, arcs))),
    };
    if (g.id !== undefined) feature.id = String(g.id);
    return feature;
  });
}

/** Douglas-Peucker on a closed ring (planar, degrees); keeps the closing point. */
export function simplifyRing(ring: Point[], tolerance: number): Point[] {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // The ring's first and last points coincide; split at the farthest point so the baseline is not degenerate.
  const first = ring[0] ?? [0, 0];
  let far = 0;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const p = ring[i] ?? [0, 0];
    const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length > 0) {
    const [a, b] = stack.pop() ?? [0, 0];
    const pa = ring[a] ?? [0, 0];
    const pb = ring[b] ?? [0, 0];
    let maxD = 0;
    let idx = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(ring[i] ?? [0, 0], pa, pb);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx >= 0 && maxD > tolerance) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
