/**
 * The speed-of-light check: a TCP handshake's round-trip time bounds how far away the server can be. Light in
 * optical fibre travels at about c / 1.47 ≈ 204 km per millisecond; we use 200 km/ms one way, so a server
 * answering in `rtt` ms is at most rtt / 2 × 200 km away. Routing detours and queueing only add time, so the
 * bound is safe: if even the nearest point of the country a database names is farther than that (plus a margin
 * for simplified outlines and a coarse vantage), the database is wrong for this server (typically an anycast or
 * CDN address geolocated to the operator's home country).
 */

import { CountryGeometry } from './country-geometry.js';
import type { GeoConflict } from './geo-conflict.js';
import { distanceKm as pointDistanceKm } from './geodesy.js';

export const FIBRE_KM_PER_MS = 200;
/** Allowance for simplified outlines (about 0.03°) and rounding, in km. */
export const CONFLICT_MARGIN_KM = 50;

export type Vantage = { country: string } | { lat: number; lon: number };

export type { GeoConflict } from './geo-conflict.js';

export function maxDistanceKm(rttMs: number): number {
  return (rttMs / 2) * FIBRE_KM_PER_MS;
}

/** Parses "DE" or "52.52,13.40" (--vantage); null when neither. */
export function parseVantage(text: string): Vantage | null {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t)) return { country: t.toUpperCase() };
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  if (m === null) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

const vantageText = (v: Vantage): string => ('country' in v ? v.country : `${v.lat},${v.lon}`);

/** Smallest possible distance from the vantage to the country, km; null when the geometry cannot tell. */
export function minDistanceToCountryKm(vantage: Vantage, country: string, geometry: CountryGeometry): number | null {
  if ('country' in vantage) return geometry.countryDistanceKm(vantage.country, country);
  return geometry.distanceKm(country, vantage);
}

/**
 * A conflict when the database's country cannot be reached within the RTT; null when consistent or unknown
 * (no geometry for a country, a non-positive or absurd RTT).
 */
export function checkSpeedOfLight(
  databaseCountry: string | null,
  rttMs: number,
  vantage: Vantage,
  geometry: CountryGeometry | null = CountryGeometry.shipped(),
): GeoConflict | null {
  if (databaseCountry === null || geometry === null || !Number.isFinite(rttMs) || rttMs <= 0) return null;
  const max = maxDistanceKm(rttMs);
  // Half the Earth's circumference: any RTT beyond ~200 ms allows every country.
  if (max >= 20_016) return null;
  const min = minDistanceToCountryKm(vantage, databaseCountry, geometry);
  if (min === null || min <= max + CONFLICT_MARGIN_KM) return null;
  return {
    databaseCountry: databaseCountry.toUpperCase(),
    rttMs,
    maxDistanceKm: Math.round(max),
    minDistanceKm: Math.round(min),
    vantage: vantageText(vantage),
  };
}

/** Distance from a point to a destination's own coordinates (when a City database gave some), km. */
export function pointDistance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return pointDistanceKm(a, b);
}
