/**
 * The world map: destinations as circles, coloured by transfer class and sized by volume (area ∝ bytes, or ∝
 * flows when the input did not record every flow's bytes), over country outlines when the geometry file is present, else over a graticule only. Countries that
 * received data are tinted with the colour of their most serious transfer class.
 */

import { compareText } from '../../core/text-order.js';
import { escapeHtml as h } from '../escape.js';
import { countryLabel, formatBytes, formatCount, groupBytes, TRANSFER_LABEL, TRANSFER_ORDER } from '../format.js';
import type { DestinationGroup, Report, Transfer } from '../model.js';
import { bytesKnown } from '../summary-words.js';
import { naturalEarthProjection } from './projection.js';
import type { LonLat, WorldGeometry } from './world-geometry.js';

const WIDTH = 960;

interface Marker {
  lon: number;
  lat: number;
  transfer: Transfer;
  bytes: number;
  flows: number;
  names: string[];
  country: string | null;
}

function graticule(project: (lon: number, lat: number) => [number, number]): string {
  const lines: string[] = [];
  const poly = (pts: [number, number][]): string => pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('');
  for (let lon = -180; lon <= 180; lon += 30) {
    const pts: [number, number][] = [];
    for (let lat = -58; lat <= 84; lat += 2) pts.push(project(lon, lat));
    pts.push(project(lon, 84));
    lines.push(poly(pts));
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const pts: [number, number][] = [];
    for (let lon = -180; lon <= 180; lon += 5) pts.push(project(lon, lat));
    lines.push(poly(pts));
  }
  return `<path class="graticule" d="${lines.join('')}"/>`;
}

function outline(project: (lon: number, lat: number) => [number, number]): string {
  const pts: [number, number][] = [];
  for (let lat = -58; lat <= 84; lat += 2) pts.push(project(-180, lat));
  for (let lat = 84; lat >= -58; lat -= 2) pts.push(project(180, lat));
  return `<path class="sphere" d="${pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('')}Z"/>`;
}

function markers(groups: DestinationGroup[], world: WorldGeometry | null): { list: Marker[]; unplaced: number } {
  const byPlace = new Map<string, Marker>();
  let unplaced = 0;
  for (const g of groups) {
    if (g.transfer === 'none' || g.scope !== 'public') continue;
    const centroid: LonLat | null | undefined = g.country === null ? null : world?.countries.get(g.country)?.centroid;
    const at = g.location ?? (centroid ? { lon: centroid[0], lat: centroid[1] } : null);
    if (at === null) {
      unplaced++;
      continue;
    }
    const key = `${at.lon.toFixed(1)},${at.lat.toFixed(1)},${g.transfer}`;
    const m = byPlace.get(key) ?? {
      lon: at.lon,
      lat: at.lat,
      transfer: g.transfer,
      bytes: 0,
      flows: 0,
      names: [],
      country: g.country,
    };
    m.bytes += groupBytes(g);
    m.flows += g.flows;
    m.names.push(g.names[0]?.name ?? g.ips[0] ?? g.id);
    byPlace.set(key, m);
  }
  // Big circles first so small ones stay visible on top.
  const list = [...byPlace.values()].sort((a, b) => b.bytes - a.bytes || compareText(a.transfer, b.transfer));
  return { list, unplaced };
}

/** The most serious transfer class per destination country, for tinting. */
function countryTint(groups: DestinationGroup[]): Map<string, Transfer> {
  const tint = new Map<string, Transfer>();
  for (const g of groups) {
    if (g.country === null || g.transfer === 'none') continue;
    const prev = tint.get(g.country);
    if (prev === undefined || TRANSFER_ORDER.indexOf(g.transfer) < TRANSFER_ORDER.indexOf(prev))
      tint.set(g.country, g.transfer);
  }
  return tint;
}

export function worldMap(report: Report, world: WorldGeometry | null): string {
  const proj = naturalEarthProjection(WIDTH);
  const parts: string[] = [outline(proj.project), graticule(proj.project)];
  const tint = countryTint(report.destinations);
  if (world !== null) {
    const codes = [...world.countries.keys()].sort();
    for (const code of codes) {
      const shape = world.countries.get(code);
      if (shape === undefined || shape.rings.length === 0) continue;
      const t = tint.get(code);
      const cls = t === undefined ? 'land' : `land tint-${t}`;
      parts.push(`<path class="${cls}" d="${proj.path(shape.rings)}"><title>${h(countryLabel(code))}</title></path>`);
    }
  }
  const { list, unplaced } = markers(report.destinations, world);
  // Bytes the input did not record would draw every unmeasured destination as the smallest circle.
  const byFlows = bytesKnown(report.summary) !== 'all';
  const size = (m: Marker): number => (byFlows ? m.flows : m.bytes);
  if (byFlows) list.sort((a, b) => b.flows - a.flows || compareText(a.transfer, b.transfer));
  const max = Math.max(1, ...list.map(size));
  for (const m of list) {
    const [x, y] = proj.project(m.lon, m.lat);
    const r = Math.round((4.5 + 18 * Math.sqrt(size(m) / max)) * 10) / 10;
    const amount = byFlows ? `${formatCount(m.flows)} flow${m.flows === 1 ? '' : 's'}` : formatBytes(m.bytes);
    const title = `${m.names.join(', ')} — ${countryLabel(m.country)} — ${TRANSFER_LABEL[m.transfer]} — ${amount}`;
    parts.push(`<circle class="dot t-${m.transfer}" cx="${x}" cy="${y}" r="${r}"><title>${h(title)}</title></circle>`);
  }
  // The capture point is drawn last so a big circle in the same country cannot hide it.
  const vantage = report.metadata.vantage;
  if (vantage?.lat !== undefined && vantage.lon !== undefined) {
    const [x, y] = proj.project(vantage.lon, vantage.lat);
    parts.push(
      `<path class="vantage" d="M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z"><title>Capture point</title></path>`,
    );
  }
  const used = new Set(list.map((m) => m.transfer));
  const legend = TRANSFER_ORDER.filter((t) => t !== 'none')
    .map(
      (t) =>
        `<li class="${used.has(t) ? '' : 'unused'}"><span class="swatch t-${t}"></span>${h(TRANSFER_LABEL[t])}</li>`,
    )
    .join('');
  const notes: string[] = [];
  if (world === null) {
    notes.push(
      'Country outlines are not available in this installation (data/geo/countries.json is missing); destinations are drawn at their coordinates on a graticule.',
    );
  }
  if (unplaced > 0)
    notes.push(
      `${unplaced} destination${unplaced === 1 ? '' : 's'} without a known location ${unplaced === 1 ? 'is' : 'are'} not drawn.`,
    );
  notes.push(
    `Circle area is proportional to ${byFlows ? 'flows (bytes are not recorded for every flow)' : 'bytes sent and received'}; anycast and CDN addresses are drawn where the database places them.`,
  );
  return [
    '<figure class="map">',
    `<svg viewBox="0 0 ${proj.width} ${proj.height}" role="img" aria-label="World map of destinations by transfer class" xmlns="http://www.w3.org/2000/svg">`,
    ...parts,
    '</svg>',
    `<figcaption><ul class="legend"><li><span class="swatch vantage-swatch"></span>capture point</li>${legend}</ul>`,
    notes.map((n) => `<p class="note">${h(n)}</p>`).join(''),
    '</figcaption></figure>',
  ].join('\n');
}
