/**
 * Everything known about one destination address, computed once per address and cached: its scope (public,
 * local, special), geolocation with the databases that gave it, the operator and its jurisdiction, and the
 * transfer status. The address classifier runs first: local and special addresses are never geolocated.
 */
import { parseIPv4, parseIp } from '../core/ip-format.js';
import { type AddressClass, type AddressClassifier, PUBLIC_UNICAST, type Scope } from '../enrich/addresses/classify.js';
import { type CloudRange, type CloudRanges, cloudReason, locationNotFixed } from '../enrich/geo/cloud-ranges.js';
import type { GeoAnswer, GeoResolver, GeoSource } from '../enrich/geo/geo-resolver.js';
import { type TransferAssessment, transferStatus } from '../enrich/jurisdiction/transfer-status.js';
import { lookupOperator, toReportOperator } from '../enrich/operators/operator-lookup.js';
import type { Operator, Transfer } from '../report/model.js';

/**
 * What is known about a destination address. One object serves every plain public address with the same
 * geolocation answer (such an address adds nothing of its own), so it names no address: the caller knows which
 * one it asked about. Read-only.
 */
export interface DestinationFacts {
  scope: Scope;
  scopeLabel: string;
  /** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4, Teredo), which was looked up instead. */
  unwrapped: string | null;
  country: string | null;
  city: string | null;
  /** Shared between addresses with the same geolocation answer, like geoSources: read-only. */
  location: { lat: number; lon: number } | null;
  geoSources: GeoSource[];
  operator: Operator | null;
  /** Why the operator was named: ASN table, AS-organisation name, or nothing known. */
  operatorMatch: 'asn' | 'org-name' | null;
  operatorVerified: boolean;
  /**
   * The status as if the host received the data (server country and the host's DPF). A report judges public
   * destinations on their recipient instead (destination-recipient.ts); this one decides only for local and
   * special addresses, where nothing leaves the site.
   */
  transfer: Transfer;
  transferReason: string;
  /** The published cloud/CDN range holding the address (enrich/geo/cloud-ranges.ts), null when none. */
  cloud: CloudFact | null;
  /**
   * The server's place is not fixed, so the country is no evidence of it: an anycast range, a range published
   * worldwide without a region (Microsoft 365), or an anycast/CDN host (operator.anycast) where no published
   * region fixes the address.
   */
  locationNotFixed: boolean;
}

/** A published range and what it changed: its region's country replaces the database's. */
export interface CloudFact {
  range: CloudRange;
  /** The country the geolocation database gave, kept as evidence when the published region says otherwise. */
  databaseCountry: string | null;
  /** Why it matters (another country than the database, anycast), or null when it only confirms the database. */
  reason: string | null;
}

/** Addresses remembered at most; beyond that the cache starts over (facts are cheap to recompute). */
const CACHE_LIMIT = 200_000;

interface OperatorAnswer {
  operator: Operator | null;
  match: 'asn' | 'org-name' | null;
  verified: boolean;
}

/** What follows from a geolocation answer alone: computed once per answer, which many addresses share. */
interface GeoFacts {
  /** The answer the facts follow from: the database's, or with a published region's country. */
  answer: GeoAnswer;
  location: { lat: number; lon: number } | null;
  operator: OperatorAnswer;
  transfer: TransferAssessment;
  /** The facts of a plain public address (global unicast, nothing unwrapped) with this answer. */
  shared: DestinationFacts;
}

const NOT_AN_ADDRESS: AddressClass = { scope: 'special', label: 'not an IP address' };

/**
 * A flow whose input did not record the server's address (a HAR entry without serverIPAddress, written as ''):
 * a remote server somewhere; where, the data does not tell. The name and the catalog still say who receives.
 */
export const ADDRESS_NOT_RECORDED: DestinationFacts = {
  scope: 'public',
  scopeLabel: 'server address not recorded',
  unwrapped: null,
  country: null,
  city: null,
  location: null,
  geoSources: [],
  operator: null,
  operatorMatch: null,
  operatorVerified: false,
  transfer: 'unknown',
  transferReason:
    'the input did not record the server address (a HAR entry without serverIPAddress): its country is unknown, only the name tells the destination',
  cloud: null,
  locationNotFixed: false,
};

