/**
 * Location evidence beyond the database, as the audit uses it: region hints in names and CNAME chains, and the
 * speed-of-light check of a TCP handshake RTT against the database's country from the vantage point.
 */
import type { GeoConflict } from '../report/model.js';

export interface LocationEvidence {
  regionHints(names: string[]): string[];
  geoConflict(databaseCountry: string | null, minRttMs: number | null): GeoConflict | null;
}

/** No vantage point and no hint tables: says nothing rather than guess. */
export const NO_LOCATION_EVIDENCE: LocationEvidence = {
  regionHints: () => [],
  geoConflict: () => null,
};
