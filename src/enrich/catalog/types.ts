/**
 * The telemetry endpoint catalog: data, not code (after nDPI's host → application tables). A rule says which
 * host names, suffixes or address ranges belong to which vendor's product, what the traffic is for, and how
 * likely it carries personal data beyond the client IP address (which always is: CJEU C-582/14 Breyer).
 * data/catalog/schema.json describes the file format; validate.ts enforces it.
 */

export const CATEGORIES = [
  'telemetry',
  'diagnostics',
  'crash-reporting',
  'analytics',
  'advertising',
  'identity',
  'sync-storage',
  'update',
  'content-delivery',
  'certificate',
  'time',
  'connectivity-check',
  'licensing',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const RATINGS = ['likely', 'possible', 'unlikely'] as const;
export type Rating = (typeof RATINGS)[number];

export const DATA_KINDS = [
  'device-identifiers',
  'usage-data',
  'user-identifiers',
  'ip-address',
  'location',
  'content',
  'crash-dumps',
  'account-data',
  'browsing-data',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * `unverified`: the host name comes from a source that was not confirmed against a vendor or maintained list;
 * such a rule carries no `verified` date and reports must say so.
 */
export const CONFIDENCES = ['documented', 'third-party-list', 'unverified'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface RuleMatch {
  /** Exact host names (lower case, no trailing dot). */
  names?: string[];
  /** "*.example.com" or ".example.com": strict subdomains of example.com (not example.com itself). */
  suffixes?: string[];
  /** IPv4 or IPv6 prefixes, "192.0.2.0/24". */
  cidrs?: string[];
  /** Server ports; when given, the rule matches only flows to one of them. */
  ports?: number[];
}

export interface CatalogRule {
  id: string;
  match: RuleMatch;
  vendor: string;
  product: string;
  category: Category;
  personalData: { rating: Rating; kinds: DataKind[] };
  /** Where the vendor documents this endpoint ingests data, e.g. "eu" for an EU ingestion endpoint. */
  region?: string;
  source: string;
  /** ISO date the rule was checked against `source`; absent only when confidence is "unverified". */
  verified?: string;
  confidence?: Confidence;
  notes?: string;
}

export interface CatalogFile {
  catalogVersion: string;
  updated: string;
  description?: string;
  rules: CatalogRule[];
}

export type MatchKind = 'exact' | 'suffix' | 'cidr';

/**
 * Which of a flow's names the rule matched (Catalog.matchFlow, tried in this order):
 * `name`: a name the client asked for (SNI, Host, DNS question); `edge-name`: the host an asked edge name embeds
 * (v10.vortex-win.data.microsoft.com.akadns.net → v10.vortex-win.data.microsoft.com); `cname-chain`: a name the
 * asked name resolved through (or its embedded host); `cdn-edge`: a generic delivery-network rule (a suffix rule on
 * an edge suffix itself, "*.akamaiedge.net") on any of them, which says who delivers the bytes, not whose service
 * it is: endpoint-decision.ts lets the asked name's domain owner go first.
 */
/** Whose name a rule matched, strongest first: the order of Catalog.matchFlow's ranks. */
export const MATCH_VIAS = ['name', 'edge-name', 'cname-chain', 'cdn-edge'] as const;
export type MatchVia = (typeof MATCH_VIAS)[number];

export interface CatalogMatch {
  rule: CatalogRule;
  /** The flow name (or, for a cidr-only rule, the address) that matched. */
  matchedName: string;
  matchKind: MatchKind;
  /** The rule's pattern that matched: the name, "*.suffix" or the cidr. */
  pattern: string;
  /** True when the rule also constrained the port or the address range and that constraint held. */
  constrained: boolean;
  /** File the rule was loaded from. */
  file: string;
  /** Set by Catalog.matchFlow (absent from Catalog.match): which of the flow's names matched. */
  via?: MatchVia;
  /** Set by Catalog.matchFlow: the name the client asked for that `matchedName` stands for. */
  askedName?: string;
}
