/**
 * Location evidence beyond the database, as the audit uses it: region hints in names and CNAME chains, and the
 * speed-of-light check of a TCP handshake RTT against the database's country from the vantage point.
 */
import { regionHints } from '../enrich/location/region-hints.js';
import { checkSpeedOfLight, type Vantage } from '../enrich/location/speed-of-light.js';
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

/** Region hints always; the RTT check only with a vantage point. */
export function locationEvidence(vantage: Vantage | null): LocationEvidence {
  return {
    regionHints(names) {
      const out: string[] = [];
      for (const h of regionHints(names)) {
        const text = `${h.token} → ${h.region}${h.country !== null ? ` (${h.country})` : ''}`;
        if (!out.includes(text)) out.push(text);
      }
      return out;
    },
    geoConflict(country, rtt) {
      if (vantage === null || rtt === null) return null;
      return checkSpeedOfLight(country, rtt, vantage);
    },
  };
}
