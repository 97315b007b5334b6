/**
 * The transfer status of a destination from its server country (and, for the US, the operator's Data Privacy
 * Framework certification), as of a date. Server location and operator are separate facts (see legal.md):
 * this answers only "where is the server, legally"; the operator's HQ is reported beside it.
 */

import type { Transfer } from '../../core/assessment-vocabulary.js';
import {
  ADEQUACY_DECISIONS,
  type AdequacyDecision,
  EEA_EFTA_MEMBERS,
  EU_MEMBERS,
  FORMER_MEMBERS,
} from './jurisdiction-table.js';

export type { Transfer } from '../../core/assessment-vocabulary.js';

export interface TransferAssessment {
  status: Transfer;
  /** One sentence a report can print. */
  reason: string;
  decision?: AdequacyDecision;
}

export interface TransferOptions {
  /** YYYY-MM-DD; default today (UTC). Decisions adopted later or expired before do not count. */
  asOf?: string;
  /** The destination is local (private, loopback ...): nothing is transferred. */
  local?: boolean;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** EU/EEA membership on a date: the ISO code's entry, or null. */
export function eeaMembership(country: string, asOf: string = today()): 'eu' | 'eea-efta' | null {
  const iso = country.toUpperCase();
  if (EU_MEMBERS.some((m) => m.iso === iso && m.since <= asOf)) return 'eu';
  if (FORMER_MEMBERS.some((m) => m.iso === iso && m.since <= asOf && asOf <= m.until)) return 'eu';
  if (EEA_EFTA_MEMBERS.some((m) => m.iso === iso && m.since <= asOf)) return 'eea-efta';
  return null;
}

/** The adequacy decision in force for a country on a date, if any. */
export function adequacyDecision(country: string, asOf: string = today()): AdequacyDecision | null {
  const iso = country.toUpperCase();
  return ADEQUACY_DECISIONS.find((d) => d.iso === iso && d.adopted <= asOf && (d.expires ?? '9999') >= asOf) ?? null;
}

/** In the EU or the EEA on a date (the one membership table; Hungary included, the UK until 2020-12-31). */
export function inEea(country: string, asOf: string = today()): boolean {
  return eeaMembership(country, asOf) !== null;
}

/**
 * Covered as a whole by an adequacy decision in force on a date. The US is not: its decision covers only
 * certified organisations (DPF), so a US company is judged by its certification, not by its country.
 */
export function adequateCountry(country: string, asOf: string = today()): boolean {
  const d = adequacyDecision(country, asOf);
  return d !== null && d.certifiedOnly !== true;
}

/**
 * transferStatus('DE') → eea; ('JP') → adequate; ('US') → adequate-if-certified; ('US', true) → adequate;
 * ('US', false) → third-country; ('CN') → third-country; (null) → unknown; local → none.
 */
export function transferStatus(
  country: string | null | undefined,
  operatorDpfCertified?: boolean | null,
  opts: TransferOptions = {},
): TransferAssessment {
  if (opts.local === true) return { status: 'none', reason: 'local destination: the traffic does not leave the site' };
  if (country === null || country === undefined || !/^[A-Za-z]{2}$/.test(country)) {
    return { status: 'unknown', reason: 'server country unknown' };
  }
  const iso = country.toUpperCase();
  const asOf = opts.asOf ?? today();
  const member = eeaMembership(iso, asOf);
  if (member === 'eu') return { status: 'eea', reason: `${iso} is an EU member state` };
  if (member === 'eea-efta') return { status: 'eea', reason: `${iso} is in the EEA (EFTA state)` };
  const decision = adequacyDecision(iso, asOf);
  if (decision === null) {
    return { status: 'third-country', reason: `${iso} has no adequacy decision in force on ${asOf}` };
  }
  const cite = `${decision.reference}, adopted ${decision.adopted}`;
  if (decision.certifiedOnly === true) {
    if (operatorDpfCertified === true) {
      return {
        status: 'adequate',
        reason: `${iso}: operator certified under the Data Privacy Framework (${cite})`,
        decision,
      };
    }
    if (operatorDpfCertified === false) {
      return {
        status: 'third-country',
        reason: `${iso}: operator not on the Data Privacy Framework list, so the adequacy decision does not cover it (${cite})`,
        decision,
      };
    }
    return {
      status: 'adequate-if-certified',
      reason: `${iso}: adequate only if the recipient is certified under the Data Privacy Framework (${cite})`,
      decision,
    };
  }
  const scope = decision.scope === undefined ? '' : `; covers ${decision.scope}`;
  return { status: 'adequate', reason: `${iso}: adequacy decision (${cite}${scope})`, decision };
}
