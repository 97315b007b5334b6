/**
 * Great-circle distances on a spherical Earth (mean radius 6371.0088 km, IUGG): haversine for point to point,
 * cross-track / along-track for point to segment (the segment treated as a great-circle arc).
 */

export interface LatLon {
  lat: number;
  lon: number;
}

export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Central angle between two points, in radians (haversine). */
function angle(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceKm(a: LatLon, b: LatLon): number {
  return angle(a, b) * EARTH_RADIUS_KM;
}

function bearing(a: LatLon, b: LatLon): number {
  const y = Math.sin((b.lon - a.lon) * RAD) * Math.cos(b.lat * RAD);
  const x =
    Math.cos(a.lat * RAD) * Math.sin(b.lat * RAD) -
    Math.sin(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.cos((b.lon - a.lon) * RAD);
  return Math.atan2(y, x);
}

/** Shortest distance from p to the great-circle arc a-b, in km. */
export function distanceToSegmentKm(p: LatLon, a: LatLon, b: LatLon): number {
  const dAP = angle(a, p);
  const dAB = angle(a, b);
  if (dAB === 0) return dAP * EARTH_RADIUS_KM;
  const xt = Math.asin(Math.sin(dAP) * Math.sin(bearing(a, p) - bearing(a, b)));
  const at = Math.acos(Math.max(-1, Math.min(1, Math.cos(dAP) / Math.cos(xt))));
  // The foot of the perpendicular lies on the arc only when the along-track distance is within it and P is
  // on the same side as B (the bearing difference is below 90°).
  const sameSide = Math.cos(bearing(a, p) - bearing(a, b)) > 0;
  if (sameSide && at <= dAB) return Math.abs(xt) * EARTH_RADIUS_KM;
  return Math.min(dAP, angle(b, p)) * EARTH_RADIUS_KM;
}
