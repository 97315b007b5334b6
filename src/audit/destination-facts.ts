/**
 * Everything known about one destination address, computed once per address and cached: its scope (public,
 * local, special), geolocation with the databases that gave it, the operator and its jurisdiction, and the
 * transfer status. The address classifier runs first: local and special addresses are never geolocated.
 */
import type { AddressClassifier, Scope } from '../enrich/addresses/classify.js';
import type { GeoResolver, GeoSource } from '../enrich/geo/geo-resolver.js';
import { transferStatus } from '../enrich/jurisdiction/transfer-status.js';
import { lookupOperator, toReportOperator } from '../enrich/operators/operator-lookup.js';
import type { Operator, Transfer } from '../report/model.js';

export interface DestinationFacts {
  ip: string;
  scope: Scope;
  scopeLabel: string;
  /** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4, Teredo), which was looked up instead. */
  unwrapped: string | null;
  country: string | null;
  city: string | null;
  location: { lat: number; lon: number } | null;
  geoSources: GeoSource[];
  operator: Operator | null;
  /** Why the operator was named: ASN table, AS-organisation name, or nothing known. */
  operatorMatch: 'asn' | 'org-name' | null;
  operatorVerified: boolean;
  transfer: Transfer;
  transferReason: string;
}

/** Addresses remembered at most; beyond that the cache starts over (facts are cheap to recompute). */
const CACHE_LIMIT = 200_000;

export class DestinationFactsResolver {
  readonly #cache = new Map<string, DestinationFacts>();

  constructor(
    readonly geo: GeoResolver,
    readonly classifier: AddressClassifier,
    /** YYYY-MM-DD the legal facts are judged on (adequacy decisions in force that day). */
    readonly asOf: string,
  ) {}

  facts(ip: string): DestinationFacts {
    const hit = this.#cache.get(ip);
    if (hit !== undefined) return hit;
    const facts = this.#compute(ip);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(ip, facts);
    return facts;
  }

  #compute(ip: string): DestinationFacts {
    const cls = this.classifier.classify(ip);
    const base = {
      ip,
      scope: cls.scope,
      scopeLabel: cls.label,
      unwrapped: cls.unwrapped ?? null,
    };
    if (cls.scope !== 'public') {
      const t = transferStatus(null, null, { local: cls.scope === 'local', asOf: this.asOf });
      return {
        ...base,
        country: null,
        city: null,
        location: null,
        geoSources: [],
        operator: null,
        operatorMatch: null,
        operatorVerified: false,
        // Special-purpose addresses (multicast, broadcast, documentation, reserved) are not routed to a remote
        // operator: nothing is transferred to anyone outside the site.
        transfer: 'none',
        transferReason:
          cls.scope === 'local'
            ? t.reason
            : `special-purpose address (${cls.label}): not routed to a remote destination`,
      };
    }
    const geo = this.geo.lookup(cls.unwrapped ?? ip);
    const op = lookupOperator(geo.asn, geo.asOrg);
    const operator: Operator | null =
      op !== null
        ? toReportOperator(op)
        : geo.asn !== null || geo.asOrg !== null
          ? {
              name: geo.asOrg ?? `AS${geo.asn}`,
              hqCountry: null,
              dpfCertified: null,
              dpfAsOf: null,
              asn: geo.asn,
              asOrg: geo.asOrg,
              anycast: false,
            }
          : null;
    const t = transferStatus(geo.country, operator?.dpfCertified ?? null, { asOf: this.asOf });
    return {
      ...base,
      country: geo.country,
      city: geo.city ?? null,
      location: geo.location === undefined ? null : { lat: geo.location.lat, lon: geo.location.lon },
      geoSources: geo.sources,
      operator,
      operatorMatch: op?.match ?? null,
      operatorVerified: op?.verified ?? false,
      transfer: t.status,
      transferReason: t.reason,
    };
  }
}
