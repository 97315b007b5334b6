/** A round-trip time too short for the database's country, seen from the vantage point (speed-of-light.ts). */
export interface GeoConflict {
  databaseCountry: string;
  rttMs: number;
  maxDistanceKm: number;
  minDistanceKm: number;
  vantage: string;
}
