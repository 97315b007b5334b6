/**
 * Parsers of the address-range files that clouds and CDNs publish: AWS ip-ranges.json, Google Cloud cloud.json,
 * Azure Service Tags (ServiceTags_Public_YYYYMMDD.json), Oracle Cloud public_ip_ranges.json, Cloudflare's
 * ips-v4/ips-v6 text lists and Fastly's public-ip-list. Each returns the file's version and date and one range per
 * published prefix with its region and country (regions.ts). Entries that are not what the format says (a prefix
 * that does not parse, a field of the wrong type) are skipped and counted, never guessed; a file whose top level
 * is not the format at all throws ImportError.
 */
import { formatIPv4, formatIPv6 } from '../../core/ip-format.js';
import { parseNetwork } from '../../enrich/addresses/cidr-matcher.js';
import { AZURE_REGIONS, awsBorderGroupCountry, countryOf, GOOGLE_REGIONS, ORACLE_REGIONS } from './regions.js';

/**
 * region: the published region gives the country. unknown-region: a region this importer's table does not know
 * (no country). global: published without a region ("GLOBAL", "global", an Azure tag without region).
 * anycast: announced from many places (CDN lists, Azure Front Door, AWS Global Accelerator). ambiguous: the same
 * prefix published in regions of different countries.
 */
export type RangeKind = 'region' | 'unknown-region' | 'global' | 'anycast' | 'ambiguous';

export interface PublishedRange {
  /** Canonical network text (host bits cleared, RFC 5952 IPv6). */
  prefix: string;
  /** The published region (or zone, or tag) name; null when none was published. */
  region: string | null;
  country: string | null;
  kind: RangeKind;
}

export interface ParsedSource {
  /** The file's own version ("syncToken 1787433425", "changeNumber 375"), or "" when it has none. */
  version: string;
  /** YYYY-MM-DD the provider dated the file, or the date given by the caller when the file has none. */
  date: string;
  ranges: PublishedRange[];
  /** Entries skipped as malformed. */
  skipped: number;
}

export class ImportError extends Error {}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string | null => (typeof v === 'string' ? v : null);
const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);

function parseJson(text: string, what: string): Record<string, Json> {
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${what}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(parsed)) throw new ImportError(`${what}: the top level is not an object`);
  return parsed;
}

/** The network with its host bits cleared, as canonical text; null when the text is not a network. */
export function canonicalPrefix(text: string): string | null {
  const n = parseNetwork(text);
  if (n === null || !text.includes('/')) return null;
  const bytes = Uint8Array.from(n.bytes);
  for (let i = n.prefix; i < bytes.length * 8; i++) bytes[i >> 3] = (bytes[i >> 3] ?? 0) & ~(0x80 >> (i & 7));
  return `${bytes.length === 4 ? formatIPv4(bytes, 0) : formatIPv6(bytes, 0)}/${n.prefix}`;
}