export class DestinationFactsResolver {
  readonly #cache = new Map<string, DestinationFacts>();
  /** Per geolocation answer object (geo-resolver.ts shares one between addresses that reach the same records). */
  readonly #byAnswer = new Map<GeoAnswer, GeoFacts>();
  /**
   * Per geolocation answer and published range: cloud ranges are per address, not per database record, so
   * addresses sharing a database answer may lie in different published ranges (a few thousand pairs).
   */
  readonly #byCloud = new Map<GeoAnswer, Map<CloudRange, GeoFacts>>();
  #byCloudCount = 0;
  /**
   * Operator per ASN, then per AS organisation (two levels, no joined string key): many answers share an AS,
   * and the name-pattern fallback is costly.
   */
  readonly #operators = new Map<number | null, Map<string | null, OperatorAnswer>>();
  #operatorCount = 0;
  readonly #transfers = new Map<string, TransferAssessment>();
  /** The address computed last and its bytes, for addressOf: the catalog's range check of the same flow. */
  #lastIp: string | null = null;
  #lastAddress: Uint8Array | null = null;

  constructor(
    readonly geo: GeoResolver,
    readonly classifier: AddressClassifier,
    /** YYYY-MM-DD the legal facts are judged on (adequacy decisions in force that day). */
    readonly asOf: string,
    /** Published cloud/CDN ranges, whose region decides the country over the database for their prefixes. */
    readonly cloud: CloudRanges | null = null,
  ) {}

  facts(ip: string): DestinationFacts {
    if (ip === '') return ADDRESS_NOT_RECORDED;
    const hit = this.#cache.get(ip);
    if (hit !== undefined) return hit;
    const facts = this.#compute(ip);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(ip, facts);
    return facts;
  }

  /** parseIp(ip), without parsing again when `ip` is the address whose facts were just computed. */
  addressOf(ip: string): Uint8Array | null {
    return ip === this.#lastIp ? this.#lastAddress : parseIp(ip);
  }

