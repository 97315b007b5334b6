/**
 * The report model: the one contract between analysis and output. Every renderer reads only this; the JSON
 * renderer writes it as is, and report/schema.json describes it (schemaVersion bumps on breaking changes).
 */

export const REPORT_SCHEMA_VERSION = '1.0.0';

export type Transfer = 'none' | 'eea' | 'adequate' | 'adequate-if-certified' | 'third-country' | 'unknown';
export type PersonalData = 'observed' | 'likely' | 'possible' | 'unlikely' | 'unknown';
export type Risk = 'high' | 'medium' | 'low' | 'none';
export type PolicyOutcome = 'allowed' | 'violation' | 'ignored' | 'n/a';
export type Scope = 'public' | 'local' | 'special';

export interface Report {
  schemaVersion: string;
  metadata: ReportMetadata;
  summary: ReportSummary;
  destinations: DestinationGroup[];
  evidence: Evidence[];
  skipped: SkippedEntry[];
  /** Plain-language limitations of this run (what the data could not tell). */
  limitations: string[];
  /** With --baseline: groups of the previous report whose key is absent from this one (src/schedule/baseline.ts). */
  gone?: GoneGroup[];
}

/** A destination group of the baseline report that this report no longer has, matched by `key`. */
export interface GoneGroup {
  key: string;
  names: string[];
  country: string | null;
  operator: string | null;
  risk: Risk;
}

export interface ReportMetadata {
  tool: { name: 'outflow'; version: string };
  /** When the report was made (ISO 8601 UTC). */
  generatedAt: string;
  inputs: InputInfo[];
  /** Where the traffic was captured (country code or lat,lon), when given. */
  vantage: { country?: string; lat?: number; lon?: number } | null;
  databases: DatabaseInfo[];
  catalog: { version: string; updated: string; rules: number; files: string[] };
  options: Record<string, string | number | boolean | string[] | null>;
  /** Time span of all inputs (ISO 8601 UTC), null when no timed record was read. */
  timeSpan: { first: string; last: string } | null;
  /** Zone assumptions for logs written in local time. */
  timeAssumptions: { file: string; zone: string; how: string }[];
  /** True when internal addresses, host names and identifying evidence were replaced by keyed hashes. */
  pseudonymized: boolean;
  /** With --baseline: the previous report this one was compared with. */
  baseline?: { file: string; generatedAt: string };
}

export interface InputInfo {
  file: string;
  format: string;
  gzip: boolean;
  size: number | null;
  sha256: string | null;
  packets: number | null;
  flows: number;
  first: string | null;
  last: string | null;
}

export interface DatabaseInfo {
  /** country, city, asn, catalog ... */
  role: string;
  file: string;
  type: string;
  buildDate: string | null;
  source: string;
  licence: string;
  attribution: string;
}

export interface Totals {
  flows: number;
  bytes: number;
  destinations: number;
}

export interface ReportSummary {
  verdict: string;
  flows: number;
  bytes: number;
  packets: number;
  destinations: number;
  clients: number;
  /** Bytes to destinations whose transfer is third-country, adequate-if-certified or unknown, over all bytes. */
  bytesLeavingEeaShare: number;
  byRisk: Record<Risk, Totals>;
  byTransfer: Record<Transfer, Totals>;
  byCountry: ({ country: string | null } & Totals)[];
  byOperator: ({ operator: string | null; hqCountry: string | null } & Totals)[];
  byCategory: ({ category: string | null } & Totals)[];
  /** Highest risk found (none when nothing). */
  highestRisk: Risk;
}

export interface Operator {
  name: string;
  hqCountry: string | null;
  /** EU-US Data Privacy Framework participation as recorded on `dpfAsOf`; null when not known. */
  dpfCertified: boolean | null;
  dpfAsOf: string | null;
  /**
   * What the DPF status rests on, when known: the DPF list, or the company's own statement (with its URL).
   * A company statement is weaker than the list: it says nothing of the certification lapsing since.
   */
  dpfSource?: string;
  asn: number | null;
  asOrg: string | null;
  /** Anycast/CDN operator: the database country says little about where the server is. */
  anycast: boolean;
}

export interface GeoConflict {
  databaseCountry: string;
  rttMs: number;
  maxDistanceKm: number;
  minDistanceKm: number;
  vantage: string;
}

export interface DirectionTotals {
  packets: number | null;
  bytes: number | null;
}

/** One group per operator + name + country. */
export interface DestinationGroup {
  /** Stable id within the report, e.g. "d1"; baselines and diffs match groups by `key`. */
  id: string;
  key: string;
  /** The best name first; all names seen for the group's flows. */
  names: { name: string; via: string; unicode?: string; suspicious?: string }[];
  ips: string[];
  ports: { proto: string; port: number }[];
  scope: Scope;
  country: string | null;
  city: string | null;
  location: { lat: number; lon: number } | null;
  regionHints: string[];
  geoConflict: GeoConflict | null;
  operator: Operator | null;
  transfer: Transfer;
  category: string | null;
  vendor: string | null;
  product: string | null;
  rule: { id: string; matchedName: string; matchKind: string; source: string; verified: string | null } | null;
  /** The catalog says the vendor documents this as an EU endpoint (region). */
  endpointRegion: string | null;
  personalData: PersonalData;
  personalDataKinds: string[];
  risk: Risk;
  reasons: string[];
  policy: PolicyOutcome;
  out: DirectionTotals;
  in: DirectionTotals;
  flows: number;
  firstSeen: string;
  lastSeen: string;
  /** Internal addresses (or pseudonyms) of the clients involved. */
  clients: string[];
  /** Programs behind the flows, when a log told. */
  processes: string[];
  /** Ids into Report.evidence. */
  evidence: string[];
  /** TLS/QUIC details seen. */
  alpn: string[];
  tlsVersions: string[];
  ech: boolean;
  /** With --baseline: whether the previous report had a group with the same `key`. */
  baseline?: 'new' | 'seen';
}

export interface Evidence {
  id: string;
  /** name | pii | rule | geo | rtt */
  kind: string;
  /** What it shows, in words. */
  summary: string;
  file: string;
  frame?: number;
  line?: number;
  field?: string;
  /** Masked unless --show-values. */
  excerpt?: string;
  detector?: string;
}

export interface SkippedEntry {
  reason: string;
  count: number;
  examples: { file: string; offset?: number; frame?: number; line?: number; detail?: string }[];
}
