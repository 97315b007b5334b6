/**
 * The report model: the one contract between analysis and output. Every renderer reads only this; the JSON
 * renderer writes it as is, and report/schema.json describes it (schemaVersion bumps on breaking changes).
 */

import type { PersonalData, PolicyOutcome, Risk, Scope, Transfer } from '../core/assessment-vocabulary.js';
import type { DatabaseInfo } from '../enrich/geo/database-info.js';
import type { GeoConflict } from '../enrich/location/geo-conflict.js';
import type { Operator } from '../enrich/operators/operator.js';
import type { Recipient } from '../enrich/recipient/recipient.js';
import type { ReportList } from './report-list.js';

// The assessment's words are defined once (core/assessment-vocabulary.ts) and enrichment's facts where they are
// found (enrich/); the model carries them as they are and re-exports them for its readers.
export type { PersonalData, PolicyOutcome, Risk, Scope, Transfer } from '../core/assessment-vocabulary.js';
export type { DatabaseInfo } from '../enrich/geo/database-info.js';
export type { GeoConflict } from '../enrich/location/geo-conflict.js';
export type { Operator } from '../enrich/operators/operator.js';
export type { Recipient, RecipientBasis } from '../enrich/recipient/recipient.js';
export type { ReportList } from './report-list.js';

export const REPORT_SCHEMA_VERSION = '1.3.0';

/** A whole report: what a JSON report file holds, and what `merge`, `diff`, `trend` and `export` read. */
export interface Report extends ReportParts {
  /** In report order: ids d1, d2, … follow it. */
  destinations: DestinationGroup[];
  evidence: Evidence[];
}

/**
 * A report as renderers read it: the long lists may be sequences built item by item as they are walked (the
 * audit's, so that a report of hundreds of thousands of destinations never exists whole in memory) or arrays (a
 * Report is a ReportView). report-list.ts says how to walk them.
 */
export interface ReportView extends ReportParts {
  /** In report order: ids d1, d2, … follow it. */
  destinations: ReportList<DestinationGroup>;
  evidence: ReportList<Evidence>;
}

/** Everything of a report but its two long lists. */
export interface ReportParts {
  schemaVersion: string;
  metadata: ReportMetadata;
  summary: ReportSummary;
  skipped: SkippedEntry[];
  /** Plain-language limitations of this run (what the data could not tell). */
  limitations: string[];
  /** With --baseline: groups of the previous report whose key is absent from this one (src/compare/baseline.ts). */
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
  /** True when gzip-compressed (kept for readers of 1.2 and earlier: `compression === 'gzip'`). */
  gzip: boolean;
  /** How the file on disk was compressed, or null when it was not. Added in 1.3.0. */
  compression: 'gzip' | 'zstd' | 'lz4' | null;
  size: number | null;
  sha256: string | null;
  packets: number | null;
  flows: number;
  first: string | null;
  last: string | null;
}

export interface Totals {
  flows: number;
  bytes: number;
  destinations: number;
}

export interface ReportSummary {
  verdict: string;
  flows: number;
  /** Bytes both ways of the flows whose input recorded them: flowsWithoutBytes are not in it. */
  bytes: number;
  packets: number;
  destinations: number;
  clients: number;
  /**
   * Bytes to destinations whose transfer leaves the EEA (adequate, adequate-if-certified, third-country or
   * unknown) over all bytes counted. Only recorded bytes count: when flowsWithoutBytes > 0 it is a share of
   * the known bytes, and when flowsWithoutBytes equals flows it is 0 and says nothing (no byte was recorded).
   */
  bytesLeavingEeaShare: number;
  /** Destination groups whose transfer leaves the EEA (the same transfers), and their share of all groups. */
  destinationsLeavingEea: number;
  destinationsLeavingEeaShare: number;
  /** Flows to those groups, and their share of all flows: known whether or not the input recorded bytes. */
  flowsLeavingEea: number;
  flowsLeavingEeaShare: number;
  /**
   * Flows whose input recorded no byte count either way (a Windows Firewall ALLOW line, a log that counts only
   * both directions together), and their share of all flows: bytes, byte totals and byte shares leave them out.
   */
  flowsWithoutBytes: number;
  flowsWithoutBytesShare: number;
  byRisk: Record<Risk, Totals>;
  byTransfer: Record<Transfer, Totals>;
  /** byCountry, byOperator, byCategory: most bytes first, or most flows first when flowsWithoutBytes > 0. */
  byCountry: ({ country: string | null } & Totals)[];
  byOperator: ({ operator: string | null; hqCountry: string | null } & Totals)[];
  byCategory: ({ category: string | null } & Totals)[];
  /** Highest risk found (none when nothing). */
  highestRisk: Risk;
}

export interface DirectionTotals {
  packets: number | null;
  bytes: number | null;
}

/** One group per operator (host) + name + country. */
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
  /**
   * The server's place is not fixed by its address: an anycast host, or a range its cloud publishes worldwide
   * without a region (Microsoft 365). The country is then only where a database places the address. Added in 1.1.0.
   */
  locationNotFixed: boolean;
  /**
   * The host: the network operator of the server address, from its ASN (the landlord, not necessarily who
   * receives the data; kept under this name for compatibility).
   */
  operator: Operator | null;
  /** Who runs the service and receives the data; transfer and DPF are judged on it (schema 1.1.0). */
  recipient: Recipient;
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
  /**
   * Present when the run read content (keys given with --keylog or found in the capture, or plaintext HTTP in such
   * a run): how many of the group's flows were read, and what came of it. Added in 1.2.0.
   */
  content?: DestinationContent;
}

/** What reading a destination's content gave: "decrypted 12 of 14 flows", "read, nothing found", "not readable". */
export interface DestinationContent {
  /** Flows whose content was followed (TLS/QUIC with or without a key, plaintext HTTP). */
  flows: number;
  /** Flows whose content was read (decrypted, or plaintext). */
  read: number;
  /** Of those, decrypted with a key. */
  decrypted: number;
  /** HTTP requests read. */
  requests: number;
  /** Personal data and identifiers found in the content (listed in the group's evidence). */
  findings: number;
  /** read-nothing-found: content read, no personal data in it; found; not-readable: no flow could be read. */
  outcome: 'found' | 'read-nothing-found' | 'not-readable';
  /** Flows that could not be read, by reason (no-key, unsupported-suite, gap, decrypt-failed, incomplete, not-tls). */
  notReadable: { reason: string; flows: number }[];
}

export interface Evidence {
  id: string;
  /** name | pii | rule | geo | rtt | recipient */
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
