/** Shapes shared by the payload PII detectors (one file per detector, wired in registry.ts). */

export type PiiKind =
  | 'email'
  | 'windows-profile-path'
  | 'unc-path'
  | 'user-name'
  | 'mac-address'
  | 'device-id'
  | 'imei'
  | 'phone'
  | 'iban'
  | 'payment-card'
  | 'private-ip'
  | 'internal-host'
  /** A device, user, client, advertising or long-lived cookie id, recognised by field name and shape (payload/content). */
  | 'identifier';

export type PiiConfidence = 'high' | 'medium';

/** Where the text came from: "http.query", "http.header.Cookie", "http.body", "dns.qname", "url", ... */
export interface PiiContext {
  field: string;
  frame?: number;
  line?: number;
}

export interface PiiOptions {
  /** Extra internal domain suffixes (e.g. "example.org" for the organisation's own AD domain). */
  internalSuffixes?: string[];
  /** Report values unmasked (only for an operator who asked with --show-values). */
  showValues?: boolean;
}

export interface PiiFinding {
  kind: PiiKind;
  /** Detector id (stable, kebab-case). */
  detector: string;
  field: string;
  frame?: number;
  line?: number;
  /** Masked unless showValues: keeps the first and last character, e.g. "j***@e***.nl". */
  excerpt: string;
  confidence: PiiConfidence;
}

/** A key/value pair found in a query string, header block, cookie or JSON body. */
export interface Param {
  key: string;
  value: string;
}

export interface DetectInput {
  /** Decoded text (percent-decoded for URL fields), capped in length. */
  text: string;
  /** Key/value pairs found in the text; keys lower-cased with "-" and "_" removed. */
  params: Param[];
  internalSuffixes: string[];
}

export interface RawHit {
  value: string;
  confidence: PiiConfidence;
}

export interface PiiDetector {
  id: string;
  kind: PiiKind;
  detect(input: DetectInput): RawHit[];
}

/** Hard limit on hits per detector per input: bounded output for hostile payloads. */
export const MAX_HITS_PER_DETECTOR = 20;
