/**
 * Everything known about one destination address, computed once per address and cached: its scope (public,
 * local, special), geolocation with the databases that gave it, the operator and its jurisdiction, and the
 * transfer status. The address classifier runs first: local and special addresses are never geolocated.
 */
import type { AddressClassifier, Scope } from '../enrich/addresses/classify.js';
import type { GeoResolver, GeoSource } from '../enrich/geo/geo-resolver.js';
import { type TransferAssessment, transferStatus } from '../enrich/jurisdiction/transfer-status.js';
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

interface OperatorAnswer {
  operator: Operator | null;
  match: 'asn' | 'org-name' | null;
  verified: boolean;
}

export class DestinationFactsResolver {
  readonly #cache = new Map<string, DestinationFacts>();
  /** Operator per (ASN, AS organisation): many addresses share an AS, and the name-pattern fallback is costly. */
  readonly #operators = new Map<string, OperatorAnswer>();
  readonly #transfers = new Map<string, TransferAssessment>();

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

  #operator(asn: number | null, asOrg: string | null): OperatorAnswer {
    const key = `${asn ?? ''}|${asOrg ?? ''}`;
    const hit = this.#operators.get(key);
    if (hit !== undefined) return hit;
    const op = lookupOperator(asn, asOrg);
    const operator: Operator | null =
      op !== null
        ? toReportOperator(op)
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
    if (this.#operators.size >= CACHE_LIMIT) this.#operators.clear();
    this.#operators.set(key, answer);
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

  #compute(ip: string): DestinationFacts {
    // The classifier's and the resolver's own caches are bypassed: this cache already holds one entry per address.
    const cls = this.classifier.classifyOnce(ip);
    // Object literals with every field written out, not `{ ...base, ... }`: V8 builds a spread-then-extended
    // object through slow property transitions, which cost more than the lookups themselves (profiled).
    const unwrapped = cls.unwrapped ?? null;
    if (cls.scope !== 'public') {
      const t = this.#transfer(null, null, cls.scope === 'local');
      return {
        ip,
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
        // Special-purpose addresses (multicast, broadcast, documentation, reserved) are not routed to a remote
        // operator: nothing is transferred to anyone outside the site.
        transfer: 'none',
        transferReason:
          cls.scope === 'local'
            ? t.reason
            : `special-purpose address (${cls.label}): not routed to a remote destination`,
      };
    }
    const geo = this.geo.lookupUncached(cls.unwrapped ?? ip);
    const { operator, match, verified } = this.#operator(geo.asn, geo.asOrg);
    const t = this.#transfer(geo.country, operator?.dpfCertified ?? null, false);
    return {
      ip,
      scope: cls.scope,
      scopeLabel: cls.label,
      unwrapped,
      country: geo.country,
      city: geo.city ?? null,
      location: geo.location === undefined ? null : { lat: geo.location.lat, lon: geo.location.lon },
      geoSources: geo.sources,
      operator,
      operatorMatch: match,
      operatorVerified: verified,
      transfer: t.status,
      transferReason: t.reason,
    };
  }
}
