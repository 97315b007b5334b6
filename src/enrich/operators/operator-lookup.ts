/**
 * Who operates a destination: by ASN from asn-table.ts, else by the AS organisation name the ASN database gave
 * (word-bounded patterns from companies.ts; the longest matching pattern wins so "google cloud" style names do
 * not fall to a shorter, wrong one). Never guesses from host names: that is the catalog's job.
 */

import { ASN_ROWS } from './asn-table.js';
import { COMPANIES, type Company, type DpfFact } from './companies.js';
import type { Operator } from './operator.js';

export interface OperatorInfo {
  /** The company (parent) name. */
  name: string;
  hqCountry: string;
  asn: number | null;
  /** The AS holder's name (from our table, else the database's). */
  asOrg: string | null;
  dpf: DpfFact;
  /** The AS serves anycast/CDN addresses: the server's location is not fixed. */
  anycast: boolean;
  /** How the operator was found. */
  match: 'asn' | 'org-name';
  /** False when the ASN row or the company fact is not checked against a registry. */
  verified: boolean;
  notes: string[];
}

interface AsnEntry {
  asOrg: string;
  company: Company;
  note: string;
  verified: boolean;
  anycast: boolean;
}

const BY_ASN = new Map<number, AsnEntry>();
for (const [asn, asOrg, key, note, verified, anycast] of ASN_ROWS) {
  const company = COMPANIES.get(key);
  // A row naming an unknown company is a data error caught by the tests; skip it at runtime.
  if (company !== undefined) BY_ASN.set(asn, { asOrg, company, note, verified, anycast });
}

interface Pattern {
  text: string;
  re: RegExp;
  length: number;
  company: Company;
}

const PATTERNS: Pattern[] = [];
for (const company of COMPANIES.values()) {
  for (const p of company.orgPatterns) {
    const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    PATTERNS.push({ text: p, re: new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`), length: p.length, company });
  }
}
PATTERNS.sort((a, b) => b.length - a.length);

/**
 * Patterns by their first word. A pattern that starts with a letter or digit can only match (word-bounded, as
 * the regular expression demands) where that first word is a whole word of the AS name, so only the patterns
 * whose first word the name contains are tried, instead of every pattern for every unknown AS name. Patterns
 * starting otherwise are always tried. Indexes keep the longest-first order.
 */
const BY_FIRST_WORD = new Map<string, number[]>();
const ALWAYS_TRIED: number[] = [];
PATTERNS.forEach((p, i) => {
  const word = /^[a-z0-9]+/.exec(p.text)?.[0];
  if (word === undefined) ALWAYS_TRIED.push(i);
  else {
    const list = BY_FIRST_WORD.get(word);
    if (list === undefined) BY_FIRST_WORD.set(word, [i]);
    else list.push(i);
  }
});

/** The first (longest) pattern matching the lower-cased AS name. */
function findPattern(lower: string): Pattern | undefined {
  const tried = new Set<number>(ALWAYS_TRIED);
  for (const word of lower.split(/[^a-z0-9]+/)) for (const i of BY_FIRST_WORD.get(word) ?? []) tried.add(i);
  let best = -1;
  for (const i of tried) if ((best < 0 || i < best) && PATTERNS[i]?.re.test(lower) === true) best = i;
  return best < 0 ? undefined : PATTERNS[best];
}

export function lookupOperator(asn: number | null | undefined, asOrg?: string | null): OperatorInfo | null {
  if (asn !== null && asn !== undefined) {
    const hit = BY_ASN.get(asn);
    if (hit !== undefined) {
      return {
        name: hit.company.name,
        hqCountry: hit.company.hq,
        asn,
        asOrg: hit.asOrg,
        dpf: hit.company.dpf,
        anycast: hit.anycast,
        match: 'asn',
        verified: hit.verified,
        notes: [hit.note, ...(hit.company.note === undefined ? [] : [hit.company.note])],
      };
    }
  }
  if (asOrg === null || asOrg === undefined || asOrg.length === 0) return null;
  const lower = asOrg.toLowerCase().slice(0, 200);
  const found = findPattern(lower);
  if (found === undefined) return null;
  return {
    name: found.company.name,
    hqCountry: found.company.hq,
    asn: asn ?? null,
    asOrg,
    dpf: found.company.dpf,
    anycast: false,
    match: 'org-name',
    verified: false,
    notes: [
      `operator inferred from the AS organisation name "${asOrg}"`,
      ...(found.company.note === undefined ? [] : [found.company.note]),
    ],
  };
}

/**
 * Whether a DPF fact counts on `asOf` (YYYY-MM-DD; omitted: it counts): checked on the list or stated by the
 * company, and dated on or before that day. A statement dated after the day an audit is judged on says nothing of
 * that day, so the participation is unknown there.
 */
export function dpfCounts(dpf: DpfFact, asOf?: string): boolean {
  return dpf.verified && dpf.basis !== 'not-applicable' && (asOf === undefined || dpf.recorded <= asOf);
}

/**
 * The report model's operator shape: DPF participation only when checked (on the list, or stated by the company)
 * and dated on or before `asOf`; else null = unknown.
 */
export function toReportOperator(op: OperatorInfo, asOf?: string): Operator {
  const checked = dpfCounts(op.dpf, asOf);
  return {
    name: op.name,
    hqCountry: op.hqCountry,
    dpfCertified: checked ? op.dpf.participant : null,
    dpfAsOf: checked ? op.dpf.recorded : null,
    ...(checked ? { dpfSource: op.dpf.source } : {}),
    asn: op.asn,
    asOrg: op.asOrg,
    anycast: op.anycast,
  };
}

export function operatorTableSize(): { asns: number; companies: number } {
  return { asns: BY_ASN.size, companies: COMPANIES.size };
}