  #operator(asn: number | null, asOrg: string | null): OperatorAnswer {
    let byOrg = this.#operators.get(asn);
    const hit = byOrg?.get(asOrg);
    if (hit !== undefined) return hit;
    const op = lookupOperator(asn, asOrg);
    const operator: Operator | null =
      op !== null
        ? toReportOperator(op, this.asOf)
        : asn !== null || asOrg !== null
          ? {
              name: asOrg ?? `AS${asn}`,
              hqCountry: null,
              dpfCertified: null,
              dpfAsOf: null,
              asn,
              asOrg,
              anycast: false,
            }
          : null;
    const answer: OperatorAnswer = { operator, match: op?.match ?? null, verified: op?.verified ?? false };
    if (this.#operatorCount >= CACHE_LIMIT) {
      this.#operators.clear();
      this.#operatorCount = 0;
      byOrg = undefined;
    }
    if (byOrg === undefined) {
      byOrg = new Map();
      this.#operators.set(asn, byOrg);
    }
    byOrg.set(asOrg, answer);
    this.#operatorCount++;
    return answer;
  }

  /** The transfer status depends only on country, DPF status and the date: a few hundred distinct answers. */
  #transfer(country: string | null, dpf: boolean | null, local: boolean): TransferAssessment {
    const key = `${country}|${dpf}|${local}`;
    let t = this.#transfers.get(key);
    if (t === undefined) {
      t = transferStatus(country, dpf, { local, asOf: this.asOf });
      this.#transfers.set(key, t);
    }
    return t;
  }

  #geoFacts(geo: GeoAnswer): GeoFacts {
    const hit = this.#byAnswer.get(geo);
    if (hit !== undefined) return hit;
    const operator = this.#operator(geo.asn, geo.asOrg);
    const location = geo.location === undefined ? null : { lat: geo.location.lat, lon: geo.location.lon };
    const transfer = this.#transfer(geo.country, operator.operator?.dpfCertified ?? null, false);
    const facts: GeoFacts = {
      answer: geo,
      location,
      operator,
      transfer,
      shared: publicFacts(PUBLIC_UNICAST.label, null, geo, location, operator, transfer, null),
    };
    if (this.#byAnswer.size >= CACHE_LIMIT) this.#byAnswer.clear();
    this.#byAnswer.set(geo, facts);
    return facts;
  }

  /**
   * The facts of an answer inside a published range: a region's country replaces the database's (with the city
   * and coordinates, which then describe another place); the range is named first among the sources.
   */
  #cloudFacts(geo: GeoAnswer, range: CloudRange): GeoFacts {
    let byRange = this.#byCloud.get(geo);
    const hit = byRange?.get(range);
    if (hit !== undefined) return hit;
    const replaced = range.country !== null && range.country !== geo.country;
    const answer: GeoAnswer = {
      country: range.country ?? geo.country,
      asn: geo.asn,
      asOrg: geo.asOrg,
      sources: [{ database: range.label, type: 'cloud-ranges', buildDate: range.source.date }, ...geo.sources],
    };
    if (!replaced && geo.city !== undefined) answer.city = geo.city;
    if (!replaced && geo.location !== undefined) answer.location = geo.location;
    const base = this.#operator(geo.asn, geo.asOrg);
    // The published list says more about this prefix than the operator table's per-AS anycast flag: a CDN list
    // or Front Door marks it anycast, a published region fixes it in one place (an EC2 prefix of an AS that also
    // runs CloudFront).
    const anycast = range.kind === 'anycast' ? true : range.kind === 'region' ? false : null;
    const operator: OperatorAnswer =
      anycast !== null && base.operator !== null && base.operator.anycast !== anycast
        ? { ...base, operator: { ...base.operator, anycast } }
        : base;
    const location = answer.location === undefined ? null : { lat: answer.location.lat, lon: answer.location.lon };
    const transfer = this.#transfer(answer.country, operator.operator?.dpfCertified ?? null, false);
    const cloud: CloudFact = { range, databaseCountry: geo.country, reason: cloudReason(range, geo.country) };
    const facts: GeoFacts = {
      answer,
      location,
      operator,
      transfer,
      shared: publicFacts(PUBLIC_UNICAST.label, null, answer, location, operator, transfer, cloud),
    };
    if (this.#byCloudCount >= CACHE_LIMIT) {
      this.#byCloud.clear();
      this.#byCloudCount = 0;
      byRange = undefined;
    }
    if (byRange === undefined) {
      byRange = new Map();
      this.#byCloud.set(geo, byRange);
    }
    byRange.set(range, facts);
    this.#byCloudCount++;
    return facts;
  }

  #compute(ip: string): DestinationFacts {
    // One parse for the classifier, the geolocation and the catalog's range check (addressOf); the bytes are not
    // kept per address (a typed array per cached address costs more in garbage collection than parsing again).
    // The classifier's and the resolver's per-address caches are bypassed: this cache holds one entry per address.
    const address = parseIp(ip);
    this.#lastIp = ip;
    this.#lastAddress = address;
    const cls = address === null ? NOT_AN_ADDRESS : this.classifier.classifyBytes(address);
    // Object literals with every field written out, not `{ ...base, ... }`: V8 builds a spread-then-extended
    // object through slow property transitions, which cost more than the lookups themselves (profiled).
    const unwrapped = cls.unwrapped ?? null;
    if (address === null || cls.scope !== 'public') {
      const t = this.#transfer(null, null, cls.scope === 'local');
      return {
        scope: cls.scope,
        scopeLabel: cls.label,
        unwrapped,
        country: null,
        city: null,
        location: null,
        geoSources: [],
        operator: null,
        operatorMatch: null,
        operatorVerified: false,
        cloud: null,
        locationNotFixed: false,
        // Special-purpose addresses (multicast, broadcast, documentation, reserved) are not routed to a remote
        // operator: nothing is transferred to anyone outside the site.
        transfer: 'none',
        transferReason:
          cls.scope === 'local'
            ? t.reason
            : `special-purpose address (${cls.label}): not routed to a remote destination`,
      };
    }
    const inner = unwrapped === null ? address : parseIPv4(unwrapped);
    const geo = inner === null ? this.geo.lookupUncached(unwrapped ?? ip) : this.geo.lookupBytes(inner);
    const range = inner === null || this.cloud === null ? null : this.cloud.lookupBytes(inner);
    const g = range === null ? this.#geoFacts(geo) : this.#cloudFacts(geo, range);
    // Nearly every address: one object per answer, not per address (70,000 new servers on the benchmark).
    if (cls === PUBLIC_UNICAST) return g.shared;
    return publicFacts(cls.label, unwrapped, g.answer, g.location, g.operator, g.transfer, g.shared.cloud);
  }
}

function publicFacts(
  scopeLabel: string,
  unwrapped: string | null,
  geo: GeoAnswer,
  location: { lat: number; lon: number } | null,
  operator: OperatorAnswer,
  transfer: TransferAssessment,
  cloud: CloudFact | null,
): DestinationFacts {
  return {
    scope: 'public',
    scopeLabel,
    unwrapped,
    country: geo.country,
    city: geo.city ?? null,
    location,
    geoSources: geo.sources,
    operator: operator.operator,
    operatorMatch: operator.match,
    operatorVerified: operator.verified,
    transfer: transfer.status,
    transferReason: transfer.reason,
    cloud,
    locationNotFixed: (cloud !== null && locationNotFixed(cloud.range)) || operator.operator?.anycast === true,
  };
}
