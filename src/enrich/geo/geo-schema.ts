/**
 * The record schemas of MaxMind-format databases we read, detected from the metadata and a sample record
 * (never from file names), and normalised to one partial answer:
 *
 *   maxmind   GeoIP2/GeoLite2 Country and City, DB-IP's mmdb files: country.iso_code (else
 *             registered_country.iso_code), city.names.en, location.{latitude,longitude,accuracy_radius};
 *             ASN databases: autonomous_system_number, autonomous_system_organization (top level)
 *   flat      ip-location-db: country_code, autonomous_system_number, autonomous_system_organization,
 *             city, latitude, longitude
 *   ipinfo    IPinfo: country (a code) or country_code, asn "AS123", as_name or name, lat/lng or
 *             latitude/longitude (numbers or numeric strings)
 */

export type GeoSchema = 'maxmind' | 'flat' | 'ipinfo';
export type GeoRole = 'country' | 'city' | 'asn';

export interface PartialGeo {
  country?: string;
  city?: string;
  location?: { lat: number; lon: number; accuracyKm?: number };
  asn?: number;
  asOrg?: string;
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

function isoCode(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : undefined;
}

function asnNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 32) return v;
  if (typeof v === 'string') {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(v.trim());
    if (m !== null) {
      const n = Number(m[1]);
      if (n < 2 ** 32) return n;
    }
  }
  return undefined;
}

function location(lat: unknown, lon: unknown, accuracy?: unknown): PartialGeo['location'] | undefined {
  const la = num(lat);
  const lo = num(lon);
  if (la === undefined || lo === undefined || Math.abs(la) > 90 || Math.abs(lo) > 180) return undefined;
  const acc = num(accuracy);
  return acc === undefined ? { lat: la, lon: lo } : { lat: la, lon: lo, accuracyKm: acc };
}

/** Which schema a sample record follows; null when none we know. */
export function detectSchema(databaseType: string, sample: unknown): GeoSchema | null {
  if (!isRec(sample)) return null;
  if (isRec(sample.country) || isRec(sample.registered_country) || isRec(sample.city) || isRec(sample.location)) {
    return 'maxmind';
  }
  if (typeof sample.asn === 'string' || typeof sample.as_name === 'string' || typeof sample.country === 'string') {
    return 'ipinfo';
  }
  if (typeof sample.country_code === 'string') return 'flat';
  if (sample.autonomous_system_number !== undefined) {
    // GeoLite2-ASN and ip-location-db's asn use the same keys; either way the flat reader handles them.
    return /geo(ip2|lite2)/i.test(databaseType) ? 'maxmind' : 'flat';
  }
  return null;
}

/** Which answers a database can give, from its sample record. */
export function detectRoles(schema: GeoSchema, sample: unknown): GeoRole[] {
  const g = normalise(schema, sample);
  const roles: GeoRole[] = [];
  if (g.city !== undefined || g.location !== undefined) roles.push('city');
  if (g.country !== undefined) roles.push('country');
  if (g.asn !== undefined) roles.push('asn');
  return roles;
}

export function normalise(schema: GeoSchema, record: unknown): PartialGeo {
  if (!isRec(record)) return {};
  const out: PartialGeo = {};
  const set = <K extends keyof PartialGeo>(k: K, v: PartialGeo[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  if (schema === 'maxmind') {
    const country = isRec(record.country) ? record.country : undefined;
    const registered = isRec(record.registered_country) ? record.registered_country : undefined;
    set('country', isoCode(country?.iso_code) ?? isoCode(registered?.iso_code));
    const city = isRec(record.city) ? record.city : undefined;
    const names = isRec(city?.names) ? city.names : undefined;
    set('city', str(names?.en));
    const loc = isRec(record.location) ? record.location : undefined;
    if (loc !== undefined) set('location', location(loc.latitude, loc.longitude, loc.accuracy_radius));
    set('asn', asnNumber(record.autonomous_system_number));
    set('asOrg', str(record.autonomous_system_organization));
    // GeoIP2 Enterprise/Insights carry the ASN under traits.
    const traits = isRec(record.traits) ? record.traits : undefined;
    if (out.asn === undefined) set('asn', asnNumber(traits?.autonomous_system_number));
    if (out.asOrg === undefined) set('asOrg', str(traits?.autonomous_system_organization));
  } else if (schema === 'flat') {
    set('country', isoCode(record.country_code));
    set('city', str(record.city));
    set('location', location(record.latitude, record.longitude));
    set('asn', asnNumber(record.autonomous_system_number));
    set('asOrg', str(record.autonomous_system_organization));
  } else {
    set('country', isoCode(record.country_code) ?? isoCode(record.country));
    set('city', str(record.city));
    set('location', location(record.lat ?? record.latitude, record.lng ?? record.longitude));
    set('asn', asnNumber(record.asn));
    set('asOrg', str(record.as_name) ?? (record.asn !== undefined ? str(record.name) : undefined));
  }
  return out;
}