/** YYYY-MM-DD at the start of a provider's timestamp ("2026-08-22-21-17-05", "2025-07-24T19:16:28.78"). */
function leadingDate(text: string | null): string | null {
  const m = text === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m === null) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`
    ? null
    : `${m[1]}-${m[2]}-${m[3]}`;
}

function requireDate(date: string | null, what: string): string {
  if (date === null) throw new ImportError(`${what}: no valid date`);
  return date;
}

/** Region names are short identifiers; anything else in that field is skipped as malformed. */
const REGION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

class Collector {
  readonly ranges: PublishedRange[] = [];
  skipped = 0;

  add(prefixText: Json, region: string | null, country: string | null, kind: RangeKind): void {
    const text = str(prefixText);
    const prefix = text === null ? null : canonicalPrefix(text);
    if (prefix === null || (region !== null && !REGION_NAME.test(region))) {
      this.skipped++;
      return;
    }
    this.ranges.push({ prefix, region, country, kind });
  }
}

function regional(country: string | null): RangeKind {
  return country === null ? 'unknown-region' : 'region';
}

/** AWS ip-ranges.json: https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-syntax.html */
export function parseAwsIpRanges(text: string): ParsedSource {
  const j = parseJson(text, 'AWS ip-ranges.json');
  const token = str(j.syncToken);
  if (token === null || !/^\d{1,20}$/.test(token)) throw new ImportError('AWS ip-ranges.json: no syncToken');
  const date = requireDate(leadingDate(str(j.createDate)), 'AWS ip-ranges.json createDate');
  const c = new Collector();
  const entries = [
    ...arr(j.prefixes).map((e) => [e, 'ip_prefix'] as const),
    ...arr(j.ipv6_prefixes).map((e) => [e, 'ipv6_prefix'] as const),
  ];
  for (const [e, field] of entries) {
    if (!isObject(e)) {
      c.skipped++;
      continue;
    }
    const region = str(e.region);
    const border = str(e.network_border_group) ?? region;
    if (region === null || border === null) {
      c.skipped++;
      continue;
    }
    if (region === 'GLOBAL') {
      // Global Accelerator's static addresses are anycast (announced from AWS edge locations worldwide).
      c.add(e[field], null, null, str(e.service) === 'GLOBALACCELERATOR' ? 'anycast' : 'global');
      continue;
    }
    const country = awsBorderGroupCountry(region, border);
    c.add(e[field], border, country, regional(country));
  }
  return { version: `syncToken ${token}`, date, ranges: c.ranges, skipped: c.skipped };
}

/** Google Cloud cloud.json: https://cloud.google.com/compute/docs/faq#find_ip_range */
export function parseGoogleCloud(text: string): ParsedSource {
  const j = parseJson(text, 'Google Cloud cloud.json');
  const token = str(j.syncToken);
  if (token === null || !/^\d{1,20}$/.test(token)) throw new ImportError('Google Cloud cloud.json: no syncToken');
  const date = requireDate(leadingDate(str(j.creationTime)), 'Google Cloud cloud.json creationTime');
  const c = new Collector();
  for (const e of arr(j.prefixes)) {
    const scope = isObject(e) ? str(e.scope) : null;
    if (!isObject(e) || scope === null) {
      c.skipped++;
      continue;
    }
    const prefix = e.ipv4Prefix ?? e.ipv6Prefix;
    if (scope === 'global') c.add(prefix, null, null, 'global');
    else {
      const country = countryOf(GOOGLE_REGIONS, scope);
      c.add(prefix, scope, country, regional(country));
    }
  }
  return { version: `syncToken ${token}`, date, ranges: c.ranges, skipped: c.skipped };
}

/**
 * Azure Service Tags, cloud "Public": https://learn.microsoft.com/azure/virtual-network/service-tags-overview
 * The file carries no date of its own: Microsoft dates the download's name (ServiceTags_Public_YYYYMMDD.json),
 * which the caller passes as `date`.
 */
export function parseAzureServiceTags(text: string, date: string): ParsedSource {
  const j = parseJson(text, 'Azure Service Tags');
  const change = j.changeNumber;
  if (typeof change !== 'number' || !Number.isSafeInteger(change)) {
    throw new ImportError('Azure Service Tags: no changeNumber');
  }
  if (j.cloud !== 'Public') throw new ImportError(`Azure Service Tags: cloud is not "Public"`);
  const day = requireDate(leadingDate(date), 'Azure Service Tags date');
  const c = new Collector();
  for (const v of arr(j.values)) {
    const name = isObject(v) ? str(v.name) : null;
    const props = isObject(v) && isObject(v.properties) ? v.properties : null;
    const region = props === null ? null : str(props.region);
    if (name === null || props === null || region === null || !Array.isArray(props.addressPrefixes)) {
      c.skipped++;
      continue;
    }
    for (const p of props.addressPrefixes) {
      if (region !== '') {
        const country = countryOf(AZURE_REGIONS, region);
        c.add(p, region, country, regional(country));
      } else {
        // Front Door is Microsoft's anycast edge: https://learn.microsoft.com/azure/frontdoor/front-door-traffic-acceleration
        c.add(p, REGION_NAME.test(name) ? name : null, null, name.startsWith('AzureFrontDoor.') ? 'anycast' : 'global');
      }
    }
  }
  return { version: `changeNumber ${change}`, date: day, ranges: c.ranges, skipped: c.skipped };
}

/** Oracle Cloud public_ip_ranges.json: https://docs.oracle.com/iaas/Content/General/Concepts/addressranges.htm */
export function parseOracleCloud(text: string): ParsedSource {
  const j = parseJson(text, 'Oracle Cloud public_ip_ranges.json');
  const stamp = str(j.last_updated_timestamp);
  const date = requireDate(leadingDate(stamp), 'Oracle Cloud last_updated_timestamp');
  const c = new Collector();
  for (const r of arr(j.regions)) {
    const region = isObject(r) ? str(r.region) : null;
    if (!isObject(r) || region === null || !Array.isArray(r.cidrs)) {
      c.skipped++;
      continue;
    }
    const country = countryOf(ORACLE_REGIONS, region);
    for (const cidr of r.cidrs) {
      if (!isObject(cidr)) c.skipped++;
      else c.add(cidr.cidr, region, country, regional(country));
    }
  }
  return { version: `last_updated_timestamp ${stamp}`, date, ranges: c.ranges, skipped: c.skipped };
}

/** Cloudflare https://www.cloudflare.com/ips-v4 and ips-v6: one prefix a line, no regions (anycast). */
export function parseCloudflareList(text: string, date: string): ParsedSource {
  const c = new Collector();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) c.add(t, null, null, 'anycast');
  }
  if (c.ranges.length === 0) throw new ImportError('Cloudflare list: no prefix');
  return {
    version: '',
    date: requireDate(leadingDate(date), 'Cloudflare list date'),
    ranges: c.ranges,
    skipped: c.skipped,
  };
}

/** Fastly https://api.fastly.com/public-ip-list: {"addresses": [...], "ipv6_addresses": [...]}, anycast. */
export function parseFastlyList(text: string, date: string): ParsedSource {
  const j = parseJson(text, 'Fastly public-ip-list');
  const c = new Collector();
  for (const p of [...arr(j.addresses), ...arr(j.ipv6_addresses)]) c.add(p, null, null, 'anycast');
  if (c.ranges.length === 0) throw new ImportError('Fastly public-ip-list: no prefix');
  return {
    version: '',
    date: requireDate(leadingDate(date), 'Fastly public-ip-list date'),
    ranges: c.ranges,
    skipped: c.skipped,
  };
}
